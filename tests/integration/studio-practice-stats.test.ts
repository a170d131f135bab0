import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, start, type PlayState, type Scenario } from "~/domain/scenario";
import { signedIn, startTestServer, type Client, type TestServer } from "./helpers/test-server";

/**
 * What happened in practice (/studio/scenarios/:scenarioId/practice), over real HTTP, on the
 * demo's plays of "phone-before-the-letter" (prisma/seed.ts): 16 Northbridge plays, 11 completed
 * (6 heard, 5 informed), 5 stopped part way (3 at the disappointment, 2 at the anger).
 */

const SLUG = "phone-before-the-letter";
const HEARD = [
  "introduce-and-check-time",
  "warn-then-tell",
  "explain-reasons",
  "explain-plainly",
  "check-and-confirm",
  "agree-plan",
];

let server: TestServer;
let trainer: Client;
let library: { id: string; versionId: string; scenario: Scenario };
let organisations: { northbridge: string; eastmoor: string };

beforeAll(async () => {
  server = await startTestServer();
  trainer = await signedIn(server, "trainer@northbridge.example", "203.0.113.230");
  const found = await server.db.scenario.findFirstOrThrow({
    where: { slug: SLUG, origin: "library", organisationId: null },
    select: { id: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, content: true } } },
  });
  library = {
    id: found.id,
    versionId: found.versions[0]!.id,
    scenario: JSON.parse(found.versions[0]!.content) as Scenario,
  };
  const [northbridge, eastmoor] = await Promise.all(
    ["northbridge", "eastmoor"].map((slug) => server.db.organisation.findUniqueOrThrow({ where: { slug } })),
  );
  organisations = { northbridge: northbridge!.id, eastmoor: eastmoor!.id };
});
afterAll(async () => {
  await server.close();
});

/** A played run, stored as the player would have stored it. */
async function play(
  email: string,
  versionId: string,
  choices: string[],
  status: "completed" | "abandoned",
  mode = "scripted",
) {
  const user = await server.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, organisationId: true } });
  let state: PlayState = start(library.scenario);
  const steps = choices.map((choiceId, index) => {
    const moved = choose(library.scenario, state, choiceId);
    if (!moved.ok) throw new Error(moved.error.message);
    const step = { number: index + 1, nodeId: state.node, choiceId };
    state = moved.state;
    return step;
  });
  await server.db.practiceRun.create({
    data: {
      userId: user.id,
      organisationId: user.organisationId,
      scenarioVersionId: versionId,
      status,
      mode,
      state: JSON.stringify(state),
      stepCount: steps.length,
      endedAt: new Date(),
      steps: { create: steps },
    },
  });
}

/** An organisation's own scenario with versions whose content is the library scenario's. */
async function ownScenario(organisationId: string, versions: number) {
  const content = JSON.stringify(library.scenario);
  const scenario = await server.db.scenario.create({
    data: {
      slug: `own-${organisationId.slice(-6)}-${versions}`,
      origin: "organisation",
      organisationId,
      title: "Our own phone call",
      versions: {
        create: Array.from({ length: versions }, (_, index) => ({
          number: index + 1,
          contentHash: `hash-${organisationId}-${versions}-${index}`,
          source: "id: phone-before-the-letter",
          content,
        })),
      },
    },
    select: { id: true, versions: { orderBy: { number: "asc" }, select: { id: true } } },
  });
  return { id: scenario.id, versionIds: scenario.versions.map((version) => version.id) };
}

/** The page's text, with tags and React's empty comments taken out. */
async function figures(client: Client, pathname: string) {
  const response = await client.get(pathname);
  const html = (await response.text()).replaceAll("<!-- -->", "");
  return { status: response.status, html };
}

/** Each table row as its cells' text. */
function rows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, "")
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/\s+/g, " ")
        .trim(),
    ),
  );
}

function rowOf(html: string, first: string): string[] | undefined {
  return rows(html).find((row) => row[0] === first);
}

