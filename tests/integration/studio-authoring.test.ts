import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type Client, type TestServer } from "./helpers/test-server";

/** Building and editing a draft through the studio's forms, over real HTTP. */

const TRAINER = "trainer@northbridge.example";
const OTHER_TRAINER = "wei.chen@northbridge.example";
const REVIEWER = "reviewer@northbridge.example";
const LIBRARY_SLUG = "phone-before-the-letter";
const LIBRARY_FILE = fs.readFileSync(path.join("scenarios", `${LIBRARY_SLUG}.yaml`), "utf8");

let server: TestServer;
let trainer: Client;

beforeAll(async () => {
  server = await startTestServer();
  trainer = await signedIn(server, TRAINER, "198.18.30.1");
});
afterAll(async () => {
  await server.close();
});

/** React separates adjacent text with empty comments; a reader sees one sentence. */
const visible = (html: string) => html.replaceAll("<!-- -->", "");

async function page(client: Client, pathname: string) {
  const response = await client.get(pathname);
  return { status: response.status, html: visible(await response.text()) };
}

async function version(draftId: string): Promise<number> {
  return (await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: draftId } })).version;
}

async function source(draftId: string): Promise<string> {
  return (await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: draftId } })).source;
}

/** Posts a form at the draft's current version and expects the redirect a save answers with. */
async function save(pathname: string, draftId: string, fields: Record<string, string | string[]>, to?: string) {
  const response = await trainer.post(pathname, { version: String(await version(draftId)), ...fields });
  const body = await response.text();
  expect(response.status, visible(body).slice(0, 2000)).toBe(302);
  if (to) expect(response.headers.get("Location")).toBe(to);
  return response;
}

async function startFromNothing(title: string, slug = ""): Promise<string> {
  const response = await trainer.post("/studio/drafts/new", { intent: "start-from-nothing", title, slug });
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/studio\/drafts\/[a-z0-9]+$/);
  return location.split("/").pop()!;
}

const PERSONA = {
  id: "ruth",
  name: "Ruth Adebayo",
  relationship: "Mother of Kofi, aged 8",
  background: "Kofi has been excluded twice this term.",
  wants: "For the school to understand Kofi.",
  fears: "That Kofi will be moved to another school.",
  voice: "Quick and direct; goes quiet when upset.",
  kind: "family",
};

