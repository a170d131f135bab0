import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type Client, type TestServer } from "./helpers/test-server";

/** Trainer-written drafts in the studio: import, check, save with optimistic concurrency, download. */

const SLUG = "phone-before-the-letter";
const LIBRARY_FILE = fs.readFileSync(path.join("scenarios", `${SLUG}.yaml`), "utf8");
const TWEE = fs.readFileSync(path.join("tests", "fixtures", "scenarios", "twine-story.twee"), "utf8");
// One unknown skill on line 13: an error the checker locates.
const BROKEN = LIBRARY_FILE.replace("skills: [listening,", "skills: [no-such-skill,");
const TRAINER = "trainer@northbridge.example";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function upload(client: Client, name: string, text: string, source = "") {
  const form = new FormData();
  form.set("file", new File([text], name, { type: "application/octet-stream" }));
  form.set("source", source);
  return client.request("/studio/drafts/new", { method: "POST", body: form });
}

async function importedDraft(response: Response): Promise<string> {
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/studio\/drafts\/[a-z0-9]+$/);
  return location.split("/").pop()!;
}

async function page(client: Client, pathname: string) {
  const response = await client.get(pathname);
  return { status: response.status, html: await response.text() };
}

describe("importing a draft", () => {
  it("saves an uploaded YAML file, with no problems and a map", async () => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await upload(trainer, `${SLUG}.yaml`, LIBRARY_FILE));
    const stored = await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } });
    expect(stored.source).toBe(LIBRARY_FILE);
    expect(stored.slug).toBe(SLUG);
    expect(stored.version).toBe(1);
    const { status, html } = await page(trainer, `/studio/drafts/${id}`);
    expect(status).toBe(200);
    expect(html).toContain("The checker found no problems.");
    expect(html).toContain("Map of the conversation");
    expect(html).toContain('id="line-13"');
    const studio = await page(trainer, "/studio");
    expect(studio.html).toContain(`href="/studio/drafts/${id}"`);
  });

  it("saves pasted YAML", async () => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await trainer.post("/studio/drafts/new", { source: LIBRARY_FILE }));
    expect((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } })).source).toBe(LIBRARY_FILE);
  });

  it("converts a Twee file first", async () => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await upload(trainer, "story.twee", TWEE));
    const stored = await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } });
    expect(stored.source).toContain("Imported from Twine");
    expect(stored.title).toBe("The Review Meeting");
  });

  it("saves a file with errors and lists its located problems, linked to their lines", async () => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await upload(trainer, `${SLUG}.yaml`, BROKEN));
    const { html } = await page(trainer, `/studio/drafts/${id}`);
    expect(html).toMatch(new RegExp(`<a href="#line-13"><code>${SLUG}\\.yaml:13:\\d+: error: [^<]*no-such-skill`));
    expect(html).not.toContain("The checker found no problems.");
  });

  it("draws the map of a draft with a dead end or an unreachable node, marking them, but not of one that is not a scenario yet", async () => {
    const trainer = await signedIn(server, TRAINER);
    for (const [fixture, flag] of [
      ["dead-end", "Dead end"],
      ["unreachable-node", "Unreachable"],
    ] as const) {
      const source = fs.readFileSync(path.join("tests", "fixtures", "scenarios", `${fixture}.yaml`), "utf8");
      const id = await importedDraft(await trainer.post("/studio/drafts/new", { source }));
      const { html } = await page(trainer, `/studio/drafts/${id}`);
      expect(html).toContain("Map of the conversation");
      expect(html).toMatch(new RegExp(`<text[^>]*>[^<]*${flag}`));
      expect(html).toContain(`error: `);
    }
    const id = await importedDraft(
      await trainer.post("/studio/drafts/new", { source: "id: half-written\ntitle: Half\n" }),
    );
    const { html } = await page(trainer, `/studio/drafts/${id}`);
    expect(html).not.toContain("Map of the conversation");
    expect(html).toContain("The map of the conversation appears once the draft has everything a scenario needs");
  });

  it("lists only the lines near the checker's problems when a draft is over 1,000 lines long", async () => {
    const { scenarioToYaml } = await import("~/domain/scenario");
    const { generateScenario } = await import("../../scripts/scenario-generator");
    const large = scenarioToYaml(generateScenario(1, { nodeCount: 120, endings: 6, choiceCount: 360 }));
    const lines = large.split("\n");
    const at = lines.findIndex((line, index) => index > 600 && line.includes("skills: [listening"));
    lines[at] = lines[at]!.replace("skills: [listening", "skills: [no-such-skill");
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await trainer.post("/studio/drafts/new", { source: lines.join("\n") }));
    const { html } = await page(trainer, `/studio/drafts/${id}`);
    expect(lines.length).toBeGreaterThan(1000);
    expect(html.replaceAll("<!-- -->", "")).toContain(`This draft has ${lines.length.toLocaleString("en-GB")} lines`);
    // The problem's line and two either side, and nothing far from it.
    for (const line of [at - 1, at, at + 1, at + 2, at + 3]) expect(html).toContain(`id="line-${line}"`);
    expect(html).not.toContain(`id="line-${at - 2}"`);
    expect(html).not.toContain('id="line-1"');
    expect(html).toMatch(new RegExp(`<a href="#line-${at + 1}">`));
  });

  it("refuses a file over 500 KB, naming the field and keeping the pasted text", async () => {
    const trainer = await signedIn(server, TRAINER);
    const before = await server.db.scenarioDraft.count();
    const response = await upload(trainer, "big.yaml", "#".repeat(600 * 1024), "id: kept-text");
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("File to import: the file is over 500 KB");
    expect(html).toContain("id: kept-text");
    expect(await server.db.scenarioDraft.count()).toBe(before);
  });

  it("asks for a file or pasted text", async () => {
    const trainer = await signedIn(server, TRAINER);
    const response = await trainer.post("/studio/drafts/new", { source: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose a file to import, or paste the scenario&#x27;s YAML.");
  });

  it("refuses a practitioner (403)", async () => {
    const practitioner = await signedIn(server, "practitioner@northbridge.example");
    expect((await practitioner.post("/studio/drafts/new", { source: LIBRARY_FILE })).status).toBe(403);
    expect((await practitioner.get("/studio/drafts/new")).status).toBe(403);
  });
});

