import fs from "node:fs";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choicesAt, choose, start, type Scenario } from "~/domain/scenario";
import { type Client, signedIn, startTestServer, type TestServer } from "./helpers/test-server";

let server: TestServer;
let amira: Client;
const scenario = parse(fs.readFileSync("scenarios/phone-before-the-letter.yaml", "utf8")) as Scenario;

beforeAll(async () => {
  server = await startTestServer();
  amira = await signedIn(server, "practitioner@northbridge.example", "203.0.113.100");
});
afterAll(async () => {
  await server.close();
});

async function text(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
}

async function startRun(client: Client, fields: Record<string, string> = {}): Promise<string> {
  const response = await client.post("/practise/phone-before-the-letter", fields);
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/practise\/runs\/\w+$/);
  return location;
}

async function stepsOf(runPath: string) {
  return server.db.practiceStep.findMany({ where: { runId: runPath.split("/").pop() }, orderBy: { number: "asc" } });
}

describe("the catalogue", () => {
  it("lists the library's conversations with whether they have been played", async () => {
    const page = await text(await amira.get("/practise"));
    expect(page).toContain("The phone call before the letter");
    expect(page).toContain("not played yet");
    expect(page).toContain("Suggested for you");
  });

  it("filters by skill and by length", async () => {
    const listed = (page: string) => all(page.split('id="all-heading"')[1] ?? "");
    const all = (html: string) => [...html.matchAll(/href="\/practise\/([a-z-]+)"/g)].map((m) => m[1]);
    // Only the scenarios that practise the skill, whatever else the library holds.
    const bySkill = listed(await text(await amira.get("/practise?skill=working-across-agencies")));
    expect(bySkill).toContain("whose-next-step-is-it");
    expect(bySkill).not.toContain("phone-before-the-letter");
    expect(listed(await text(await amira.get("/practise?skill=empathy&length=medium")))).toContain(
      "phone-before-the-letter",
    );
    expect(await text(await amira.get("/practise?length=long"))).toContain("No conversations match");
  });
});