describe("building a scenario from nothing", () => {
  it("starts a draft with an id made from the title, which the checker reads as unfinished", async () => {
    const id = await startFromNothing("Before the exclusion meeting");
    const stored = await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } });
    expect(stored.slug).toBe("before-the-exclusion-meeting");
    expect(stored.source).toContain("id: before-the-exclusion-meeting\ntitle: Before the exclusion meeting\n");
    const draft = await page(trainer, `/studio/drafts/${id}`);
    expect(draft.html).toContain("before-the-exclusion-meeting.yaml:");
    expect(draft.html).toContain(`href="/studio/drafts/${id}/details"`);
    // Beside the forms, a problem of the details links to the details form.
    const details = await page(trainer, `/studio/drafts/${id}/details`);
    expect(details.html).toMatch(
      new RegExp(
        `<a href="/studio/drafts/${id}/details"><code>before-the-exclusion-meeting\\.yaml:\\d+:\\d+: error: summary`,
      ),
    );
  });

  it("refuses a scenario id that is not a slug, naming the field and keeping the title", async () => {
    const response = await trainer.post("/studio/drafts/new", {
      intent: "start-from-nothing",
      title: "Kept title",
      slug: "Not A Slug",
    });
    expect(response.status).toBe(400);
    const html = visible(await response.text());
    expect(html).toContain("Scenario id: use lowercase letters");
    expect(html).toContain('value="Kept title"');
  });

  it("builds a whole scenario through the forms until the checker finds no problems", async () => {
    const id = await startFromNothing("The review letter", "the-review-letter");
    const base = `/studio/drafts/${id}`;
    await save(`${base}/personas/new`, id, PERSONA, `${base}/people`);
    await save(
      `${base}/meters/new`,
      id,
      { id: "trust", label: "How far Ruth trusts you", start: "2", min: "0", max: "5", visible: "on" },
      `${base}/people`,
    );
    await save(
      `${base}/new-node`,
      id,
      { type: "line", id: "call", speaker: "ruth", text: "Is this about Kofi?" },
      `${base}/nodes/call`,
    );
    await save(`${base}/new-node`, id, { type: "pause", id: "think", prompt: "What does Ruth need?", next: "good" });
    for (const [nodeId, tone] of [
      ["good", "positive"],
      ["hard", "difficult"],
    ]) {
      await save(`${base}/new-node`, id, {
        type: "ending",
        id: nodeId!,
        title: `An ending that is ${tone}`,
        tone: tone!,
        debrief: "You spoke with Ruth about Kofi.",
        wentWell: "You listened.\nYou were honest.",
        tryNext: "Agree a date.",
        guidance: "",
      });
    }
    const choice = (fields: Record<string, string | string[]>) =>
      save(`${base}/nodes/call/choices/new`, id, fields, `${base}/nodes/call`);
    await choice({
      id: "listen",
      says: "It is. How is Kofi?",
      next: "think",
      "effects.trust": "1",
      note: "Starts with the child.",
      skills: ["listening"],
    });
    await choice({
      id: "rules",
      says: "It is about the rules.",
      next: "hard",
      "effects.trust": "-1",
      note: "Starts with blame.",
    });
    await save(`${base}/details`, id, {
      title: "The review letter",
      id: "the-review-letter",
      summary: "A caseworker rings a mother before a review letter arrives.",
      audience: ["send-caseworker", "senco"],
      skills: ["listening"],
      minutes: "4",
      medium: "phone",
      coachNotes: "after-each-choice",
      contentNotes: "",
      start: "call",
    });

    const yaml = await source(id);
    expect(yaml).toContain("start: call\n");
    expect(yaml).toContain("        effects: { trust: 1 }\n");
    expect(yaml).toContain("audience: [send-caseworker, senco]\n");
    const draft = await page(trainer, base);
    expect(draft.html).toContain("The checker found no problems.");
    // The map's nodes lead to their forms.
    expect(draft.html).toContain(`href="${base}/nodes/call"`);
  });
});

describe("schema errors", () => {
  it("names each field and keeps what was typed", async () => {
    const id = await startFromNothing("Errors kept");
    const before = await source(id);
    const response = await trainer.post(`/studio/drafts/${id}/personas/new`, {
      version: String(await version(id)),
      ...PERSONA,
      id: "Ruth A",
      name: "",
      background: "Typed background, kept.",
    });
    expect(response.status).toBe(400);
    const html = visible(await response.text());
    expect(html).toContain("Persona id: use lowercase letters");
    expect(html).toContain("Name: must not be empty");
    expect(html).toContain('value="Ruth A"');
    expect(html).toContain("Typed background, kept.");
    expect(await source(id)).toBe(before);
  });

  it("says a meter's start must lie between its lowest and highest values", async () => {
    const id = await startFromNothing("Meter errors");
    const response = await trainer.post(`/studio/drafts/${id}/meters/new`, {
      version: String(await version(id)),
      id: "calm",
      label: "Calm",
      start: "9",
      min: "0",
      max: "five",
    });
    expect(response.status).toBe(400);
    const html = visible(await response.text());
    expect(html).toContain("Highest value: write a whole number, like 5");
    expect(html).toContain('value="five"');
  });

  it("refuses a node id another node has, so references are never merged", async () => {
    const id = await startFromNothing("Duplicate ids");
    await save(`/studio/drafts/${id}/new-node`, id, { type: "pause", id: "stop", prompt: "Why?", next: "stop" });
    const response = await trainer.post(`/studio/drafts/${id}/new-node?type=pause`, {
      version: String(await version(id)),
      type: "pause",
      id: "stop",
      prompt: "Again?",
      next: "stop",
    });
    expect(response.status).toBe(400);
    const html = visible(await response.text());
    expect(html).toContain("Node id: another node already has this id");
    expect(html).toContain(">Again?</textarea>");
  });

  it("saves despite checker problems, and links each problem to the node it concerns", async () => {
    const copied = await trainer.post(`/studio/library/${LIBRARY_SLUG}`);
    const id = copied.headers.get("Location")!.split("/").pop()!;
    const library = await page(trainer, `/studio/drafts/${id}`);
    expect(library.html).toContain("The checker found no problems.");
    // Delete a node that a choice of the first node leads to.
    const target = /next: ([a-z-]+)/.exec(LIBRARY_FILE)![1]!;
    const leader = /^start: ([a-z-]+)$/m.exec(LIBRARY_FILE)![1]!;
    await save(`/studio/drafts/${id}/nodes/${target}`, id, { intent: "delete", confirm: "yes" });
    const { html } = await page(trainer, `/studio/drafts/${id}/details`);
    expect(html).toMatch(
      new RegExp(`<a href="/studio/drafts/${id}/nodes/${leader}"><code>[^<]*error: [^<]*&quot;${target}&quot;`),
    );
  });
});