describe("a draft's page", () => {
  it("answers 404 for another organisation's draft, and its download goes to the studio", async () => {
    const eastmoor = await server.db.organisation.findUniqueOrThrow({ where: { slug: "eastmoor" } });
    const draft = await server.db.scenarioDraft.create({
      data: {
        organisationId: eastmoor.id,
        slug: SLUG,
        title: "Theirs",
        source: LIBRARY_FILE,
        createdById: "x",
        updatedById: "x",
      },
    });
    const trainer = await signedIn(server, TRAINER);
    expect((await trainer.get(`/studio/drafts/${draft.id}`)).status).toBe(404);
    expect((await trainer.post(`/studio/drafts/${draft.id}`, { source: "x", version: "1" })).status).toBe(404);
    const download = await trainer.get(`/studio/drafts/${draft.id}/download`);
    expect(download.status).toBe(302);
    expect(download.headers.get("Location")).toBe("/studio");
  });

  it("refuses the second of two saves made from the same version, showing both and overwriting nothing", async () => {
    const first = await signedIn(server, TRAINER);
    const second = await signedIn(server, TRAINER, "198.18.30.2");
    const id = await importedDraft(await first.post("/studio/drafts/new", { source: LIBRARY_FILE }));
    const theirs = LIBRARY_FILE.replace("title:", "# first trainer's change\ntitle:");
    const yours = LIBRARY_FILE.replace("title:", "# second trainer's change\ntitle:");
    const saved = await first.post(`/studio/drafts/${id}`, { source: theirs, version: "1" });
    expect(saved.status).toBe(302);
    const refused = await second.post(`/studio/drafts/${id}`, { source: yours, version: "1" });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("Another trainer saved this draft first");
    expect(html).toContain("first trainer&#x27;s change");
    expect(html).toContain("second trainer&#x27;s change");
    const stored = await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } });
    expect(stored.source).toBe(theirs);
    expect(stored.version).toBe(2);
  });

  it("keeps what was typed when the save is not valid", async () => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await trainer.post("/studio/drafts/new", { source: LIBRARY_FILE }));
    const response = await trainer.post(`/studio/drafts/${id}`, { source: "id: typed-here" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("id: typed-here");
  });

  it("lets a reviewer read a draft but not save it", async () => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await trainer.post("/studio/drafts/new", { source: LIBRARY_FILE }));
    const reviewer = await signedIn(server, "reviewer@northbridge.example");
    const { status, html } = await page(reviewer, `/studio/drafts/${id}`);
    expect(status).toBe(200);
    expect(html).not.toContain("Save the draft");
    expect((await reviewer.post(`/studio/drafts/${id}`, { source: "x", version: "1" })).status).toBe(403);
  });
});

