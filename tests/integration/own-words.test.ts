import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chatCompletionsUrl, MOCK_TURNS_BEFORE_ENDING, openAiHandlers } from "../mocks/openai";
import { signedIn, startTestServer, type Client, type TestServer } from "./helpers/test-server";

/**
 * Practising in your own words, over real HTTP, with the AI provider answered by the msw handlers
 * (tests/mocks/openai.ts): availability, redaction before anything leaves, a whole conversation to
 * the coach's feedback, double submits, provider failures and the monthly allowance.
 */

const BASE_URL = "https://ai.test/v1";
const sent: { body: { messages?: { role: string; content: string }[]; store?: boolean } }[] = [];
const provider = setupServer(...openAiHandlers({ baseUrl: BASE_URL, tokenDelayMs: 1 }));
provider.events.on("request:start", async ({ request }) => {
  if (request.url.startsWith(BASE_URL)) sent.push({ body: (await request.clone().json()) as never });
});

let server: TestServer;
let admin: Client;
let amira: Client;

beforeAll(async () => {
  provider.listen({ onUnhandledRequest: "bypass" });
  server = await startTestServer({ OPENAI_API_KEY: "sk-test-not-a-real-key", OPENAI_BASE_URL: BASE_URL });
  admin = await signedIn(server, "admin@northbridge.example", "203.0.113.180");
  amira = await signedIn(server, "practitioner@northbridge.example", "203.0.113.181");
});
afterEach(() => provider.resetHandlers());
afterAll(async () => {
  provider.close();
  await server.close();
});

async function text(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
}

async function start(client: Client): Promise<string> {
  const response = await client.post("/practise/phone-before-the-letter", { intent: "own-words" });
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/practise\/own\/\w+$/);
  return location;
}

async function turnOf(path: string): Promise<string> {
  const run = await server.db.practiceRun.findUniqueOrThrow({ where: { id: path.split("/").pop() } });
  return String(run.stepCount);
}

describe("whether it is offered", () => {
  it("says plainly that an admin can turn it on, and refuses to start until then", async () => {
    const page = await text(await amira.get("/practise/phone-before-the-letter"));
    expect(page).toContain("Practise in your own words");
    expect(page).toContain("turned off for your organisation. An admin can turn it on in Settings.");
    const refused = await amira.post("/practise/phone-before-the-letter", { intent: "own-words" });
    expect(refused.status).toBe(400);
    expect(await server.db.practiceRun.count({ where: { mode: "own-words" } })).toBe(0);
    await admin.post("/admin/settings", {
      intent: "ai",
      aiRoleplayEnabled: "on",
      aiMonthlyTokenBudget: "200000",
      transcriptRetentionDays: "30",
    });
    expect(await text(await amira.get("/practise/phone-before-the-letter"))).toContain("Start in your own words");
  });
});

describe("a conversation in your own words", () => {
  let run: string;

  it("opens with the parent's first line", async () => {
    run = await start(amira);
    const page = await text(await amira.get(run));
    expect(page).toContain("On the phone with Nadia Begum");
    expect(page).toContain("Sorry, I'm just walking to the school.");
  });

  it("removes personal details before anything is sent, and says what was removed", async () => {
    sent.length = 0;
    const response = await amira.post(run, {
      intent: "say",
      turn: await turnOf(run),
      reply: "Hello Nadia, it's Sam. You can reach me on 07700 900123 or at sam.taylor@kingsmere.example.",
    });
    expect(response.status).toBe(302);
    const outgoing = JSON.stringify(sent.map((request) => request.body));
    expect(outgoing).not.toContain("07700 900123");
    expect(outgoing).not.toContain("sam.taylor@kingsmere.example");
    expect(outgoing).toContain("Nadia"); // the scenario's own invented name stays
    expect(sent.every((request) => request.body.store === false)).toBe(true);
    // The practitioner's words only ever travel as user messages, never in the instructions.
    for (const request of sent) {
      for (const message of request.body.messages ?? []) {
        if (message.role === "system") expect(message.content).not.toContain("You can reach me on");
      }
    }
    const page = await text(await amira.get(run));
    expect(page).toContain("We removed");
    expect(page).toContain("[phone number]");
    const stored = await server.db.practiceRun.findUniqueOrThrow({ where: { id: run.split("/").pop() } });
    expect(stored.tokensIn).toBeGreaterThan(0);
    expect(stored.tokensOut).toBeGreaterThan(0);
  });

  it("answers a double submit or an old page with where the conversation is, keeping the reply unsent", async () => {
    const before = await server.db.roleplayTurn.count({ where: { runId: run.split("/").pop() } });
    const stale = await amira.post(run, { intent: "say", turn: "1", reply: "Is now an all right time?" });
    expect(stale.status).toBe(409);
    const page = await text(stale);
    expect(page).toContain("The conversation moved on in another tab");
    expect(page).toContain("Is now an all right time?");
    expect(await server.db.roleplayTurn.count({ where: { runId: run.split("/").pop() } })).toBe(before);
  });

  it("ends with the coach's feedback against the rubric, and can be reflected on", async () => {
    for (let i = 1; i < MOCK_TURNS_BEFORE_ENDING; i += 1) {
      const response = await amira.post(run, {
        intent: "say",
        turn: await turnOf(run),
        reply:
          "I'm sorry this is hard news. The panel decided not to assess, and I will send the letter with what happens next.",
      });
      expect(response.status).toBe(302);
    }
    const stored = await server.db.practiceRun.findUniqueOrThrow({ where: { id: run.split("/").pop() } });
    expect(stored.status).toBe("completed");
    expect(JSON.parse(stored.coachFeedback ?? "{}").criteria).toHaveLength(5);
    const page = await text(await amira.get(run));
    expect(page).toContain("The coach's feedback");
    expect(page).toContain("Acknowledged feelings");
    expect(page).toContain("Reflect on this conversation");
    const reflection = await amira.post("/journal/new", { runId: run.split("/").pop()! });
    expect(reflection.status).toBe(302);
  });

  it("is nobody else's to read (404)", async () => {
    const grace = await signedIn(server, "grace.adeyemi@northbridge.example", "203.0.113.182");
    expect((await grace.get(run)).status).toBe(404);
    expect((await admin.get(run)).status).toBe(403);
  });
});

