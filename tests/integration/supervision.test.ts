import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signedIn, startTestServer, userId, type TestServer } from "./helpers/test-server";

/**
 * Reflective supervision over real HTTP: agreements, booking one session or a series in UK time,
 * agendas, records and their confirmation, agreed actions that carry forward, changes the
 * supervisee sees, and calendars. Priya manages the SEND Casework Team (Tomasz is a member);
 * Siobhan is in another team; Eastmoor is another organisation.
 */

let server: TestServer;
let priya: Client;
let tomasz: Client;
let amira: Client;
let tomaszId: string;
let siobhanId: string;

beforeAll(async () => {
  server = await startTestServer();
  priya = await signedIn(server, "manager@northbridge.example", "203.0.113.150");
  tomasz = await signedIn(server, "tomasz.nowak@northbridge.example", "203.0.113.151");
  amira = await signedIn(server, "practitioner@northbridge.example", "203.0.113.152");
  tomaszId = await userId(server, "tomasz.nowak@northbridge.example");
  siobhanId = await userId(server, "siobhan.kelly@northbridge.example");
});
afterAll(async () => {
  await server.close();
});

async function text(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
}

const london = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function booking(fields: Record<string, string> = {}) {
  return {
    superviseeId: tomaszId,
    start: "2027-09-07T10:00",
    durationMinutes: "60",
    location: "Room 2.14, Northbridge House",
    repeat: "none",
    ...fields,
  };
}

async function sessionCount() {
  return server.db.supervisionSession.count();
}

function sessionPath(response: Response): string {
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/supervision\/sessions\/\w+$/);
  return location;
}

describe("supervision agreements", () => {
  it("a manager agrees how often they meet each person they supervise", async () => {
    const response = await priya.post("/supervision/agreements", {
      superviseeId: tomaszId,
      frequencyWeeks: "4",
      durationMinutes: "60",
      location: "Room 2.14",
    });
    expect(response.status).toBe(302);
    const stored = await server.db.supervisionAgreement.findFirstOrThrow({ where: { superviseeId: tomaszId } });
    expect(stored).toMatchObject({ frequencyWeeks: 4, durationMinutes: 60, location: "Room 2.14" });
    expect(await text(await tomasz.get("/supervision"))).toContain("every 4 weeks, 60 minutes, Room 2.14");
  });

  it("names the field at fault, and cannot reach someone outside the manager's teams", async () => {
    const bad = await priya.post("/supervision/agreements", {
      superviseeId: tomaszId,
      frequencyWeeks: "0",
      durationMinutes: "60",
      location: "Room 2.14",
    });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain("Use at least 1.");
    const outside = await priya.post("/supervision/agreements", {
      superviseeId: siobhanId,
      frequencyWeeks: "4",
      durationMinutes: "60",
      location: "Room 1",
    });
    expect(outside.status).toBe(404);
    expect(await server.db.supervisionAgreement.count({ where: { superviseeId: siobhanId } })).toBe(0);
  });
});

