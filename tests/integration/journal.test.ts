import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signedIn, startTestServer, type TestServer } from "./helpers/test-server";

let server: TestServer;
let amira: Client;

beforeAll(async () => {
  server = await startTestServer();
  amira = await signedIn(server, "practitioner@northbridge.example", "203.0.113.120");
});
afterAll(async () => {
  await server.close();
});

async function text(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
}

async function newReflection(client: Client, fields: Record<string, string> = {}): Promise<string> {
  const response = await client.post("/journal/new", fields);
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/journal\/\w+$/);
  return location;
}

const idOf = (path: string) => path.split("/").pop()!;

describe("writing a reflection", () => {
  let reflection: string;

  it("starts empty, with the organisation's default model", async () => {
    expect(await text(await amira.get("/journal"))).toContain("You have not written any reflections yet");
    reflection = await newReflection(amira);
    const page = await text(await amira.get(reflection));
    expect(page).toContain("What? So what? Now what?");
    expect(page).toContain("So what?");
    expect(page).toContain("Only you can read this reflection");
  });

  it("offers Gibbs' six stages as separate prompts", async () => {
    const gibbs = await newReflection(amira, { framework: "gibbs" });
    const page = await text(await amira.get(gibbs));
    for (const stage of ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"]) {
      expect(page).toContain(stage);
    }
  });

  it("saves what was written", async () => {
    const response = await amira.post(reflection, {
      intent: "save",
      title: "A call about Idris",
      "answer.what": "I phoned before the letter and listened first.",
      "answer.so-what": "Nadia felt heard.",
      "answer.now-what": "Ask the SENCO about the quiet room.",
    });
    expect(response.status).toBe(302);
    const stored = await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } });
    expect(stored.title).toBe("A call about Idris");
    expect(JSON.parse(stored.answers)).toEqual({
      what: "I phoned before the letter and listened first.",
      "so-what": "Nadia felt heard.",
      "now-what": "Ask the SENCO about the quiet room.",
    });
    expect(await text(await amira.get(reflection))).toContain("Nadia felt heard.");
  });

  it("autosaves a draft without leaving the page", async () => {
    const response = await amira.post(reflection, {
      intent: "save",
      autosave: "1",
      title: "A call about Idris",
      "answer.what": "Draft in progress",
    });
    expect(response.status).toBe(200);
    const stored = await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } });
    expect(JSON.parse(stored.answers).what).toBe("Draft in progress");
  });

  it("keeps text over the limit, says by how much, and stores nothing", async () => {
    const long = `MARKER-${"x".repeat(20_000)}`;
    const response = await amira.post(reflection, { intent: "save", title: "Too long", "answer.what": long });
    expect(response.status).toBe(400);
    const page = await text(response);
    expect(page).toContain("This is 7 characters over the 20,000 limit");
    expect(page).toContain(long);
    const stored = await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } });
    expect(stored.title).toBe("A call about Idris");
  });

  it("ignores answers to prompts the model does not have", async () => {
    await amira.post(reflection, {
      intent: "save",
      title: "A call about Idris",
      "answer.what": "Kept",
      "answer.secret": "dropped",
    });
    const stored = await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } });
    expect(Object.keys(JSON.parse(stored.answers)).sort()).toEqual(["now-what", "so-what", "what"]);
  });

  it("is private: nobody else can open it, administrators included", async () => {
    const colleague = await signedIn(server, "tomasz.nowak@northbridge.example", "203.0.113.121");
    const manager = await signedIn(server, "manager@northbridge.example", "203.0.113.122");
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.123");
    const elsewhere = await signedIn(server, "practitioner@eastmoor.example", "203.0.113.124");
    expect((await colleague.get(reflection)).status).toBe(404);
    expect((await manager.get(reflection)).status).toBe(404);
    expect((await elsewhere.get(reflection)).status).toBe(404);
    expect((await admin.get(reflection)).status).toBe(403);
    expect((await colleague.post(reflection, { intent: "save", title: "Hijacked" })).status).toBe(404);
    expect((await colleague.post(reflection, { intent: "share" })).status).toBe(404);
    const stored = await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } });
    expect(stored.title).toBe("A call about Idris");
    expect(stored.sharedAt).toBeNull();
    // Nor does it show in anyone else's journal.
    expect(await text(await colleague.get("/journal"))).not.toContain("A call about Idris");
  });

  it("is read by the supervisor only while shared: not by another manager, an admin or another organisation", async () => {
    const supervisor = await signedIn(server, "manager@northbridge.example", "203.0.113.130");
    const otherManager = await signedIn(server, "daniel.okafor@northbridge.example", "203.0.113.131");
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.132");
    const elsewhere = await signedIn(server, "manager@eastmoor.example", "203.0.113.133");
    const colleague = await signedIn(server, "tomasz.nowak@northbridge.example", "203.0.113.134");
    const shared = `/supervision/shared/${idOf(reflection)}`;
    const everyone = [supervisor, otherManager, admin, elsewhere, colleague];
    const statuses = async () => Promise.all(everyone.map(async (client) => (await client.get(shared)).status));

    // Private: nobody can read it, and the supervisor's list does not even count it.
    expect(await statuses()).toEqual([404, 404, 403, 404, 404]);
    expect(await text(await supervisor.get("/supervision"))).not.toContain("Reflections shared with you");

    await amira.post(reflection, { intent: "share" });
    expect(await statuses()).toEqual([200, 404, 403, 404, 404]);
    const page = await text(await supervisor.get(shared));
    expect(page).toContain("Shared with you by Amira Hussain");
    expect(page).toContain("Kept");
    expect(await text(await supervisor.get("/supervision"))).toContain("A call about Idris");

    await amira.post(reflection, { intent: "unshare" });
    expect(await statuses()).toEqual([404, 404, 403, 404, 404]);
    expect(await text(await supervisor.get("/supervision"))).not.toContain("A call about Idris");
  });

  it("is shared with the supervisor by an explicit choice, and private again at once", async () => {
    expect((await amira.post(reflection, { intent: "share" })).status).toBe(302);
    let page = await text(await amira.get(reflection));
    expect(page).toContain("Shared with your supervisor");
    expect(page).toContain("Priya Raman can read this reflection");
    expect((await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } })).sharedAt).not.toBeNull();
    expect((await amira.post(reflection, { intent: "unshare" })).status).toBe(302);
    page = await text(await amira.get(reflection));
    expect(page).toContain("Only you can read this reflection");
    expect((await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } })).sharedAt).toBeNull();
  });
});