describe("downloads", () => {
  it("gives a draft's source as <slug>.yaml", async () => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await trainer.post("/studio/drafts/new", { source: BROKEN }));
    const response = await trainer.get(`/studio/drafts/${id}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/yaml; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${SLUG}.yaml"`);
    expect(await response.text()).toBe(BROKEN);
  });

  it("exports a library scenario byte-identical to its file in scenarios/", async () => {
    const reviewer = await signedIn(server, "reviewer@northbridge.example");
    const response = await reviewer.get(`/studio/library/${SLUG}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${SLUG}.yaml"`);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(LIBRARY_FILE))).toBe(true);
  });

  it("sends someone without the studio, or asking for no such scenario, to /studio", async () => {
    const practitioner = await signedIn(server, "practitioner@northbridge.example");
    const refused = await practitioner.get(`/studio/library/${SLUG}/download`);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe("/studio");
    const trainer = await signedIn(server, TRAINER);
    const missing = await trainer.get("/studio/library/no-such-scenario/download");
    expect(missing.headers.get("Location")).toBe("/studio");
  });
});

describe("bad input and permissions (mirrors the entries proposed for bad-input and the matrix)", () => {
  const MEGABYTE = 1024 * 1024;
  const huge = "Long input ".repeat(MEGABYTE / 11 + 1).slice(0, MEGABYTE);

  it.each([
    ["an empty body", {}],
    ["a megabyte of pasted source", { file: "", source: huge }],
    ["a megabyte in the file field, sent as text", { file: huge, source: "" }],
  ])("POST /studio/drafts/new: %s answers 400", async (_label, body) => {
    const trainer = await signedIn(server, TRAINER);
    const before = await server.db.scenarioDraft.count();
    const response = await trainer.post("/studio/drafts/new", body);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/class="field-error"|There is a problem/);
    expect(await server.db.scenarioDraft.count()).toBe(before);
  });

  it.each([
    ["an empty body", {}],
    ["a megabyte of source", { source: huge, version: "1" }],
    ["a megabyte of version", { source: "id: x", version: huge }],
  ])("POST /studio/drafts/:draftId: %s answers 400", async (_label, body) => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await trainer.post("/studio/drafts/new", { source: LIBRARY_FILE }));
    const response = await trainer.post(`/studio/drafts/${id}`, body);
    expect(response.status).toBe(400);
    expect((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } })).version).toBe(1);
  });

  it("answers 400 for a multipart body whose boundary is not the one announced", async () => {
    const trainer = await signedIn(server, TRAINER);
    const response = await trainer.request("/studio/drafts/new", {
      method: "POST",
      body: '--sent-boundary\r\nContent-Disposition: form-data; name="source"\r\n\r\nid: x\r\n--sent-boundary--\r\n',
      headers: { "Content-Type": "multipart/form-data; boundary=announced-boundary" },
    });
    expect(response.status).toBe(400);
  });

  it.each([
    ["manager@northbridge.example", 403, 403],
    ["reviewer@northbridge.example", 403, 200],
    ["admin@northbridge.example", 403, 403],
    ["admin@eastmoor.example", 403, 403],
  ])("%s: import page %i, draft page %i", async (email, importStatus, draftStatus) => {
    const trainer = await signedIn(server, TRAINER);
    const id = await importedDraft(await trainer.post("/studio/drafts/new", { source: LIBRARY_FILE }));
    const client = await signedIn(server, email);
    expect((await client.get("/studio/drafts/new")).status).toBe(importStatus);
    expect((await client.get(`/studio/drafts/${id}`)).status).toBe(draftStatus);
    const download = await client.get(`/studio/drafts/${id}/download`);
    expect(download.status).toBe(draftStatus === 200 ? 200 : 302);
  });
});