describe("two trainers at once", () => {
  it("refuses a stale save, names who saved first, keeps what was typed and shows their values", async () => {
    const id = await startFromNothing("Two trainers");
    await save(`/studio/drafts/${id}/personas/new`, id, PERSONA);
    const loadedAt = await version(id);
    const other = await signedIn(server, OTHER_TRAINER, "198.18.30.2");
    const theirs = await other.post(`/studio/drafts/${id}/personas/1`, {
      version: String(loadedAt),
      ...PERSONA,
      wants: "Their version of what Ruth wants.",
    });
    expect(theirs.status).toBe(302);
    const after = await source(id);

    const response = await trainer.post(`/studio/drafts/${id}/personas/1`, {
      version: String(loadedAt),
      ...PERSONA,
      wants: "My version, typed before I knew.",
    });
    expect(response.status).toBe(409);
    const html = visible(await response.text());
    expect(html).toContain("Another trainer saved this draft first");
    expect(html).toContain("Wei Chen saved it on");
    expect(html).toContain("My version, typed before I knew.");
    expect(html).toContain("Their version of what Ruth wants.");
    expect(html).toContain(`name="version" value="${loadedAt + 1}"`);
    expect(await source(id)).toBe(after);
  });
});

describe("two trainers on one node", () => {
  it("refuses a stale save of a node and shows the node as the other trainer left it", async () => {
    const id = await startFromNothing("One node, two trainers");
    await save(`/studio/drafts/${id}/new-node`, id, {
      type: "pause",
      id: "stop",
      prompt: "First prompt?",
      next: "stop",
    });
    const loadedAt = await version(id);
    const other = await signedIn(server, OTHER_TRAINER, "198.18.30.5");
    const fields = { intent: "save", type: "pause", id: "stop", next: "stop" };
    expect(
      (
        await other.post(`/studio/drafts/${id}/nodes/stop`, {
          ...fields,
          version: String(loadedAt),
          prompt: "Their prompt?",
        })
      ).status,
    ).toBe(302);
    const response = await trainer.post(`/studio/drafts/${id}/nodes/stop`, {
      ...fields,
      version: String(loadedAt),
      prompt: "My prompt?",
    });
    expect(response.status).toBe(409);
    const html = visible(await response.text());
    expect(html).toContain("Wei Chen saved it on");
    expect(html).toContain(">My prompt?</textarea>");
    expect(html).toMatch(/<dt>Question to reflect on<\/dt><dd>Their prompt\?<\/dd>/);
    expect(await source(id)).toContain("prompt: Their prompt?");
  });
});