describe("the journal", () => {
  it("finds reflections by their words, and filters by date", async () => {
    expect(await text(await amira.get("/journal?q=Kept"))).toContain("A call about Idris");
    expect(await text(await amira.get("/journal?q=nothing-like-this"))).toContain("No reflections match");
    expect(await text(await amira.get("/journal?to=2020-01-01"))).toContain("No reflections match");
    expect(await text(await amira.get("/journal?from=not-a-date"))).toContain("A call about Idris");
  });

  it("filters by skill through the conversation a reflection is about", async () => {
    const start = await amira.post("/practise/phone-before-the-letter", {});
    const runId = start.headers.get("Location")!.split("/").pop()!;
    await amira.post(`/practise/runs/${runId}`, { intent: "abandon" });
    const about = await newReflection(amira, { runId });
    await amira.post(about, { intent: "save", title: "Skill-tagged reflection" });
    const empathy = await text(await amira.get("/journal?skill=empathy"));
    expect(empathy).toContain("Skill-tagged reflection");
    expect(empathy).not.toContain("A call about Idris");
    const other = await text(await amira.get("/journal?skill=hearing-the-child"));
    expect(other).not.toContain("Skill-tagged reflection");
    expect(other).toContain("No practised conversations match");
  });

  it("reflects on a practice run of one's own, and lists it beside the run", async () => {
    const start = await amira.post("/practise/phone-before-the-letter", {});
    const runId = start.headers.get("Location")!.split("/").pop()!;
    await amira.post(`/practise/runs/${runId}`, { intent: "abandon" });
    const reflection = await newReflection(amira, { runId });
    expect(await text(await amira.get(reflection))).toContain("After practising: The phone call before the letter");
    const journal = await text(await amira.get("/journal"));
    expect(journal).toContain("(stopped part way)");
    expect(journal).toContain(`href="${reflection}"`);

    const colleague = await signedIn(server, "grace.adeyemi@northbridge.example", "203.0.113.125");
    expect((await colleague.post("/journal/new", { runId })).status).toBe(404);
  });

  it("exports everything the person wrote, as Markdown and as JSON, and nobody else's", async () => {
    const markdown = await amira.get("/journal/export.md");
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("Content-Type")).toMatch(/^text\/markdown/);
    expect(markdown.headers.get("Content-Disposition")).toContain("attachment");
    const document = await markdown.text();
    expect(document).toContain("# Heartwork journal: Amira Hussain");
    expect(document).toContain("### A call about Idris");
    expect(document).toContain("Kept");
    expect(document).toContain("Stopped part way");

    const json = await amira.get("/journal/export.json");
    expect(json.status).toBe(200);
    const data = (await json.json()) as {
      format: string;
      reflections: { title: string; answers: { prompt: string; text: string }[] }[];
      practiceRuns: { scenario: string }[];
    };
    expect(data.format).toBe("heartwork-journal/1");
    const call = data.reflections.find((reflection) => reflection.title === "A call about Idris");
    expect(call?.answers.find((answer) => answer.prompt === "what")?.text).toBe("Kept");
    expect(data.practiceRuns.map((run) => run.scenario)).toContain("The phone call before the letter");

    const colleague = await signedIn(server, "siobhan.kelly@northbridge.example", "203.0.113.126");
    expect(await (await colleague.get("/journal/export.md")).text()).not.toContain("A call about Idris");
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.127");
    const refused = await admin.get("/journal/export.json");
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe("/journal");
  });

  it("uses the model the organisation's admin chose as the default, in that organisation only", async () => {
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.128");
    expect((await admin.post("/admin/settings", { reflectionFramework: "gibbs" })).status).toBe(302);
    expect(await text(await admin.get("/admin/settings"))).toMatch(/id="framework-gibbs"[^>]*checked=""/);
    const reflection = await newReflection(amira);
    expect((await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } })).framework).toBe("gibbs");
    const eastmoor = await server.db.organisation.findUniqueOrThrow({ where: { slug: "eastmoor" } });
    expect(eastmoor.reflectionFramework).toBe("what-so-what-now-what");
    expect((await admin.post("/admin/settings", { reflectionFramework: "free-writing" })).status).toBe(400);
    await admin.post("/admin/settings", { reflectionFramework: "what-so-what-now-what" });
  });
});