/** The caption of a node's choice table, and its rows. */
function choiceTable(html: string, nodeId: string) {
  const match = new RegExp(`<div[^>]*id="node-${nodeId}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  const table = match?.[1] ?? "";
  return {
    caption: (/<caption>([\s\S]*?)<\/caption>/.exec(table)?.[1] ?? "").replace(/<[^>]+>/g, ""),
    rows: rows(table).slice(1),
  };
}

const pathOf = (id: string, query = "") => `/studio/scenarios/${id}/practice${query}`;

describe("the figures for the demo's library scenario", () => {
  it("shows the hand-counted figures of Northbridge's 16 plays", async () => {
    const { status, html } = await figures(trainer, pathOf(library.id));
    expect(status).toBe(200);
    expect(html).toContain("<title>In practice: The phone call before the letter · Studio · Heartwork</title>");
    // Plays, completed, stopped part way, still in progress, completion rate (11 of 16).
    expect(rowOf(html, "Version 1")).toEqual(["Version 1", "16", "11", "5", "0", "69%"]);
    expect(rowOf(html, "All versions")).toEqual(["All versions", "16", "11", "5", "0", "69%"]);
    expect(rowOf(html, "A hard no, and a plan she helped shape")).toEqual([
      "A hard no, and a plan she helped shape",
      "positive",
      "6 (55%)",
    ]);
    expect(rowOf(html, "The facts, but not yet a plan")).toEqual(["The facts, but not yet a plan", "mixed", "5 (45%)"]);
    expect(rowOf(html, "The call ends in anger")).toEqual(["The call ends in anger", "difficult", "0 (0%)"]);
    // The opening: 11 introduced themselves, 5 went straight to the decision.
    const opening = choiceTable(html, "opening");
    expect(opening.caption).toMatch(/reached by 16 plays, moved on from by 16$/);
    expect(opening.rows.map((row) => row[2])).toEqual(["11 (69%)", "5 (31%)", "0 (0%)"]);
    // The meters start where the scenario starts them, for all 16.
    expect(rowOf(html, "Start")).toEqual(["Start", "16", "3.0", "1.0"]);
    expect(rowOf(html, "After move 1")?.slice(0, 2)).toEqual(["After move 1", "16"]);
  });

  it("hides every figure from fewer than five plays, and one that would give a small one away", async () => {
    const { html } = await figures(trainer, pathOf(library.id));
    // 3 stopped at the disappointment and 2 at the anger: 5 in all, each place fewer than 5.
    expect(html).toContain("Plays that stopped part way: 5.");
    const stopped = rows(html).filter((row) => row.length === 2 && row[1] === "fewer than 5");
    expect(stopped).toHaveLength(2);
    // 12 reached the disappointment (one after acknowledging their bluntness at the shock); 3 stopped there,
    // 2 asked about home and 7 explained: the 2 is hidden, so the 7 is too.
    const disappointment = choiceTable(html, "disappointment");
    expect(disappointment.caption).toMatch(/reached by 12 plays, moved on from by 9$/);
    expect(disappointment.rows.map((row) => row[2])).toEqual(["fewer than 5", "not shown", "0 (0%)"]);
    // The shock: 5 reached it, 1 acknowledged and 4 defended; neither number appears.
    const shock = choiceTable(html, "shock");
    expect(shock.rows.map((row) => row[2])).toEqual(["fewer than 5", "fewer than 5", "0 (0%)"]);
    // The map's arrows say the same in their titles, and hidden ones get no thickness.
    expect(html).toMatch(/<path[^>]*data-traffic="hidden"[^>]*>\s*<title>[^<]*how many plays took it is hidden/);
    expect(html).toMatch(
      /<path[^>]*style="stroke-width:[\d.]+"[^>]*data-traffic="0.6875"[^>]*><title>[^<]*: taken in 69% of all plays/,
    );
  });

  it("counts neither another organisation's plays of the same scenario nor practice in own words", async () => {
    for (let i = 0; i < 5; i += 1) await play("practitioner@eastmoor.example", library.versionId, HEARD, "completed");
    await play("tomasz.nowak@northbridge.example", library.versionId, [], "completed", "own-words");
    const { html } = await figures(trainer, pathOf(library.id));
    expect(rowOf(html, "Version 1")).toEqual(["Version 1", "16", "11", "5", "0", "69%"]);

    // Eastmoor's own trainer sees Eastmoor's five, and none of Northbridge's.
    const helen = await server.db.user.findUniqueOrThrow({ where: { email: "admin@eastmoor.example" } });
    await server.db.user.create({
      data: {
        organisationId: organisations.eastmoor,
        email: "trainer.stats@eastmoor.example",
        name: "Ruth Odell",
        passwordHash: helen.passwordHash,
        roles: { create: [{ role: "trainer" }] },
      },
    });
    const eastmoorTrainer = await signedIn(server, "trainer.stats@eastmoor.example", "203.0.113.231");
    const elsewhere = await figures(eastmoorTrainer, pathOf(library.id));
    expect(elsewhere.status).toBe(200);
    expect(rowOf(elsewhere.html, "Version 1")).toEqual(["Version 1", "5", "5", "0", "0", "100%"]);
  });
});

describe("an organisation's own scenario", () => {
  it("is not found by another organisation", async () => {
    const theirs = await ownScenario(organisations.eastmoor, 1);
    expect((await trainer.get(pathOf(theirs.id))).status).toBe(404);
    expect((await trainer.get(pathOf("no-such-scenario"))).status).toBe(404);
  });

  it("shows totals per version, picks a version, and hides 4 plays but shows 5", async () => {
    const ours = await ownScenario(organisations.northbridge, 2);
    const [first, second] = ours.versionIds as [string, string];
    for (let i = 0; i < 5; i += 1) await play("grace.adeyemi@northbridge.example", first, HEARD, "completed");
    for (let i = 0; i < 4; i += 1) await play("jamal.reid@northbridge.example", second, HEARD, "completed");

    // The newest by default: 4 plays, so nothing is shown.
    const newest = await figures(trainer, pathOf(ours.id));
    expect(newest.status).toBe(200);
    expect(newest.html).toContain('<h2 id="version-heading">Version 2</h2>');
    expect(rowOf(newest.html, "Version 2")).toEqual([
      "Version 2",
      "fewer than 5",
      "fewer than 5",
      "fewer than 5",
      "fewer than 5",
      "not shown",
    ]);
    expect(rowOf(newest.html, "Version 1")).toEqual(["Version 1", "5", "5", "0", "0", "100%"]);
    expect(rowOf(newest.html, "All versions")).toEqual(["All versions", "9", "9", "0", "0", "100%"]);
    expect(newest.html).toContain("Plays: <strong>fewer than 5</strong>");
    expect(rowOf(newest.html, "A hard no, and a plan she helped shape")?.[2]).toBe("fewer than 5");
    expect(newest.html).not.toMatch(/data-traffic="0\.|data-traffic="1"/);

    // Version 1, asked for: 5 plays, all shown.
    const older = await figures(trainer, pathOf(ours.id, "?version=1"));
    expect(older.html).toContain('<h2 id="version-heading">Version 1</h2>');
    expect(older.html).toContain("Plays: <strong>5</strong>");
    expect(rowOf(older.html, "A hard no, and a plan she helped shape")?.[2]).toBe("5 (100%)");
    expect(older.html).toMatch(/<option value="1" selected="">Version 1, from/);
  });

  it("says so when the version asked for is not there, and shows the newest", async () => {
    for (const asked of ["abc", "99", "0"]) {
      const { status, html } = await figures(trainer, pathOf(library.id, `?version=${asked}`));
      expect(status).toBe(200);
      expect(html).toContain(`there is no version “${asked}” of this scenario. Choose one from the list.`);
      expect(html).toContain("Showing the newest version (1) instead.");
      expect(html).toMatch(/<select id="version" name="version" aria-invalid="true" aria-describedby="version-error"/);
      expect(rowOf(html, "Version 1")?.[1]).toBe("16");
    }
  });
});

describe("who may see the figures", () => {
  it.each([
    ["reviewer@northbridge.example", 403, "203.0.113.240"],
    ["practitioner@northbridge.example", 403, "203.0.113.241"],
    ["manager@northbridge.example", 403, "203.0.113.242"],
    ["wei.chen@northbridge.example", 200, "203.0.113.243"],
  ] as const)("answers %s with %i", async (email, expected, address) => {
    const client = await signedIn(server, email, address);
    expect((await client.get(pathOf(library.id))).status).toBe(expected);
  });

  it("links to the figures from the studio for trainers, and not for reviewers", async () => {
    const studio = await figures(trainer, "/studio");
    expect(studio.html).toContain(`href="${pathOf(library.id)}"`);
    const mapPage = await figures(trainer, `/studio/library/${SLUG}`);
    expect(mapPage.html).toMatch(new RegExp(`<a [^>]*href="${pathOf(library.id)}"[^>]*>What happened in practice</a>`));
    const reviewer = await signedIn(server, "reviewer@northbridge.example", "203.0.113.250");
    expect((await figures(reviewer, "/studio")).html).not.toContain("/practice");
    expect((await figures(reviewer, `/studio/library/${SLUG}`)).html).not.toContain("What happened in practice");
  });

  it("knows the demo's plays are Northbridge's (a check on this test itself)", async () => {
    expect(
      await server.db.practiceRun.count({
        where: { scenarioVersionId: library.versionId, organisationId: organisations.northbridge, mode: "scripted" },
      }),
    ).toBe(16);
  });
});