describe("every form refuses a save at an old version", () => {
  const STALE: [string, Record<string, string | string[]>][] = [
    [
      "details",
      {
        title: "T",
        id: LIBRARY_SLUG,
        summary: "S.",
        audience: "senco",
        skills: "listening",
        minutes: "5",
        start: "opening",
      },
    ],
    ["people", { intent: "delete-persona", index: "1" }],
    ["people", { intent: "delete-meter", index: "1" }],
    ["personas/1", { id: "nadia", name: "N", relationship: "R", background: "B", wants: "W", fears: "F", voice: "V" }],
    ["meters/new", { id: "calm", label: "Calm", start: "0", min: "0", max: "2" }],
    ["new-node", { type: "pause", id: "stale", prompt: "Why?", next: "opening" }],
    ["nodes/opening", { intent: "save", type: "line", id: "opening", speaker: "nadia", text: "Hello?" }],
    ["nodes/opening", { intent: "move", direction: "down" }],
    ["nodes/opening", { intent: "delete", confirm: "yes" }],
    ["nodes/opening", { intent: "move-choice", index: "1", direction: "down" }],
    ["nodes/opening", { intent: "delete-choice", index: "1" }],
    ["nodes/opening/choices/1", { id: "introduce-and-check-time", says: "Hello.", next: "check-time" }],
  ];

  it.each(STALE)("%s %j", async (page, fields) => {
    const copied = await trainer.post(`/studio/library/${LIBRARY_SLUG}`);
    const id = copied.headers.get("Location")!.split("/").pop()!;
    await save(`/studio/drafts/${id}/details`, id, STALE[0]![1]);
    const before = await source(id);
    const response = await trainer.post(`/studio/drafts/${id}/${page}`, { ...fields, version: "1" });
    expect(response.status).toBe(409);
    expect(visible(await response.text())).toContain("Another trainer saved this draft first");
    expect(await source(id)).toBe(before);
  });
});

describe("who may edit", () => {
  it("answers 404 for another organisation's draft", async () => {
    const eastmoor = await server.db.organisation.findUniqueOrThrow({ where: { slug: "eastmoor" } });
    const draft = await server.db.scenarioDraft.create({
      data: {
        organisationId: eastmoor.id,
        slug: LIBRARY_SLUG,
        title: "Eastmoor's",
        source: LIBRARY_FILE,
        createdById: "seed",
        updatedById: "seed",
      },
    });
    expect((await page(trainer, `/studio/drafts/${draft.id}/details`)).status).toBe(404);
    expect((await page(trainer, `/studio/drafts/${draft.id}/nodes/call`)).status).toBe(404);
    const response = await trainer.post(`/studio/drafts/${draft.id}/people`, {
      intent: "delete-persona",
      index: "1",
      version: "1",
    });
    expect(response.status).toBe(404);
    expect(await source(draft.id)).toBe(LIBRARY_FILE);
  });

  it("lets a reviewer read the draft but not edit it: 403, and no edit links", async () => {
    const id = await startFromNothing("Reviewed");
    await save(`/studio/drafts/${id}/new-node`, id, { type: "pause", id: "stop", prompt: "Why?", next: "stop" });
    const reviewer = await signedIn(server, REVIEWER, "198.18.30.3");
    const draftPage = await page(reviewer, `/studio/drafts/${id}`);
    expect(draftPage.status).toBe(200);
    expect(draftPage.html).not.toContain(`/studio/drafts/${id}/details`);
    expect((await page(reviewer, `/studio/drafts/${id}/details`)).status).toBe(403);
    const before = await source(id);
    const response = await reviewer.post(`/studio/drafts/${id}/nodes/stop`, {
      intent: "delete",
      confirm: "yes",
      version: String(await version(id)),
    });
    expect(response.status).toBe(403);
    expect(await source(id)).toBe(before);
  });
});

