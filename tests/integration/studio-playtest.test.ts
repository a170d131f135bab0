import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type Client, type TestServer } from "./helpers/test-server";

/** Playtesting a draft in the studio: replayed from the form on every request, never stored as practice. */

const SLUG = "phone-before-the-letter";
const LIBRARY_FILE = fs.readFileSync(path.join("scenarios", `${SLUG}.yaml`), "utf8");
// One unknown skill: an error, so the draft cannot be played.
const BROKEN = LIBRARY_FILE.replace("skills: [listening,", "skills: [no-such-skill,");
const TRAINER = "trainer@northbridge.example";

/** Known choices from the start to the positive ending, and the meters (trust, understanding) after each. */
const TO_THE_HEARD_ENDING: [string, number, number][] = [
  ["introduce-and-check-time", 4, 1],
  ["warn-then-tell", 5, 2],
  ["ask-about-home", 6, 2],
  ["reflect-back", 8, 2],
  ["continue", 8, 2],
  ["explain-plainly", 9, 4],
  ["explain-rights-and-support", 10, 6],
  ["agree-plan", 10, 7],
];

let server: TestServer;
let trainer: Client;
let draftId: string;
let brokenDraftId: string;

async function newDraft(client: Client, source: string): Promise<string> {
  const response = await client.post("/studio/drafts/new", { source });
  expect(response.status).toBe(302);
  return (response.headers.get("Location") ?? "").split("/").pop()!;
}

beforeAll(async () => {
  server = await startTestServer();
  trainer = await signedIn(server, TRAINER);
  draftId = await newDraft(trainer, LIBRARY_FILE);
  brokenDraftId = await newDraft(trainer, BROKEN);
});
afterAll(async () => {
  await server.close();
});

type Page = { status: number; html: string };

/** The page as a reader sees its text: React's separators between adjacent text removed. */
async function read(response: Response): Promise<Page> {
  return { status: response.status, html: (await response.text()).replaceAll("<!-- -->", "") };
}

const playtestPath = (id: string) => `/studio/drafts/${id}/playtest`;

/** The hidden fields of the page's move form, as a browser would send them back. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of ["from", "path", "version"]) {
    const value = html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1];
    if (value === undefined) throw new Error(`the page has no hidden ${name} field`);
    fields[name] = value;
  }
  return fields;
}

/** Presses the button of one choice on the page shown. */
async function choose(client: Client, id: string, page: Page, choice: string): Promise<Page> {
  expect(page.html, `the page offers ${choice}`).toContain(`name="choice" value="${choice}"`);
  return read(await client.post(playtestPath(id), { ...hiddenFields(page.html), choice }));
}

function meterRow(html: string, meter: string): string {
  return html.match(new RegExp(`<tr id="meter-${meter}">([\\s\\S]*?)</tr>`))?.[1] ?? "";
}

function meterValue(html: string, meter: string): number {
  return Number(meterRow(html, meter).match(/<td>(-?\d+)<\/td>/)?.[1]);
}

async function practiceCounts() {
  return { runs: await server.db.practiceRun.count(), steps: await server.db.practiceStep.count() };
}