describe("a reflection saved after the session timed out, without JavaScript", () => {
  const email = "hannah.pryce@northbridge.example";
  const words = {
    intent: "save",
    title: "After the annual review",
    "answer.what": "I asked Leo to show me with his cards.",
    "answer.so-what": "He chose the quiet room every time.",
    "answer.now-what": "Bring the cards to the next review.",
  };

  async function timedOut(client: Client): Promise<string> {
    const reflection = await newReflection(client);
    await server.db.session.updateMany({
      where: { user: { email } },
      data: { lastSeenAt: new Date(Date.now() - 61 * 60 * 1000) },
    });
    return reflection;
  }

  it("keeps the text through signing in again, then saves it for the same person", async () => {
    const hannah = await signedIn(server, email, "203.0.113.130");
    const reflection = await timedOut(hannah);

    const posted = await hannah.post(reflection, words);
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(reflection)}`);
    // Nothing is written to the journal before the person proves who they are.
    const before = await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } });
    expect(before.title).toBe("");
    expect(await text(await hannah.get("/login"))).toContain("We are keeping it for you");

    const signIn = await hannah.post("/login", { email, password: "practise-with-heart", redirectTo: reflection });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("Location")).toBe(reflection);
    const stored = await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } });
    expect(stored.title).toBe("After the annual review");
    expect(JSON.parse(stored.answers)).toMatchObject({ "so-what": "He chose the quiet room every time." });
    expect(await text(await hannah.get(reflection))).toContain("We have saved the reflection you were writing");
    expect(await server.db.heldSubmission.count({ where: { targetId: idOf(reflection) } })).toBe(0);
  });

  it("saves it for nobody else who signs in on that browser, and not from another browser", async () => {
    const hannah = await signedIn(server, email, "203.0.113.131");
    const reflection = await timedOut(hannah);
    expect((await hannah.post(reflection, words)).status).toBe(302);

    // Someone else at the same computer signs in: Hannah's words are not theirs to see or keep.
    expect(
      (await hannah.post("/login", { email: "wei.chen@northbridge.example", password: "practise-with-heart" })).status,
    ).toBe(302);
    expect((await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } })).title).toBe("");
    expect(await text(await hannah.get(reflection))).not.toContain("Leo");
    await hannah.post("/logout", {});

    // Hannah on another device: the text stays with the browser she wrote it in.
    const elsewhere = await signedIn(server, email, "203.0.113.132");
    expect((await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } })).title).toBe("");
    await elsewhere.post("/logout", {});

    // Back at the first browser as herself: saved.
    expect((await hannah.post("/login", { email, password: "practise-with-heart" })).status).toBe(302);
    expect((await server.db.reflection.findUniqueOrThrow({ where: { id: idOf(reflection) } })).title).toBe(
      "After the annual review",
    );
  });

  it("shows text that cannot be saved as it was on the reflection's page, to fix", async () => {
    const hannah = await signedIn(server, email, "203.0.113.133");
    const reflection = await timedOut(hannah);
    const tooLong = "a".repeat(20_005);
    expect((await hannah.post(reflection, { ...words, "answer.what": tooLong })).status).toBe(302);
    expect((await hannah.post("/login", { email, password: "practise-with-heart" })).status).toBe(302);
    const page = await text(await hannah.get(reflection));
    expect(page).toContain("This is what you wrote before you were signed out");
    expect(page).toContain("5 characters over the 20,000 limit");
    expect(page).toContain(tooLong);
    expect(page).toContain("He chose the quiet room every time.");
    // Saving it themselves clears what was held.
    expect((await hannah.post(reflection, words)).status).toBe(302);
    expect(await server.db.heldSubmission.count({ where: { targetId: idOf(reflection) } })).toBe(0);
    expect(await text(await hannah.get(reflection))).not.toContain("This is what you wrote before you were signed out");
  });

  it("keeps nothing for a browser that was never signed in", async () => {
    const stranger = new Client(server.baseUrl, "203.0.113.134");
    const response = await stranger.post("/journal/abc", words);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fjournal%2Fabc");
    expect(await server.db.heldSubmission.count({ where: { targetId: "abc" } })).toBe(0);
  });
});