describe("nodes and choices", () => {
  it("asks for confirmation before deleting a node", async () => {
    const id = await startFromNothing("Deleting");
    await save(`/studio/drafts/${id}/new-node`, id, { type: "pause", id: "stop", prompt: "Why?", next: "stop" });
    const before = await source(id);
    const unconfirmed = await trainer.post(`/studio/drafts/${id}/nodes/stop`, {
      intent: "delete",
      version: String(await version(id)),
    });
    expect(unconfirmed.status).toBe(400);
    expect(visible(await unconfirmed.text())).toContain("tick the box to confirm");
    expect(await source(id)).toBe(before);
    await save(`/studio/drafts/${id}/nodes/stop`, id, { intent: "delete", confirm: "yes" }, `/studio/drafts/${id}`);
    expect(await source(id)).not.toContain("id: stop");
  });

  it("renames a node, and the choices that led to it follow", async () => {
    const id = await startFromNothing("Renaming");
    const base = `/studio/drafts/${id}`;
    await save(`${base}/new-node`, id, { type: "line", id: "hello", text: "Hello." });
    await save(`${base}/nodes/hello/choices/new`, id, { id: "again", says: "Again.", next: "hello" });
    await save(
      `${base}/nodes/hello`,
      id,
      { intent: "save", type: "line", id: "greeting", text: "Hello." },
      `${base}/nodes/greeting`,
    );
    const yaml = await source(id);
    expect(yaml).toContain("start: greeting\n");
    expect(yaml).toContain("next: greeting\n");
    expect(yaml).not.toContain("hello\n");
  });

  it("moves nodes and choices up and down", async () => {
    const id = await startFromNothing("Moving");
    const base = `/studio/drafts/${id}`;
    await save(`${base}/new-node`, id, { type: "line", id: "one", text: "One." });
    await save(`${base}/new-node`, id, { type: "pause", id: "two", prompt: "Two?", next: "one" });
    await save(`${base}/nodes/two`, id, { intent: "move", direction: "up" });
    expect((await source(id)).indexOf("id: two")).toBeLessThan((await source(id)).indexOf("id: one"));
    await save(`${base}/nodes/one/choices/new`, id, { id: "a", says: "A.", next: "two" });
    await save(`${base}/nodes/one/choices/new`, id, { id: "b", says: "B.", next: "two" });
    await save(`${base}/nodes/one`, id, { intent: "move-choice", index: "2", direction: "up" });
    const yaml = await source(id);
    expect(yaml.indexOf("id: b")).toBeLessThan(yaml.indexOf("id: a"));
    await save(`${base}/nodes/one`, id, { intent: "delete-choice", index: "1" });
    expect(await source(id)).not.toContain("id: b");
  });
});

describe("drafts the forms cannot edit", () => {
  it("says so for YAML that does not parse, and points to the source editor", async () => {
    const draft = await server.db.scenarioDraft.create({
      data: {
        organisationId: (await server.db.organisation.findUniqueOrThrow({ where: { slug: "northbridge" } })).id,
        slug: "untitled",
        title: "Untitled draft",
        source: "id: [unclosed",
        createdById: "seed",
        updatedById: "seed",
      },
    });
    const { status, html } = await page(trainer, `/studio/drafts/${draft.id}/details`);
    expect(status).toBe(200);
    expect(html).toContain("This draft cannot be edited in forms");
    expect(html).toContain(`href="/studio/drafts/${draft.id}#editor-heading"`);
    const response = await trainer.post(`/studio/drafts/${draft.id}/new-node`, {
      version: "1",
      type: "pause",
      id: "stop",
      prompt: "Why?",
      next: "stop",
    });
    expect(response.status).toBe(400);
    expect(await source(draft.id)).toBe("id: [unclosed");
  });
});

describe("copying a library scenario", () => {
  it("makes a draft with a new id and title, numbering further copies", async () => {
    await server.db.scenarioDraft.deleteMany({ where: { slug: { startsWith: `${LIBRARY_SLUG}-copy` } } });
    const first = await trainer.post(`/studio/library/${LIBRARY_SLUG}`);
    expect(first.status).toBe(302);
    const firstId = first.headers.get("Location")!.split("/").pop()!;
    const copy = await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: firstId } });
    expect(copy.slug).toBe(`${LIBRARY_SLUG}-copy`);
    expect(copy.title).toMatch(/ \(copy\)$/);
    // Only the id and title differ from the shipped file.
    const changed = copy.source.split("\n").filter((line, i) => line !== LIBRARY_FILE.split("\n")[i]);
    expect(changed).toEqual([`id: ${LIBRARY_SLUG}-copy`, `title: ${copy.title}`]);

    const second = await trainer.post(`/studio/library/${LIBRARY_SLUG}`);
    const secondId = second.headers.get("Location")!.split("/").pop()!;
    expect((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: secondId } })).slug).toBe(
      `${LIBRARY_SLUG}-copy-2`,
    );
  });

  it("shows the copy button to trainers only", async () => {
    expect((await page(trainer, `/studio/library/${LIBRARY_SLUG}`)).html).toContain("Make a copy to edit");
    const reviewer = await signedIn(server, REVIEWER, "198.18.30.4");
    expect((await page(reviewer, `/studio/library/${LIBRARY_SLUG}`)).html).not.toContain("Make a copy to edit");
    expect((await reviewer.post(`/studio/library/${LIBRARY_SLUG}`)).status).toBe(403);
  });
});