describe("playtesting a draft", () => {
  it("links to the playtest from a draft without errors, and not from one with errors", async () => {
    const good = await read(await trainer.get(`/studio/drafts/${draftId}`));
    expect(good.html).toMatch(new RegExp(`<a [^>]*href="${playtestPath(draftId)}"[^>]*>Playtest from the start</a>`));
    // Every node but an ending can be played from, from the list view.
    expect(good.html).toContain(`href="${playtestPath(draftId)}?from=next-steps"`);
    expect(good.html).not.toContain(`href="${playtestPath(draftId)}?from=ending-heard"`);
    const broken = await read(await trainer.get(`/studio/drafts/${brokenDraftId}`));
    expect(broken.html).not.toContain("Playtest from the start");
    expect(broken.html).not.toContain("Playtest from here");
  });

  it("plays from the start to an ending, showing meters, path and coach's notes, and stores no practice", async () => {
    const before = await practiceCounts();
    let page = await read(await trainer.get(playtestPath(draftId)));
    expect(page.status).toBe(200);
    expect(page.html).toContain("<title>Playtest: The phone call before the letter · Studio · Heartwork</title>");
    expect(page.html).toContain("Moment 1");
    expect(page.html).toContain("never counts as practice");
    expect(page.html).not.toContain("not at the start");
    expect(meterRow(page.html, "trust")).toContain("How far Nadia trusts you");
    expect(meterRow(page.html, "trust")).toContain("<td>0 to 10</td><td>Yes</td>");
    expect([meterValue(page.html, "trust"), meterValue(page.html, "understanding")]).toEqual([3, 1]);
    expect(page.html).toContain("Now at <code>opening</code>, where this playtest began");

    for (const [index, [choice, trust, understanding]] of TO_THE_HEARD_ENDING.entries()) {
      page = await choose(trainer, draftId, page, choice);
      expect(page.status, page.html.slice(0, 300)).toBe(200);
      expect([meterValue(page.html, "trust"), meterValue(page.html, "understanding")], `after ${choice}`).toEqual([
        trust,
        understanding,
      ]);
      expect(hiddenFieldsOrNull(page.html)?.path ?? null).toBe(
        index === TO_THE_HEARD_ENDING.length - 1
          ? null
          : TO_THE_HEARD_ENDING.slice(0, index + 1)
              .map(([id]) => id)
              .join(" "),
      );
    }
    expect(page.html).toContain("The ending: A hard no, and a plan she helped shape");
    expect(page.html).toContain('<p class="tone tone--positive">It went well</p>');
    expect(page.html).toContain("What went well");
    expect(page.html).toContain("What to try next time");
    expect(page.html).not.toContain('name="choice"');
    // The coach's note of the last choice, and every move of the path in order.
    expect(page.html).toContain("Coach&#x27;s note");
    const path = page.html.match(/<ol class="playtest-path">([\s\S]*?)<\/ol>/)?.[1] ?? "";
    const steps = [...path.matchAll(/At <code>([a-z-]+)<\/code>/g)].map((match) => match[1]);
    expect(steps).toEqual([
      "opening",
      "check-time",
      "disappointment",
      "evenings",
      "pause-before-reasons",
      "reasons",
      "rights",
      "next-steps",
    ]);
    expect(path).toContain("carried on");
    expect(path).toContain("Now at <code>ending-heard</code>");
    expect(await practiceCounts()).toEqual(before);
  });

  it("plays from a middle node with the meters at their start values, and says so", async () => {
    let page = await read(await trainer.get(`${playtestPath(draftId)}?from=next-steps`));
    expect(page.status).toBe(200);
    expect(page.html).toContain("This playtest began at the node “next-steps”, not at the start.");
    expect([meterValue(page.html, "trust"), meterValue(page.html, "understanding")]).toEqual([3, 1]);
    // trust 3 and evenings not visited: only the written summary is offered.
    expect([...page.html.matchAll(/name="choice" value="([a-z-]+)"/g)].map((match) => match[1])).toEqual([
      "offer-written-summary",
    ]);
    expect(page.html).toContain('<option value="next-steps" selected="">');
    page = await choose(trainer, draftId, page, "offer-written-summary");
    expect(page.html).toContain("The ending: The facts, but not yet a plan");
    expect(meterValue(page.html, "understanding")).toBe(2);
    expect(page.html).toContain(`href="${playtestPath(draftId)}?from=next-steps">Start again from “next-steps”</a>`);
  });

  it("refuses a tampered path with a message and a way to start again, never a 500", async () => {
    const version = "1";
    const illegal = await read(
      await trainer.post(playtestPath(draftId), {
        from: "opening",
        path: "introduce-and-check-time straight-to-decision",
        version,
        choice: "acknowledge-bluntness",
      }),
    );
    expect(illegal.status).toBe(400);
    expect(illegal.html).toContain("There is a problem");
    expect(illegal.html).toContain(
      "Move 2 of this playtest, &quot;straight-to-decision&quot; at &quot;check-time&quot;, cannot be made",
    );
    expect(illegal.html).toContain(`<a href="${playtestPath(draftId)}">Start again from the start</a>`);
    expect(illegal.html).not.toContain('name="choice"');

    const unreadable = await read(
      await trainer.post(playtestPath(draftId), { from: "opening", path: "<script>", version, choice: "x" }),
    );
    expect(unreadable.status).toBe(400);
    expect(unreadable.html).toContain("The path of this playtest could not be read");

    const unknownNode = await read(await trainer.get(`${playtestPath(draftId)}?from=nowhere`));
    expect(unknownNode.status).toBe(400);
    expect(unknownNode.html).toContain("This draft has no node called &quot;nowhere&quot;.");

    const noChoice = await read(await trainer.post(playtestPath(draftId), { from: "opening", path: "", version }));
    expect(noChoice.status).toBe(400);
    expect(noChoice.html).toContain("Choose what to say.");
    // The moment stays, so the person can choose again.
    expect(noChoice.html).toContain('name="choice" value="introduce-and-check-time"');
  });

  it("says when the draft was saved since the playtest began", async () => {
    const id = await newDraft(trainer, LIBRARY_FILE);
    const start = await read(await trainer.get(playtestPath(id)));
    const renamed = LIBRARY_FILE.replaceAll("introduce-and-check-time", "introduce-yourself");
    expect((await trainer.post(`/studio/drafts/${id}`, { source: renamed, version: "1" })).status).toBe(302);
    const stale = await read(
      await trainer.post(playtestPath(id), { ...hiddenFields(start.html), choice: "introduce-and-check-time" }),
    );
    expect(stale.status).toBe(400);
    expect(stale.html).toContain("The draft has been saved since this playtest began");
    const fits = await read(
      await trainer.post(playtestPath(id), { ...hiddenFields(start.html), choice: "mention-letter" }),
    );
    expect(fits.status).toBe(200);
    expect(fits.html).toContain("The moves made so far still fit it");
    expect(hiddenFields(fits.html).version).toBe("2");
  });

  it("refuses a draft with errors, plainly, with a link back to it", async () => {
    const page = await read(await trainer.get(playtestPath(brokenDraftId)));
    expect(page.status).toBe(200);
    expect(page.html).toContain("This draft cannot be playtested yet");
    expect(page.html).toContain("The checker found an error in this draft");
    expect(page.html).toMatch(new RegExp(`href="/studio/drafts/${brokenDraftId}"[^>]*>Go to the draft`));
    expect(page.html).not.toContain('name="choice"');
    const move = await read(
      await trainer.post(playtestPath(brokenDraftId), { from: "opening", path: "", version: "1", choice: "x" }),
    );
    expect(move.status).toBe(409);
    expect(move.html).toContain("This draft cannot be playtested yet");
  });

  it("lets a reviewer playtest, stores nothing for them either", async () => {
    const before = await practiceCounts();
    const reviewer = await signedIn(server, "reviewer@northbridge.example", "198.18.40.2");
    const page = await read(await reviewer.get(playtestPath(draftId)));
    expect(page.status).toBe(200);
    const moved = await choose(reviewer, draftId, page, "straight-to-decision");
    expect(moved.status).toBe(200);
    expect(meterValue(moved.html, "trust")).toBe(1);
    expect(await practiceCounts()).toEqual(before);
  });

  it("answers 404 for another organisation's draft and 403 for a practitioner", async () => {
    const eastmoor = await server.db.organisation.findUniqueOrThrow({ where: { slug: "eastmoor" } });
    const theirs = await server.db.scenarioDraft.create({
      data: {
        organisationId: eastmoor.id,
        slug: SLUG,
        title: "Theirs",
        source: LIBRARY_FILE,
        createdById: "x",
        updatedById: "x",
      },
    });
    const body = { from: "opening", path: "", version: "1", choice: "introduce-and-check-time" };
    expect((await trainer.get(playtestPath(theirs.id))).status).toBe(404);
    expect((await trainer.post(playtestPath(theirs.id), body)).status).toBe(404);
    expect((await trainer.get(playtestPath("no-such-draft"))).status).toBe(404);
    const practitioner = await signedIn(server, "practitioner@northbridge.example", "198.18.40.3");
    expect((await practitioner.get(playtestPath(draftId))).status).toBe(403);
    expect((await practitioner.post(playtestPath(draftId), body)).status).toBe(403);
  });
});

function hiddenFieldsOrNull(html: string): Record<string, string> | null {
  try {
    return hiddenFields(html);
  } catch {
    return null;
  }
}