describe("playing a conversation", () => {
  let run: string;

  it("starts a run pinned to the newest version, with the confidence rating", async () => {
    run = await startRun(amira, { confidenceBefore: "3" });
    const stored = await server.db.practiceRun.findUniqueOrThrow({
      where: { id: run.split("/").pop() },
      include: { scenarioVersion: { include: { scenario: true } } },
    });
    expect(stored.confidenceBefore).toBe(3);
    expect(stored.status).toBe("in-progress");
    expect(stored.scenarioVersion.scenario.slug).toBe("phone-before-the-letter");
    const page = await text(await amira.get(run));
    expect(page).toContain("Moment 1");
    expect(page).toContain("Nadia Begum says:");
    expect(page).toContain("Who is this?");
  });

  it("saves a step before showing the next moment", async () => {
    const response = await amira.post(run, { intent: "move", step: "0", choice: "introduce-and-check-time" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(run);
    expect((await stepsOf(run)).map((step) => step.choiceId)).toEqual(["introduce-and-check-time"]);
    const page = await text(await amira.get(run));
    expect(page).toContain("Moment 2");
    expect(page).toContain("Coach's note");
  });

  it("never stores a double submit twice, and says the page was out of date", async () => {
    const again = await amira.post(run, { intent: "move", step: "0", choice: "introduce-and-check-time" });
    expect(again.status).toBe(302);
    expect(await stepsOf(run)).toHaveLength(1);
    expect(await text(await amira.get(run))).toContain("That answer was for an earlier moment");
  });

  it("lets only one of two racing tabs move the run", async () => {
    const [first, second] = await Promise.all(
      ["a", "b"].map(async () => {
        const state = choose(scenario, start(scenario), "introduce-and-check-time");
        if (!state.ok) throw new Error("fixture");
        const choice = choicesAt(scenario, state.state)[0]!.id;
        return amira.post(run, { intent: "move", step: "1", choice });
      }),
    );
    expect(first?.status).toBe(302);
    expect(second?.status).toBe(302);
    expect((await stepsOf(run)).map((step) => step.number)).toEqual([1, 2]);
  });

  it("refuses a tampered choice with a clear page, storing nothing", async () => {
    const response = await amira.post(run, { intent: "move", step: "2", choice: "shout-at-them" });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain("That reply is not one you can choose at this moment");
    expect(await stepsOf(run)).toHaveLength(2);
  });

  it("is nobody else's: another person's run is not found", async () => {
    const colleague = await signedIn(server, "tomasz.nowak@northbridge.example", "203.0.113.101");
    expect((await colleague.get(run)).status).toBe(404);
    expect((await colleague.get(`${run}/debrief`)).status).toBe(404);
    expect((await colleague.post(run, { intent: "move", step: "2", choice: "anything" })).status).toBe(404);
    const elsewhere = await signedIn(server, "practitioner@eastmoor.example", "203.0.113.102");
    expect((await elsewhere.get(run)).status).toBe(404);
    expect(await stepsOf(run)).toHaveLength(2);
  });

  it("counts practice time from the steps, a long gap as five minutes", async () => {
    const id = run.split("/").pop()!;
    const before = await server.db.practiceRun.findUniqueOrThrow({ where: { id } });
    await server.db.practiceRun.update({
      where: { id },
      data: { lastActivityAt: new Date(Date.now() - 40 * 60 * 1000) },
    });
    const state = JSON.parse(before.state) as ReturnType<typeof start>;
    const choice = choicesAt(scenario, state)[0]!.id;
    await amira.post(run, { intent: "move", step: "2", choice });
    const after = await server.db.practiceRun.findUniqueOrThrow({ where: { id } });
    expect(after.practiceSeconds - before.practiceSeconds).toBe(300);

    await server.db.practiceRun.update({ where: { id }, data: { lastActivityAt: new Date(Date.now() - 45 * 1000) } });
    const next = choicesAt(scenario, JSON.parse(after.state) as ReturnType<typeof start>)[0]!.id;
    await amira.post(run, { intent: "move", step: "3", choice: next });
    const later = await server.db.practiceRun.findUniqueOrThrow({ where: { id } });
    expect(later.practiceSeconds - after.practiceSeconds).toBeGreaterThanOrEqual(44);
    expect(later.practiceSeconds - after.practiceSeconds).toBeLessThanOrEqual(47);
  });

  it("plays through to an ending and shows the debrief", async () => {
    const id = run.split("/").pop()!;
    for (let guard = 0; guard < 60; guard++) {
      const current = await server.db.practiceRun.findUniqueOrThrow({ where: { id } });
      if (current.status !== "in-progress") break;
      const choice = choicesAt(scenario, JSON.parse(current.state) as ReturnType<typeof start>)[0]!.id;
      const response = await amira.post(run, { intent: "move", step: String(current.stepCount), choice });
      expect(response.status).toBe(302);
    }
    const done = await server.db.practiceRun.findUniqueOrThrow({ where: { id } });
    expect(done.status).toBe("completed");
    expect(done.endedAt).not.toBeNull();
    expect((await amira.get(run)).headers.get("Location")).toBe(`${run}/debrief`);
    const debrief = await text(await amira.get(`${run}/debrief`));
    const ending = scenario.nodes.find((node) => node.id === (JSON.parse(done.state) as { node: string }).node);
    expect(ending?.type).toBe("ending");
    if (ending?.type === "ending") expect(debrief).toContain(ending.title);
    expect(debrief).toContain("The conversation, step by step");
    expect(debrief).toContain("the road not taken");
    expect(debrief).toContain("It would have led to:");
    // A finished run takes no more moves.
    const late = await amira.post(run, { intent: "move", step: String(done.stepCount), choice: "anything" });
    expect(late.headers.get("Location")).toBe(`${run}/debrief`);
  });

  it("keeps a confidence rating after the run beside the one before", async () => {
    const response = await amira.post(`${run}/debrief`, { intent: "confidence", confidenceAfter: "4" });
    expect(response.status).toBe(302);
    expect(await text(await amira.get(`${run}/debrief`))).toContain("3 before, 4 after");
    const bad = await amira.post(`${run}/debrief`, { intent: "confidence", confidenceAfter: "9" });
    expect(bad.status).toBe(400);
  });

  it("tries again from a chosen moment: a new run with the moves before it replayed", async () => {
    const oldId = run.split("/").pop()!;
    const old = await server.db.practiceRun.findUniqueOrThrow({
      where: { id: oldId },
      include: { steps: { orderBy: { number: "asc" } } },
    });
    const response = await amira.post(`${run}/debrief`, { intent: "try-from", fromStep: "3" });
    expect(response.status).toBe(302);
    const fresh = response.headers.get("Location") ?? "";
    expect(fresh).not.toBe(run);
    const newRun = await server.db.practiceRun.findUniqueOrThrow({
      where: { id: fresh.split("/").pop() },
      include: { steps: { orderBy: { number: "asc" } } },
    });
    expect(newRun.status).toBe("in-progress");
    expect(newRun.stepCount).toBe(2);
    expect(newRun.steps.map((step) => step.choiceId)).toEqual(old.steps.slice(0, 2).map((step) => step.choiceId));
    expect(newRun.scenarioVersionId).toBe(old.scenarioVersionId);
    expect(await text(await amira.get(fresh))).toContain("Moment 3");
    expect((await amira.post(`${run}/debrief`, { intent: "try-from", fromStep: "999" })).status).toBe(404);
  });

  it("links the guidance pages the ending names, rendered from content/", async () => {
    const debrief = await text(await amira.get(`${run}/debrief`));
    const links = [...debrief.matchAll(/href="\/guidance\/([a-z0-9-]+)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(0);
    const page = await text(await amira.get(`/guidance/${links[0]}`));
    expect(page).toMatch(/<h2[^>]*>/);
    expect((await amira.get("/guidance/no-such-page")).status).toBe(404);
    expect((await amira.get("/guidance/..%2F..%2Fpackage")).status).toBe(404);
  });

  it("counts the run as played in the catalogue", async () => {
    expect(await text(await amira.get("/practise"))).toContain("played 1 time");
  });
});

describe("stopping and pinning", () => {
  it("abandons a run: its time counts, it is not completed", async () => {
    const run = await startRun(amira);
    const id = run.split("/").pop()!;
    await server.db.practiceRun.update({ where: { id }, data: { lastActivityAt: new Date(Date.now() - 90 * 1000) } });
    const response = await amira.post(run, { intent: "abandon" });
    expect(response.headers.get("Location")).toBe("/practise");
    const stored = await server.db.practiceRun.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe("abandoned");
    expect(stored.practiceSeconds).toBeGreaterThanOrEqual(89);
    expect(await text(await amira.get(`${run}/debrief`))).toContain("You stopped this conversation");
  });

  it("resumes exactly where the person was, on the version it started with", async () => {
    const run = await startRun(amira);
    await amira.post(run, { intent: "move", step: "0", choice: "introduce-and-check-time" });
    const id = run.split("/").pop()!;
    const pinned = (await server.db.practiceRun.findUniqueOrThrow({ where: { id } })).scenarioVersionId;
    // A newer version of the file arrives.
    const version = await server.db.scenarioVersion.findUniqueOrThrow({ where: { id: pinned } });
    const changed = JSON.parse(version.content) as Scenario;
    changed.title = "A newer title";
    await server.db.scenarioVersion.create({
      data: {
        scenarioId: version.scenarioId,
        number: version.number + 1,
        contentHash: "sha256:test",
        source: "",
        content: JSON.stringify(changed),
      },
    });
    const page = await text(await amira.get(run));
    expect(page).toContain("Moment 2");
    expect(page).toContain("The phone call before the letter");
    expect(page).not.toContain("A newer title");
    // New runs start on the new version.
    const fresh = await startRun(amira);
    expect(await text(await amira.get(fresh))).toContain("A newer title");
  });

  it("keeps the coach's notes for the debrief when the scenario asks for that", async () => {
    const latest = await server.db.scenarioVersion.findFirstOrThrow({
      where: { scenario: { slug: "phone-before-the-letter" } },
      orderBy: { number: "desc" },
    });
    const quiet = { ...(JSON.parse(latest.content) as Scenario), coachNotes: "in-debrief" as const };
    await server.db.scenarioVersion.create({
      data: {
        scenarioId: latest.scenarioId,
        number: latest.number + 1,
        contentHash: "sha256:quiet",
        source: "",
        content: JSON.stringify(quiet),
      },
    });
    const run = await startRun(amira);
    await amira.post(run, { intent: "move", step: "0", choice: "introduce-and-check-time" });
    const page = await text(await amira.get(run));
    expect(page).toContain("Moment 2");
    expect(page).not.toContain("Coach's note");
    await amira.post(run, { intent: "abandon" });
    expect(await text(await amira.get(`${run}/debrief`))).toContain("Coach's note:");
  });

  it("answers 404 for a run that does not exist", async () => {
    expect((await amira.get("/practise/runs/not-a-run")).status).toBe(404);
    expect((await amira.get("/practise/no-such-scenario")).status).toBe(404);
  });
});

describe("a manager's recommendations", () => {
  let priya: Client;
  const members = async (email: string) =>
    (await server.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;

  beforeAll(async () => {
    priya = await signedIn(server, "manager@northbridge.example", "203.0.113.140");
  });

  it("offers the form to a manager, listing only the members of the teams they lead", async () => {
    const page = await text(await priya.get("/practise/taken-seriously"));
    expect(page).toContain("Recommend this conversation");
    expect(page).toContain("Grace Adeyemi");
    expect(page).not.toContain("Siobhan Kelly"); // in the other manager's team
    expect(await text(await amira.get("/practise/taken-seriously"))).not.toContain("Recommend this conversation");
  });

  it("puts the recommendation, with the note, first in the person's suggestions", async () => {
    const grace = await signedIn(server, "grace.adeyemi@northbridge.example", "203.0.113.141");
    const response = await priya.post("/practise/taken-seriously", {
      intent: "recommend",
      toUserId: await members("grace.adeyemi@northbridge.example"),
      note: "Worth a go before Thursday's meeting.",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/practise/taken-seriously");
    expect(await text(await priya.get("/practise/taken-seriously"))).toContain("Recommended to Grace Adeyemi");
    const page = await text(await grace.get("/practise"));
    const suggested = page.split('id="suggested-heading"')[1]?.split('id="all-heading"')[0] ?? "";
    expect(suggested).toContain("Recommended by Priya Raman");
    expect(suggested).toContain("Worth a go before Thursday's meeting.");
    expect(suggested.indexOf("/practise/taken-seriously")).toBeLessThan(suggested.indexOf("Recommended by") + 500);
    // Nobody else sees it.
    expect(await text(await amira.get("/practise"))).not.toContain("Worth a go before Thursday");
  });

  it("cannot recommend to someone outside the manager's teams or organisation (404), and stores nothing", async () => {
    for (const email of ["siobhan.kelly@northbridge.example", "practitioner@eastmoor.example"]) {
      const response = await priya.post("/practise/taken-seriously", {
        intent: "recommend",
        toUserId: await members(email),
        note: "",
      });
      expect(response.status, email).toBe(404);
    }
    const response = await priya.post("/practise/taken-seriously", {
      intent: "recommend",
      toUserId: "nobody",
      note: "",
    });
    expect(response.status).toBe(404);
    expect(
      await server.db.recommendation.count({ where: { to: { email: "siobhan.kelly@northbridge.example" } } }),
    ).toBe(0);
  });

  it("is refused to anyone who does not manage a team (403)", async () => {
    const response = await amira.post("/practise/taken-seriously", {
      intent: "recommend",
      toUserId: await members("grace.adeyemi@northbridge.example"),
    });
    expect(response.status).toBe(403);
  });

  it("names the field at fault and keeps the note when something is wrong", async () => {
    const note = "n".repeat(501);
    const response = await priya.post("/practise/taken-seriously", { intent: "recommend", toUserId: "", note });
    expect(response.status).toBe(400);
    const page = await text(response);
    expect(page).toContain("Choose who to recommend it to.");
    expect(page).toContain("Keep the note to 500 characters or fewer");
    expect(page).toContain(note);
  });
});

describe("the hot path's own write connection", () => {
  it("never waits for a lock: while another connection writes, it answers busy at once and changes nothing", async () => {
    const { BUSY, hotWrite } = await import("~/services/hot-path.server");
    const { default: Database } = await import("better-sqlite3");
    const other = new Database(server.databaseFile);
    other.prepare("BEGIN IMMEDIATE").run();
    try {
      const started = performance.now();
      const outcome = hotWrite((statement) => statement("UPDATE PracticeRun SET stepCount = stepCount + 1").run());
      expect(outcome).toBe(BUSY);
      expect(performance.now() - started).toBeLessThan(200);
    } finally {
      other.prepare("ROLLBACK").run();
      other.close();
    }
    // Free again: the same work goes through.
    expect(
      hotWrite((statement) => statement("UPDATE PracticeRun SET stepCount = stepCount WHERE 0").run().changes),
    ).toBe(0);
  });
});
