import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysBetween, londonDate, londonWallClock } from "~/domain/london-time";
import { signedIn, startTestServer, userId, type Client, type TestServer } from "./helpers/test-server";

/**
 * The coaching-time dashboard (/team), a person's timeline (/team/:userId), the CSV export and
 * the organisation view (/admin/coaching), over real HTTP. A team of its own, with a manager of
 * its own, is made directly in the database with figures worked out by hand below, so nothing
 * else in the demo data can move them.
 */

let server: TestServer;
let manager: Client;
let ids: { organisation: string; team: string; manager: string; ava: string; zoe: string; leon: string; gone: string };
let nextSession: Date;
let lastHeld: Date;

// June 2026: Monday 1 to Sunday 28, all in British Summer Time (London midnight is 23:00 UTC).
const JUNE = "from=2026-06-01&to=2026-06-28";
const TEAM_NAME = "Preparing for Adulthood Team";

async function text(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
}

/** The text of each cell in the table row whose first cell holds `label`. */
function rowOf(html: string, label: string, tableId?: string): string[] {
  const table = tableId ? (html.match(new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`))?.[0] ?? "") : html;
  const row = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((match) => match[1]!)
    .find((cells) =>
      cells
        .replace(/<[^>]+>/g, "")
        .trim()
        .startsWith(label),
    );
  if (!row) throw new Error(`No row for "${label}"`);
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "").trim());
}

/** A page as it would be for anyone, without what changes on every request. */
function stable(html: string): string {
  return html.replace(/nonce="[^"]*"/g, "").replace(/\/assets\/[^"]+/g, "");
}

const at = (iso: string) => new Date(iso);

async function makeTeam() {
  const organisation = await server.db.organisation.findUniqueOrThrow({
    where: { slug: "northbridge" },
    select: { id: true },
  });
  const priya = await server.db.user.findUniqueOrThrow({
    where: { email: "manager@northbridge.example" },
    select: { passwordHash: true },
  });
  const team = await server.db.team.create({
    data: { organisationId: organisation.id, name: TEAM_NAME },
    select: { id: true },
  });
  const person = async (email: string, name: string, role: "member" | "manager", deactivated = false) => {
    const user = await server.db.user.create({
      data: {
        organisationId: organisation.id,
        email,
        name,
        passwordHash: priya.passwordHash,
        deactivatedAt: deactivated ? new Date() : null,
        roles: { create: [{ role: role === "manager" ? "manager" : "practitioner" }] },
        memberships: { create: [{ teamId: team.id, role }] },
      },
      select: { id: true },
    });
    return user.id;
  };
  return {
    organisation: organisation.id,
    team: team.id,
    manager: await person("nkechi.obi@northbridge.example", "Nkechi Obi", "manager"),
    ava: await person("ava.ahmed@northbridge.example", "Ava Ahmed", "member"),
    zoe: await person("zoe.brown@northbridge.example", "Zoë Brown", "member"),
    leon: await person("leon.carter@northbridge.example", "Leon Carter", "member"),
    gone: await person("olu.dare@northbridge.example", "Olu Dare", "member", true),
  };
}

async function seedFigures() {
  const version = await server.db.scenarioVersion.findFirstOrThrow({
    select: { id: true, scenario: { select: { title: true } } },
  });
  const run = (userId: string, startedAt: string, status: string, seconds: number, endedAt: string | null) =>
    server.db.practiceRun.create({
      data: {
        userId,
        organisationId: ids.organisation,
        scenarioVersionId: version.id,
        status,
        state: "{}",
        practiceSeconds: seconds,
        startedAt: at(startedAt),
        lastActivityAt: at(endedAt ?? startedAt),
        endedAt: endedAt ? at(endedAt) : null,
      },
    });
  // Ava: 20 + 5.5 + 1.5 minutes started in June = 27; two completions (one started on 31 May).
  await run(ids.ava, "2026-06-03T09:00:00Z", "completed", 1200, "2026-06-03T09:20:00Z");
  await run(ids.ava, "2026-06-10T09:00:00Z", "abandoned", 330, "2026-06-10T09:06:00Z");
  await run(ids.ava, "2026-05-31T22:30:00Z", "completed", 600, "2026-06-01T00:10:00Z");
  await run(ids.ava, "2026-06-28T22:30:00Z", "in-progress", 90, null);
  // 23:30 on 28 June in London is 00:30 on 29 June: outside the period.
  await run(ids.ava, "2026-06-28T23:30:00Z", "completed", 3000, "2026-06-28T23:50:00Z");
  // Zoë: 15 minutes and one completion in June, and a run two days ago (so she has practised lately).
  await run(ids.zoe, "2026-06-15T10:00:00Z", "completed", 900, "2026-06-15T10:15:00Z");
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  await run(
    ids.zoe,
    twoDaysAgo.toISOString(),
    "abandoned",
    120,
    new Date(twoDaysAgo.getTime() + 120_000).toISOString(),
  );

  const reflection = (userId: string, title: string, sharedAt: string | null, createdAt = "2026-06-04T12:00:00Z") =>
    server.db.reflection.create({
      data: {
        userId,
        organisationId: ids.organisation,
        framework: "gibbs",
        title,
        sharedAt: sharedAt ? at(sharedAt) : null,
        createdAt: at(createdAt),
      },
      select: { id: true },
    });
  await reflection(ids.ava, "Calling before the letter", "2026-06-05T12:00:00Z");
  await reflection(ids.ava, "Shared in July", "2026-07-02T12:00:00Z");
  await reflection(ids.ava, "PRIVATE-MARKER one", null);

  const session = (startsAt: string, minutes: number, status: string, heldMinutes: number | null) =>
    server.db.supervisionSession.create({
      data: {
        organisationId: ids.organisation,
        supervisorId: ids.manager,
        superviseeId: ids.ava,
        startsAt: at(startsAt),
        endsAt: new Date(at(startsAt).getTime() + minutes * 60_000),
        location: "Room 2",
        status,
        heldMinutes,
      },
      select: { id: true },
    });
  // 50 recorded minutes, a cancelled session, and 45 booked minutes held but never given minutes: 95.
  const held = await session("2026-06-09T09:00:00Z", 60, "held", 50);
  await session("2026-06-16T09:00:00Z", 60, "cancelled", null);
  lastHeld = at("2026-06-23T09:00:00Z");
  await session(lastHeld.toISOString(), 45, "held", null);
  nextSession = new Date(Math.ceil((Date.now() + 30 * 24 * 60 * 60 * 1000) / 3_600_000) * 3_600_000);
  await session(nextSession.toISOString(), 60, "scheduled", null);
  await server.db.supervisionAgreement.create({
    data: {
      organisationId: ids.organisation,
      supervisorId: ids.manager,
      superviseeId: ids.ava,
      frequencyWeeks: 4,
      durationMinutes: 60,
      location: "Room 2",
    },
  });
  const action = (text: string, doneAt: string | null) =>
    server.db.agreedAction.create({
      data: {
        sessionId: held.id,
        supervisorId: ids.manager,
        superviseeId: ids.ava,
        ownerId: ids.ava,
        text,
        dueOn: "2026-06-30",
        doneAt: doneAt ? at(doneAt) : null,
      },
    });
  await action("Ask the SENCO about the quiet room", null);
  await action("Phone the family before the panel letter", null);
  await action("Read the guidance on annual reviews", "2026-06-20T10:00:00Z");

  // The deactivated member's practice must not show anywhere.
  await run(ids.gone, "2026-06-12T10:00:00Z", "completed", 6000, "2026-06-12T11:40:00Z");
}

beforeAll(async () => {
  server = await startTestServer();
  ids = await makeTeam();
  await seedFigures();
  manager = await signedIn(server, "nkechi.obi@northbridge.example", "203.0.113.200");
});
afterAll(async () => {
  await server.close();
});

const avaDays = () => daysBetween(londonDate(lastHeld), londonDate(new Date()));

describe("the dashboard", () => {
  it("shows each person's time in June, in name order, with the team's totals", async () => {
    const response = await manager.get(`/team?${JUNE}`);
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain("<strong>1 June 2026 to 28 June 2026 (4 weeks)</strong>");
    const table = `people-${ids.team}`;
    expect(rowOf(page, "Ava Ahmed", table)).toEqual([
      "Ava Ahmed",
      "27",
      "2",
      "1",
      "95",
      `${avaDays()} days (agreed: every 4 weeks)`,
      expect.stringContaining(String(nextSession.getUTCFullYear())),
      "2",
      "Supervision overdueNo practice in four weeks",
    ]);
    expect(rowOf(page, "Zoë Brown", table)).toEqual([
      "Zoë Brown",
      "15",
      "1",
      "0",
      "0",
      "None yet (no agreement yet)",
      "None booked",
      "0",
      "",
    ]);
    expect(rowOf(page, "Leon Carter", table)).toEqual([
      "Leon Carter",
      "0",
      "0",
      "0",
      "0",
      "None yet (no agreement yet)",
      "None booked",
      "0",
      "No practice in four weeks",
    ]);
    expect(rowOf(page, "Team total", table)).toEqual([
      "Team total",
      "42",
      "3",
      "1",
      "95",
      "",
      "",
      "2",
      "1 person overdue for supervision; 2 not practised in four weeks",
    ]);
    // By name, never by a figure.
    const order = ["Ava Ahmed", "Leon Carter", "Zoë Brown"].map((name) => page.indexOf(`>${name}</a>`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Nobody else: not the manager, not someone deactivated, not another team.
    expect(page).not.toContain("Olu Dare");
    expect(page).not.toContain("Amira Hussain");
    expect(page).not.toMatch(/<th[^>]*>Nkechi Obi/);
    // Someone has practised lately, so there is no team-wide note.
    expect(page).not.toContain("Nobody in this team has practised");
  });

  it("shows the week-by-week trend as a table, a part of each week's figures only", async () => {
    const page = await text(await manager.get(`/team?${JUNE}`));
    expect(page).toContain(`Week by week in ${TEAM_NAME}`);
    // Practice minutes are rounded per week (5.5 → 6, 1.5 → 2), so they add up to 43, not 42.
    expect(rowOf(page, "1 June 2026")).toEqual(["1 June 2026", "20", "0", "1"]);
    expect(rowOf(page, "8 June 2026")).toEqual(["8 June 2026", "6", "50", "0"]);
    expect(rowOf(page, "15 June 2026")).toEqual(["15 June 2026", "15", "0", "0"]);
    expect(rowOf(page, "22 June 2026")).toEqual(["22 June 2026", "2", "45", "0"]);
  });

  it("defaults to the last four weeks", async () => {
    const page = await text(await manager.get("/team"));
    expect(page).toContain("(4 weeks)");
    expect(rowOf(page, "Zoë Brown", `people-${ids.team}`)[1]).toBe("2");
  });

  it("is only for managers", async () => {
    const practitioner = await signedIn(server, "ava.ahmed@northbridge.example", "203.0.113.201");
    expect((await practitioner.get("/team")).status).toBe(403);
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.202");
    expect((await admin.get("/team")).status).toBe(403);
  });
});

describe("a bad period", () => {
  it("names the date that could not be read, keeps what was typed, and shows the last four weeks", async () => {
    const response = await manager.get("/team?from=2026-02-30&to=2026-06-28");
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain("There is a problem with the dates");
    expect(page).toContain("From: Enter the start date as a real date, for example 2026-06-01.");
    expect(page).toMatch(/<input[^>]*id="period-from"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/<input[^>]*id="period-from"[^>]*value="2026-02-30"/);
    expect(page).toMatch(/<input[^>]*id="period-to"[^>]*value="2026-06-28"/);
    expect(page).toContain("Showing the last four weeks instead.");
    expect(page).toContain("(4 weeks)");
  });

  it("puts an end before the start on the end date", async () => {
    const page = await text(await manager.get("/team?from=2026-06-28&to=2026-06-01"));
    expect(page).toContain("To: The end date must be the same as or after the start date.");
    expect(page).toMatch(/<input[^>]*id="period-to"[^>]*aria-invalid="true"/);
  });

  it("refuses a period longer than a year, and survives nonsense", async () => {
    expect(await text(await manager.get("/team?from=2024-01-01&to=2026-06-28"))).toContain(
      "Choose a period of 366 days or fewer",
    );
    const nonsense = await manager.get(
      `/team?from=${encodeURIComponent("<script>alert(1)</script>")}&to=${"9".repeat(5000)}`,
    );
    expect(nonsense.status).toBe(200);
    const page = await nonsense.text();
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("Enter the end date as a real date");
  });
});

describe("a person's timeline", () => {
  it("shows their figures, runs, shared reflections, sessions and actions", async () => {
    const response = await manager.get(`/team/${ids.ava}?${JUNE}`);
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain(">Ava Ahmed</h1>");
    expect(page).toContain(TEAM_NAME);
    expect(page).toContain(`href="/supervision/schedule?with=${ids.ava}"`);
    expect(page).toContain("Recommend a conversation");
    expect(page).toContain("27 minutes");
    expect(page).toContain(`${avaDays()} days (agreed: every 4 weeks)`);
    expect(page).toContain("Supervision overdue");
    expect(page).toContain("completed on 3 June 2026, 20 minutes.");
    expect(page).toContain("stopped part way, 6 minutes.");
    expect(page).toContain("not finished yet, 2 minutes.");
    const shared = await server.db.reflection.findFirstOrThrow({
      where: { title: "Calling before the letter" },
      select: { id: true },
    });
    expect(page).toMatch(
      new RegExp(`<a [^>]*href="/supervision/shared/${shared.id}"[^>]*>Calling before the letter</a>`),
    );
    expect(page).not.toContain("Shared in July");
    expect(page).toContain("Supervision with Nkechi Obi, 50 minutes");
    expect(page).toContain("Supervision with Nkechi Obi, 45 minutes");
    expect(page).toContain("Supervision with Nkechi Obi, cancelled");
    expect(page).toContain(
      "Finished an action agreed in supervision with Nkechi Obi: “Read the guidance on annual reviews”",
    );
    expect(page).toContain("Ask the SENCO about the quiet room");
    expect(page).toContain("Due 30 June 2026");
  });

  it("keeps what was agreed in supervision between the two people in it", async () => {
    const priya = await server.db.user.findUniqueOrThrow({
      where: { email: "manager@northbridge.example" },
      select: { passwordHash: true },
    });
    await server.db.user.create({
      data: {
        organisationId: ids.organisation,
        email: "sam.ortiz@northbridge.example",
        name: "Sam Ortiz",
        passwordHash: priya.passwordHash,
        roles: { create: [{ role: "manager" }] },
        memberships: { create: [{ teamId: ids.team, role: "manager" }] },
      },
    });
    const colleague = await signedIn(server, "sam.ortiz@northbridge.example", "203.0.113.209");
    const page = await text(await colleague.get(`/team/${ids.ava}?${JUNE}`));
    expect(page).toContain("An action agreed in supervision with Nkechi Obi");
    expect(page).toContain("Finished an action agreed in supervision with Nkechi Obi</p>");
    expect(page).not.toContain("Ask the SENCO about the quiet room");
    expect(page).not.toContain("Read the guidance on annual reviews");
    // The figures are the same for both managers; only Nkechi can open her sessions.
    expect(page).toContain("95 minutes");
    expect(page).toContain("<p>Supervision with Nkechi Obi, 50 minutes</p>");
    expect(page).not.toContain("/supervision/sessions/");
    await server.db.user.delete({ where: { email: "sam.ortiz@northbridge.example" } });
  });

  it("never shows a private reflection, nor how many there are", async () => {
    const pages = async () =>
      Promise.all(
        [`/team/${ids.ava}?${JUNE}`, `/team?${JUNE}`, `/team/export.csv?team=${ids.team}&${JUNE}`].map(async (path) =>
          stable(await text(await manager.get(path))),
        ),
      );
    const before = await pages();
    for (const page of before) expect(page).not.toContain("PRIVATE-MARKER");
    // More private reflections, in the period, some about a practice run: nothing on any page may change.
    const run = await server.db.practiceRun.findFirstOrThrow({ where: { userId: ids.ava }, select: { id: true } });
    for (const [index, runId] of [null, run.id, null].entries()) {
      await server.db.reflection.create({
        data: {
          userId: ids.ava,
          organisationId: ids.organisation,
          runId,
          framework: "what-so-what-now-what",
          title: `PRIVATE-MARKER ${index}`,
          createdAt: at("2026-06-12T12:00:00Z"),
        },
      });
    }
    const after = await pages();
    for (const page of after) expect(page).not.toContain("PRIVATE-MARKER");
    expect(after).toEqual(before);
  });

  it("is not found for anyone outside the manager's teams", async () => {
    const amira = await userId(server, "practitioner@northbridge.example");
    const eastmoor = await userId(server, "practitioner@eastmoor.example");
    for (const id of [amira, eastmoor, ids.manager, ids.gone, "no-such-person", "x".repeat(300)]) {
      const response = await manager.get(`/team/${id}`);
      expect(response.status, id).toBe(404);
      expect(await response.text()).toContain("We cannot find that page");
    }
    // And the team's own people are not found by another organisation's manager, nor by another team's.
    const kwame = await signedIn(server, "manager@eastmoor.example", "203.0.113.203");
    expect((await kwame.get(`/team/${ids.ava}`)).status).toBe(404);
    const priya = await signedIn(server, "manager@northbridge.example", "203.0.113.204");
    expect((await priya.get(`/team/${ids.ava}`)).status).toBe(404);
    expect((await priya.get(`/team/${amira}`)).status).toBe(200);
  });
});

describe("recommending from a person's timeline", () => {
  it("puts the conversation, with the note, first in their suggestions", async () => {
    const response = await manager.post(`/team/${ids.ava}`, {
      intent: "recommend",
      scenario: "in-his-own-way",
      note: "Good preparation for Thursday's review.",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/team/${ids.ava}`);
    const ava = await signedIn(server, "ava.ahmed@northbridge.example", "203.0.113.210");
    const page = (await (await ava.get("/practise")).text()).replaceAll("<!-- -->", "");
    const suggested = page.split('id="suggested-heading"')[1]?.split('id="all-heading"')[0] ?? "";
    expect(suggested).toContain("Recommended by Nkechi Obi");
    expect(suggested.replaceAll("&#x27;", "'")).toContain("Good preparation for Thursday's review.");
  });

  it("names the field at fault and keeps the note; an unknown conversation or person is not found", async () => {
    const note = "n".repeat(501);
    const bad = await manager.post(`/team/${ids.ava}`, { intent: "recommend", scenario: "", note });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain("Choose a conversation to recommend.");
    expect(page).toContain("Keep the note to 500 characters or fewer");
    expect(page).toContain(note);
    expect(
      (await manager.post(`/team/${ids.ava}`, { intent: "recommend", scenario: "no-such-conversation" })).status,
    ).toBe(404);
    const amira = await userId(server, "practitioner@northbridge.example");
    expect((await manager.post(`/team/${amira}`, { intent: "recommend", scenario: "in-his-own-way" })).status).toBe(
      404,
    );
  });
});