describe("when the provider fails", () => {
  it("keeps what was typed, says what happened plainly, and offers the scripted version", async () => {
    const run = await start(amira);
    provider.use(
      http.post(chatCompletionsUrl(BASE_URL), () => HttpResponse.json({ error: { message: "down" } }, { status: 500 })),
    );
    const response = await amira.post(run, {
      intent: "say",
      turn: await turnOf(run),
      reply: "Hello, is now a good time?",
    });
    expect(response.status).toBe(503);
    const page = await text(response);
    expect(page).toContain("Hello, is now a good time?");
    expect(page).toContain("scripted version");
    expect(
      await server.db.roleplayTurn.count({ where: { runId: run.split("/").pop(), speaker: "practitioner" } }),
    ).toBe(0);
  });
});

describe("the monthly allowance", () => {
  it("once used up, the mode says so and offers the scripted run", async () => {
    await admin.post("/admin/settings", {
      intent: "ai",
      aiRoleplayEnabled: "on",
      aiMonthlyTokenBudget: "1000",
      transcriptRetentionDays: "30",
    });
    const page = await text(await amira.get("/practise/phone-before-the-letter"));
    expect(page).not.toContain("Start in your own words");
    expect(page).toContain("Start the conversation");
    expect((await amira.post("/practise/phone-before-the-letter", { intent: "own-words" })).status).toBe(400);
  });
});

describe("transcript retention", () => {
  it("deletes the words of own-words conversations older than the organisation's setting, keeping the run", async () => {
    const { purgeExpiredTranscripts } = await import("~/models/roleplay.server");
    await admin.post("/admin/settings", {
      intent: "ai",
      aiRoleplayEnabled: "on",
      aiMonthlyTokenBudget: "200000",
      transcriptRetentionDays: "30",
    });
    const run = await start(amira);
    const id = run.split("/").pop()!;
    const day = 24 * 60 * 60 * 1000;
    await server.db.roleplayTurn.create({
      data: {
        runId: id,
        number: 2,
        speaker: "practitioner",
        text: "An old reply",
        createdAt: new Date(Date.now() - 31 * day),
      },
    });
    await server.db.roleplayTurn.create({
      data: {
        runId: id,
        number: 3,
        speaker: "persona",
        text: "A recent answer",
        createdAt: new Date(Date.now() - 29 * day),
      },
    });
    expect(await purgeExpiredTranscripts(new Date())).toBeGreaterThanOrEqual(1);
    const left = await server.db.roleplayTurn.findMany({ where: { runId: id }, orderBy: { number: "asc" } });
    expect(left.map((turn) => turn.text)).not.toContain("An old reply");
    expect(left.map((turn) => turn.text)).toContain("A recent answer");
    expect(await server.db.practiceRun.count({ where: { id } })).toBe(1);
  });
});

describe("the streamed answer (for the page's script)", () => {
  it("streams the parent's answer piece by piece, then says it is done; the turn is stored once", async () => {
    await admin.post("/admin/settings", {
      intent: "ai",
      aiRoleplayEnabled: "on",
      aiMonthlyTokenBudget: "200000",
      transcriptRetentionDays: "30",
    });
    const run = await start(amira);
    const turn = await turnOf(run);
    const response = await amira.post(`${run}/reply`, {
      intent: "say",
      turn,
      reply: "Hello, is now a good time to talk?",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/x-ndjson");
    expect(response.headers.get("Cache-Control")).toContain("no-transform");
    const events = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { token?: string; done?: boolean; error?: string });
    const tokens = events.filter((event) => event.token !== undefined);
    expect(tokens.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ done: true, ended: false });
    const turns = await server.db.roleplayTurn.findMany({
      where: { runId: run.split("/").pop() },
      orderBy: { number: "asc" },
    });
    expect(turns.at(-1)?.text).toBe(
      tokens
        .map((event) => event.token)
        .join("")
        .trim(),
    );

    // The same post again is out of date: nothing more is stored.
    const again = await amira.post(`${run}/reply`, {
      intent: "say",
      turn,
      reply: "Hello, is now a good time to talk?",
    });
    expect(again.status).toBe(409);
    expect(JSON.parse(await again.text())).toMatchObject({ status: 409 });
    expect(await server.db.roleplayTurn.count({ where: { runId: run.split("/").pop() } })).toBe(turns.length);
  });

  it("names a problem with the reply, and is nobody else's to post to", async () => {
    const run = await start(amira);
    const empty = await amira.post(`${run}/reply`, { intent: "say", turn: await turnOf(run), reply: "  " });
    expect(empty.status).toBe(400);
    expect(JSON.parse(await empty.text())).toMatchObject({ error: "Write what you would say." });
    const grace = await signedIn(server, "grace.adeyemi@northbridge.example", "203.0.113.183");
    expect((await grace.post(`${run}/reply`, { intent: "say", turn: "1", reply: "Hello" })).status).toBe(404);
  });
});