describe("booking supervision", () => {
  let oneOff: string;

  it("books a one-off session that both people see, and nobody else", async () => {
    const response = await priya.post("/supervision/schedule", booking());
    expect(response.status).toBe(302);
    oneOff = sessionPath(response);
    const stored = await server.db.supervisionSession.findUniqueOrThrow({ where: { id: oneOff.split("/").pop() } });
    // 10:00 in September is 09:00 UTC (British Summer Time).
    expect(stored.startsAt.toISOString()).toBe("2027-09-07T09:00:00.000Z");
    expect(stored.endsAt.toISOString()).toBe("2027-09-07T10:00:00.000Z");
    expect(await text(await tomasz.get(oneOff))).toContain("Supervision with Priya Raman");
    expect(await text(await tomasz.get("/supervision"))).toContain("was booked");
    expect((await amira.get(oneOff)).status).toBe(404);
  });

  it("gives the session as an .ics file that a calendar parser reads, at 10:00 UK time", async () => {
    const response = await tomasz.get(`${oneOff}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/calendar");
    expect(response.headers.get("Content-Disposition")).toContain('filename="supervision-2027-09-07.ics"');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe("Supervision with Priya Raman");
    expect(events[0]!.location).toBe("Room 2.14, Northbridge House");
    expect(london.format(events[0]!.startDate.toJSDate())).toBe("10:00");
    // A download has no page of its own: anyone else is sent to the session page, which is a 404.
    const elsewhere = await amira.get(`${oneOff}/calendar.ics`);
    expect(elsewhere.headers.get("Location")).toBe(oneOff);
    expect((await amira.get(oneOff)).status).toBe(404);
  });

  it("books a monthly series that stays at 10:00 UK time across the clock change", async () => {
    const before = await sessionCount();
    const response = await priya.post(
      "/supervision/schedule",
      booking({ start: "2027-09-14T10:00", repeat: "monthly", interval: "1", count: "6" }),
    );
    expect(response.status).toBe(302);
    const sessions = await server.db.supervisionSession.findMany({
      where: { superviseeId: tomaszId, seriesId: { not: null } },
      orderBy: { startsAt: "asc" },
    });
    expect(sessions).toHaveLength(6);
    expect(await sessionCount()).toBe(before + 6);
    expect(sessions.map((session) => london.format(session.startsAt))).toEqual(Array(6).fill("10:00"));
    expect(sessions.map((session) => session.startsAt.toISOString().slice(11, 16))).toEqual([
      "09:00",
      "09:00",
      "10:00",
      "10:00",
      "10:00",
      "10:00",
    ]);
  });

  it("refuses a start in the past, an overlap, a bad series and someone outside the team, saving nothing", async () => {
    const before = await sessionCount();
    const cases: [Record<string, string>, number, string][] = [
      [booking({ start: "2020-01-07T10:00" }), 400, "The start is in the past"],
      [booking({ start: "2027-09-07T10:30" }), 400, "overlaps another supervision session"],
      [booking({ start: "2027-03-28T01:30" }), 400, "the clocks go forward"],
      [booking({ durationMinutes: "0" }), 400, "Use at least 15."],
      [booking({ repeat: "weekly", interval: "1" }), 400, "Say how many sessions, or the last date."],
      [booking({ start: "2027-10-05T10:00", repeat: "weekly", until: "2027-10-01" }), 400, "until"],
      [booking({ location: "" }), 400, "Say where"],
      [booking({ superviseeId: siobhanId }), 404, ""],
    ];
    for (const [fields, status, message] of cases) {
      const response = await priya.post("/supervision/schedule", fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      if (message) expect((await text(response)).toLowerCase()).toContain(message.toLowerCase());
    }
    // What was typed is kept.
    expect(await text(await priya.post("/supervision/schedule", booking({ start: "2020-01-07T10:00" })))).toContain(
      "Room 2.14, Northbridge House",
    );
    expect(await sessionCount()).toBe(before);
  });

  it("is for managers only", async () => {
    expect((await tomasz.get("/supervision/schedule")).status).toBe(403);
    expect((await tomasz.post("/supervision/schedule", booking())).status).toBe(403);
  });
});

describe("changing a series", () => {
  async function series() {
    return server.db.supervisionSession.findMany({
      where: { superviseeId: tomaszId, seriesId: { not: null } },
      orderBy: { startsAt: "asc" },
    });
  }

  it("moves one occurrence, and the supervisee sees the change", async () => {
    const [, second] = await series();
    const response = await priya.post(`/supervision/sessions/${second!.id}`, {
      intent: "reschedule",
      start: "2027-10-13T14:00",
      location: "Online: the team's meeting link",
      scope: "one",
    });
    expect(response.status).toBe(302);
    const moved = await server.db.supervisionSession.findUniqueOrThrow({ where: { id: second!.id } });
    expect(moved.startsAt.toISOString()).toBe("2027-10-13T13:00:00.000Z");
    expect(await text(await tomasz.get("/supervision"))).toContain("was moved");
    expect(await text(await tomasz.get(`/supervision/sessions/${second!.id}`))).toContain("Moved on");
  });

  it("moves the rest of the series to a new time of day, keeping UK time across the clock change", async () => {
    const [, , third] = await series();
    const response = await priya.post(`/supervision/sessions/${third!.id}`, {
      intent: "reschedule",
      start: `${third!.startsAt.toISOString().slice(0, 10)}T15:00`,
      location: "Room 3",
      scope: "rest",
    });
    expect(response.status).toBe(302);
    const after = await series();
    expect(after.slice(2).map((session) => london.format(session.startsAt))).toEqual([
      "15:00",
      "15:00",
      "15:00",
      "15:00",
    ]);
    expect(london.format(after[0]!.startsAt)).toBe("10:00");
  });

  it("cancels the rest of the series; only the supervisor may", async () => {
    const [, , , fourth] = await series();
    expect((await tomasz.post(`/supervision/sessions/${fourth!.id}`, { intent: "cancel", scope: "rest" })).status).toBe(
      403,
    );
    const response = await priya.post(`/supervision/sessions/${fourth!.id}`, { intent: "cancel", scope: "rest" });
    expect(response.status).toBe(302);
    const statuses = (await series()).map((session) => session.status);
    expect(statuses).toEqual(["scheduled", "scheduled", "scheduled", "cancelled", "cancelled", "cancelled"]);
    expect(await text(await tomasz.get("/supervision"))).toContain("was cancelled");
  });
});

describe("agenda, record and agreed actions", () => {
  let past: string;
  let next: string;

  beforeAll(async () => {
    // A session that has happened (booking in the past is refused, so it is made directly).
    const organisation = await server.db.organisation.findUniqueOrThrow({ where: { slug: "northbridge" } });
    const priyaId = await userId(server, "manager@northbridge.example");
    const startsAt = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const made = await server.db.supervisionSession.create({
      data: {
        organisationId: organisation.id,
        supervisorId: priyaId,
        superviseeId: tomaszId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
        location: "Room 2.14",
      },
    });
    past = `/supervision/sessions/${made.id}`;
    const booked = await priya.post("/supervision/schedule", booking({ start: "2027-11-02T11:00" }));
    next = sessionPath(booked);
  });

  it("lets the supervisee bring a reflection they shared, and no one else's", async () => {
    const started = await tomasz.post("/journal/new", {});
    const reflection = (started.headers.get("Location") ?? "").split("/").pop()!;
    await tomasz.post(`/journal/${reflection}`, { intent: "save", title: "The interpreter meeting" });
    const unshared = await tomasz.post(next, { intent: "agenda", text: "How it went", reflectionId: reflection });
    expect(unshared.status).toBe(400);
    expect(await text(unshared)).toContain("Choose one of the reflections you have shared.");
    await tomasz.post(`/journal/${reflection}`, { intent: "share" });
    const response = await tomasz.post(next, {
      intent: "agenda",
      text: "How the interpreter meeting went",
      reflectionId: reflection,
    });
    expect(response.status).toBe(302);
    await priya.post(next, { intent: "agenda", text: "Your workload before the holidays" });
    const page = await text(await priya.get(next));
    expect(page).toContain("How the interpreter meeting went");
    expect(page).toContain(`/supervision/shared/${reflection}`);
    expect(page).toContain("Your workload before the holidays");
  });

  it("records the session under the four functions with actions; the supervisee confirms with a comment", async () => {
    expect((await tomasz.post(past, { intent: "record", heldMinutes: "55" })).status).toBe(403);
    const bad = await priya.post(past, {
      intent: "record",
      heldMinutes: "55",
      notesSupport: "Tired after the tribunal week.",
      "actions[0].text": "Book the interpreter training",
      "actions[0].owner": "",
      "actions[0].dueOn": "",
    });
    expect(bad.status).toBe(400);
    const badPage = await text(bad);
    expect(badPage).toContain("Choose who owns the action.");
    expect(badPage).toContain("Enter a due date like 2026-12-31.");
    expect(badPage).toContain("Tired after the tribunal week.");
    const response = await priya.post(past, {
      intent: "record",
      heldMinutes: "55",
      notesManagement: "Caseload reviewed together.",
      notesSupport: "Tired after the tribunal week.",
      notesDevelopment: "Wants to practise interpreter meetings.",
      notesMediation: "",
      "actions[0].text": "Book the interpreter training",
      "actions[0].owner": "supervisee",
      "actions[0].dueOn": "2027-01-15",
      "actions[1].text": "Ask the EP team about the backlog",
      "actions[1].owner": "supervisor",
      "actions[1].dueOn": "2027-01-08",
    });
    expect(response.status).toBe(302);
    const stored = await server.db.supervisionSession.findUniqueOrThrow({ where: { id: past.split("/").pop() } });
    expect(stored).toMatchObject({ status: "held", heldMinutes: 55, confirmedAt: null });
    expect(await text(await tomasz.get(past))).toContain("awaiting confirmation from Tomasz Nowak");
    expect(await text(await tomasz.get("/supervision"))).toContain("please confirm the record");
    expect(await text(await tomasz.get("/home"))).toContain("Confirm the record of your supervision on");

    expect((await priya.post(past, { intent: "confirm" })).status).toBe(403);
    expect((await tomasz.post(past, { intent: "confirm", comment: "Agreed, thanks." })).status).toBe(302);
    const page = await text(await priya.get(past));
    expect(page).toContain("Held and confirmed on");
    expect(page).toContain("Agreed, thanks.");
  });

  it("carries open actions to the top of the next agenda until they are done", async () => {
    let page = await text(await tomasz.get(next));
    expect(page).toContain("Open actions from before");
    expect(page.indexOf("Ask the EP team about the backlog")).toBeLessThan(
      page.indexOf("Book the interpreter training"),
    );
    const action = await server.db.agreedAction.findFirstOrThrow({ where: { text: "Book the interpreter training" } });
    expect((await amira.post(next, { intent: "action-done", actionId: action.id, done: "yes" })).status).toBe(404);
    expect((await tomasz.post(next, { intent: "action-done", actionId: action.id, done: "yes" })).status).toBe(302);
    page = await text(await tomasz.get(next));
    expect(page.split('id="agenda-heading"')[1]?.split("</section>")[0]).not.toContain("Book the interpreter training");
  });
});

describe("the personal calendar feed", () => {
  it("lists every session of the person's, by a secret address that can be turned off", async () => {
    const made = await tomasz.post("/supervision", { intent: "create-feed" });
    expect(made.status).toBe(302);
    const token = new URL(made.headers.get("Location") ?? "", server.baseUrl).searchParams.get("feed") ?? "";
    expect(token.length).toBeGreaterThan(20);
    expect(await text(await tomasz.get(made.headers.get("Location")!))).toContain(`/calendar/${token}.ics`);
    // The address is shown once: only its hash is kept.
    expect(await server.db.calendarFeed.count({ where: { tokenHash: token } })).toBe(0);

    const calendarApp = new Client(server.baseUrl, "198.51.100.40");
    const feed = await calendarApp.get(`/calendar/${token}.ics`);
    expect(feed.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    const mine = await server.db.supervisionSession.count({
      where: { superviseeId: tomaszId, startsAt: { gte: new Date(Date.now() - 92 * 24 * 60 * 60 * 1000) } },
    });
    expect(events).toHaveLength(mine);
    const cancelled = events.filter((event) => event.component.getFirstPropertyValue("status") === "CANCELLED");
    expect(cancelled).toHaveLength(3);

    expect((await tomasz.post("/supervision", { intent: "revoke-feed" })).status).toBe(302);
    expect((await calendarApp.get(`/calendar/${token}.ics`)).status).toBe(404);
    expect((await calendarApp.get("/calendar/not-a-token.ics")).status).toBe(404);
  });
});

describe("the home page", () => {
  it("shows the next session and open actions of the demo's supervisee, and nothing of anyone else's", async () => {
    const grace = await signedIn(server, "grace.adeyemi@northbridge.example", "203.0.113.155");
    const page = await text(await grace.get("/home"));
    expect(page).toContain("Coming up");
    expect(page).toContain("Supervision with Priya Raman");
    expect(page).toContain("Practise 'The phone call before the letter' and reflect on it");
    expect(page).not.toContain("Block out lunch twice a week"); // done
    expect(await text(await amira.get("/home"))).not.toContain(
      "Practise 'The phone call before the letter' and reflect",
    );
  });
});