describe("the CSV export", () => {
  it("downloads the team's figures for the period, named after the team and the period", async () => {
    const response = await manager.get(`/team/export.csv?team=${ids.team}&${JUNE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="coaching-time-preparing-for-adulthood-team-2026-06-01-to-2026-06-28.csv"',
    );
    const next = londonWallClock(nextSession).replace("T", " ");
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(body).toBe(
      "\uFEFF" +
        [
          "Name,Practice minutes,Scenarios completed,Reflections shared,Supervision minutes,Days since supervision,Supervision overdue,Next session,Open actions",
          `Ava Ahmed,27,2,1,95,${avaDays()},Yes,${next},2`,
          "Leon Carter,0,0,0,0,,No,,0",
          "Zoë Brown,15,1,0,0,,No,,0",
          "Team total,42,3,1,95,,1,,2",
          "",
        ].join("\r\n"),
    );
  });

  it("is not found for a team the manager does not lead", async () => {
    const casework = await server.db.team.findFirstOrThrow({
      where: { name: "SEND Casework Team" },
      select: { id: true },
    });
    const inclusion = await server.db.team.findFirstOrThrow({
      where: { name: "Inclusion Team" },
      select: { id: true },
    });
    for (const query of [
      `team=${casework.id}`,
      `team=${inclusion.id}`,
      "team=no-such-team",
      "",
      `team=${"x".repeat(100)}`,
    ]) {
      const response = await manager.get(`/team/export.csv?${query}`);
      expect(response.status, query).toBe(404);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
      expect(await response.text()).toContain("We cannot find that team among the teams you lead");
    }
  });

  it("refuses a period it cannot read rather than export another one", async () => {
    const response = await manager.get(`/team/export.csv?team=${ids.team}&from=2026-13-01&to=2026-06-28`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Enter the start date as a real date");
  });

  it("sends someone without the dashboard to it, to be told why", async () => {
    const practitioner = await signedIn(server, "zoe.brown@northbridge.example", "203.0.113.205");
    const response = await practitioner.get(`/team/export.csv?team=${ids.team}`);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/team");
  });
});

describe("the organisation view", () => {
  it("adds up each team's figures, the same as its manager sees them", async () => {
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.206");
    const response = await admin.get(`/admin/coaching?${JUNE}`);
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain('href="/admin/coaching"');
    expect(rowOf(page, TEAM_NAME)).toEqual([TEAM_NAME, "3", "42", "3", "1", "95", "1", "2", "2"]);
    expect(page).not.toContain("Ava Ahmed");
    // Every Northbridge team has a row, in name order; none of Eastmoor's.
    const teams = ["EHC Assessment Team", TEAM_NAME, "SEND Casework Team"].map((name) => page.indexOf(`>${name}</th>`));
    expect(teams.every((index) => index > 0)).toBe(true);
    expect(teams).toEqual([...teams].sort((a, b) => a - b));
    expect(page).not.toContain("Inclusion Team");
    const members = await server.db.user.count({
      where: { organisationId: ids.organisation, deactivatedAt: null, memberships: { some: { role: "member" } } },
    });
    expect(rowOf(page, "Organisation")[1]).toBe(String(members));

    const eastmoor = await signedIn(server, "admin@eastmoor.example", "203.0.113.207");
    const elsewhere = await text(await eastmoor.get(`/admin/coaching?${JUNE}`));
    expect(elsewhere).toContain("Inclusion Team");
    expect(elsewhere).not.toContain(TEAM_NAME);
  });

  it("is for admins only, and keeps a bad date with a message", async () => {
    expect((await manager.get("/admin/coaching")).status).toBe(403);
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.208");
    const page = await text(await admin.get("/admin/coaching?to=yesterday"));
    expect(page).toContain("To: Enter the end date as a real date");
    expect(page).toMatch(/<input[^>]*id="period-to"[^>]*value="yesterday"/);
  });
});
