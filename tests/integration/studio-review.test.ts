import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type Client, type TestServer } from "./helpers/test-server";

/**
 * Co-production review and publishing over real HTTP: send for review, ask for changes, revise,
 * approve, publish an immutable version, practise it, publish again, compare, archive.
 */

const LIBRARY_FILE = fs.readFileSync(path.join("scenarios", "phone-before-the-letter.yaml"), "utf8");
const OWN_SLUG = "our-phone-call";
const OWN_FILE = LIBRARY_FILE.replace("id: phone-before-the-letter", `id: ${OWN_SLUG}`).replace(
  "title: The phone call before the letter",
  "title: Our own phone call",
);
const TRAINER = "trainer@northbridge.example";
const REVIEWER = "reviewer@northbridge.example";
const PRACTITIONER = "practitioner@northbridge.example";

let server: TestServer;
let trainer: Client;
let reviewer: Client;
let practitioner: Client;

beforeAll(async () => {
  server = await startTestServer();
  [trainer, reviewer, practitioner] = await Promise.all([
    signedIn(server, TRAINER, "198.18.20.1"),
    signedIn(server, REVIEWER, "198.18.20.2"),
    signedIn(server, PRACTITIONER, "198.18.20.3"),
  ]);
});
afterAll(async () => {
  await server.close();
});

async function newDraft(source: string): Promise<string> {
  const response = await trainer.post("/studio/drafts/new", { source });
  expect(response.status).toBe(302);
  return (response.headers.get("Location") ?? "").split("/").pop()!;
}

async function draftVersion(id: string): Promise<string> {
  return String((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } })).version);
}

async function html(client: Client, pathname: string): Promise<{ status: number; text: string }> {
  const response = await client.get(pathname);
  return { status: response.status, text: await response.text() };
}

const review = (id: string) => `/studio/drafts/${id}/review`;

async function submit(id: string, note = "") {
  return trainer.post(review(id), { intent: "submit", draftVersion: await draftVersion(id), note });
}

async function decide(client: Client, id: string, decision: string, body = "", nodeId = "") {
  return client.post(review(id), { intent: "comment", draftVersion: await draftVersion(id), decision, body, nodeId });
}

async function publish(id: string) {
  return trainer.post(review(id), { intent: "publish", draftVersion: await draftVersion(id) });
}

async function save(id: string, source: string) {
  const response = await trainer.post(`/studio/drafts/${id}`, { source, version: await draftVersion(id) });
  expect(response.status).toBe(302);
}

/** The page's text as a reader sees it: entities decoded, React's text separators removed. */
function decode(text: string): string {
  return text.replaceAll("<!-- -->", "").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
}

describe("from draft to published scenario", () => {
  let draftId: string;
  let scenarioId: string;
  let firstRunId: string;

  it("refuses to publish a draft nobody has reviewed", async () => {
    draftId = await newDraft(OWN_FILE);
    const response = await publish(draftId);
    expect(response.status).toBe(409);
    expect(decode(await response.text())).toContain("Send the draft for review first.");
    expect(await server.db.scenario.count({ where: { slug: OWN_SLUG } })).toBe(0);
  });

  it("sends it for review, and its sender cannot approve it", async () => {
    expect((await submit(draftId, "Please check the mother's words.")).status).toBe(302);
    const stored = await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: draftId } });
    expect(stored).toMatchObject({ status: "in-review", reviewRound: 1 });
    const own = await decide(trainer, draftId, "approved");
    expect(own.status).toBe(409);
    expect(decode(await own.text())).toContain("You sent this draft for review, so the decision is for others.");
  });

  it("lets a reviewer ask for a change on one node, which blocks publishing", async () => {
    const page = await html(reviewer, review(draftId));
    expect(page.status).toBe(200);
    expect(decode(page.text)).toContain("Please check the mother's words.");
    const empty = await decide(reviewer, draftId, "changes-requested", "", "opening");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Say what should change");
    const asked = await decide(reviewer, draftId, "changes-requested", "Nadia would not say sorry here.", "opening");
    expect(asked.status).toBe(302);
    const refused = await publish(draftId);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Changes were asked for in this round.");
    const thread = await html(trainer, review(draftId));
    expect(decode(thread.text)).toContain("Asked for changes: Carol Whitfield");
    expect(thread.text).toContain(`href="/studio/drafts/${draftId}#node-opening"`);
    // The draft's list view counts it beside the node, linking to the thread.
    const draftPage = decode((await html(reviewer, `/studio/drafts/${draftId}`)).text);
    const opening = draftPage.slice(draftPage.indexOf('id="node-opening"'), draftPage.indexOf('id="node-check-time"'));
    expect(opening).toContain(`href="/studio/drafts/${draftId}/review#thread-heading">1 review comment on this node`);
    expect(draftPage.match(/review comments? on this node/g)).toHaveLength(1);
  });

  it("refuses a comment on a node the draft does not have, keeping what was typed", async () => {
    const response = await decide(reviewer, draftId, "comment", "Where is this?", "no-such-node");
    expect(response.status).toBe(409);
    const text = await response.text();
    expect(text).toContain("That part of the scenario is no longer in the draft.");
    expect(text).toContain("Where is this?");
  });

  it("takes the trainer's reply and resubmission, then the reviewer's approval, and publishes version 1", async () => {
    await save(draftId, OWN_FILE.replace("Hello? Sorry, I'm just walking", "Hello? I'm just walking"));
    expect((await decide(trainer, draftId, "comment", "Changed: she no longer says sorry.")).status).toBe(302);
    expect((await submit(draftId, "Second round")).status).toBe(302);
    expect((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: draftId } })).reviewRound).toBe(2);
    // A reviewer's practice: approving a page that is out of date is refused.
    const stale = await reviewer.post(review(draftId), { intent: "comment", draftVersion: "1", decision: "approved" });
    expect(stale.status).toBe(409);
    expect((await decide(reviewer, draftId, "approved", "Reads well now.")).status).toBe(302);
    // A reviewer cannot publish, even an approved draft.
    expect(
      (await reviewer.post(review(draftId), { intent: "publish", draftVersion: await draftVersion(draftId) })).status,
    ).toBe(403);

    const response = await publish(draftId);
    expect(response.status).toBe(302);
    const scenario = await server.db.scenario.findFirstOrThrow({
      where: { slug: OWN_SLUG },
      include: { versions: true },
    });
    scenarioId = scenario.id;
    expect(response.headers.get("Location")).toBe(`/studio/scenarios/${scenario.id}`);
    expect(scenario).toMatchObject({ origin: "organisation", title: "Our own phone call", archivedAt: null });
    expect(scenario.versions.map((version) => version.number)).toEqual([1]);
    expect(scenario.versions[0]!.source).toContain("Hello? I'm just walking");
    expect(await server.db.auditEvent.count({ where: { type: "scenario.published" } })).toBe(1);
    const kinds = await server.db.reviewComment.findMany({ where: { draftId }, orderBy: { createdAt: "asc" } });
    expect(kinds.map((entry) => entry.kind)).toEqual([
      "submitted",
      "changes-requested",
      "comment",
      "submitted",
      "approved",
      "published",
    ]);
  });

  it("offers the published scenario to the organisation's practitioners, who can play it", async () => {
    const catalogue = await html(practitioner, "/practise");
    expect(catalogue.text).toContain(`href="/practise/${OWN_SLUG}"`);
    expect(catalogue.text).toContain("Written by your organisation");
    const start = await practitioner.post(`/practise/${OWN_SLUG}`, { intent: "start" });
    expect(start.status).toBe(302);
    firstRunId = (start.headers.get("Location") ?? "").split("/").pop()!;
    const run = await server.db.practiceRun.findUniqueOrThrow({
      where: { id: firstRunId },
      include: { scenarioVersion: true },
    });
    expect(run.scenarioVersion.number).toBe(1);
    expect(run.scenarioVersion.scenarioId).toBe(scenarioId);
    // Another organisation never sees it.
    const eastmoor = await signedIn(server, "practitioner@eastmoor.example", "198.18.20.4");
    expect((await eastmoor.get(`/practise/${OWN_SLUG}`)).status).toBe(404);
    expect(await (await eastmoor.get("/practise")).text()).not.toContain(OWN_SLUG);
  });

  it("publishes a second version; runs already played keep the first; the versions can be compared", async () => {
    await save(draftId, OWN_FILE.replace("Hello? Sorry, I'm just walking", "Hello? Who's calling? I'm walking"));
    expect((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("draft");
    expect((await publish(draftId)).status).toBe(409);
    expect((await submit(draftId)).status).toBe(302);
    expect((await decide(reviewer, draftId, "approved")).status).toBe(302);
    expect((await publish(draftId)).status).toBe(302);
    const versions = await server.db.scenarioVersion.findMany({ where: { scenarioId }, orderBy: { number: "asc" } });
    expect(versions.map((version) => version.number)).toEqual([1, 2]);
    expect(versions[0]!.source).toContain("Hello? I'm just walking");
    const run = await server.db.practiceRun.findUniqueOrThrow({ where: { id: firstRunId } });
    expect(run.scenarioVersionId).toBe(versions[0]!.id);
    expect((await practitioner.get(`/practise/runs/${firstRunId}`)).status).toBe(200);

    const page = await html(trainer, `/studio/scenarios/${scenarioId}`);
    expect(page.text).toContain(`/studio/scenarios/${scenarioId}/diff?from=1&amp;to=2`);
    const diff = decode((await html(reviewer, `/studio/scenarios/${scenarioId}/diff?from=1&to=2`)).text);
    expect(diff).toContain("0 nodes added, 0 removed, 1 changed");
    expect(diff).toContain("Hello? I'm just walking");
    expect(diff).toContain("Hello? Who's calling? I'm walking");
    const download = await trainer.get(`/studio/scenarios/${scenarioId}/download?version=1`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(versions[0]!.source);
  });

  it("refuses to publish the same content twice", async () => {
    await save(draftId, OWN_FILE.replace("Hello? Sorry, I'm just walking", "Hello? Who's calling? I'm walking") + "\n");
    expect((await submit(draftId)).status).toBe(302);
    expect((await decide(reviewer, draftId, "approved")).status).toBe(302);
    // One extra newline at the end: the same scenario, so the same version.
    const response = await publish(draftId);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Nothing has changed since version 2");
    expect(await server.db.scenarioVersion.count({ where: { scenarioId } })).toBe(2);
    expect((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("in-review");
  });

  it("archives the scenario: out of the catalogue, history kept, and offered again on request", async () => {
    expect((await reviewer.post(`/studio/scenarios/${scenarioId}`, { intent: "archive" })).status).toBe(403);
    expect((await trainer.post(`/studio/scenarios/${scenarioId}`, { intent: "archive" })).status).toBe(302);
    expect((await server.db.scenario.findUniqueOrThrow({ where: { id: scenarioId } })).archivedAt).not.toBeNull();
    expect(await (await practitioner.get("/practise")).text()).not.toContain(`href="/practise/${OWN_SLUG}"`);
    expect((await practitioner.get(`/practise/${OWN_SLUG}`)).status).toBe(404);
    expect((await practitioner.get(`/practise/runs/${firstRunId}`)).status).toBe(200);
    expect(await server.db.scenarioVersion.count({ where: { scenarioId } })).toBe(2);
    expect(decode((await html(trainer, "/studio")).text)).toContain("No: archived");
    expect((await trainer.post(`/studio/scenarios/${scenarioId}`, { intent: "restore" })).status).toBe(302);
    expect((await practitioner.get(`/practise/${OWN_SLUG}`)).status).toBe(200);
  });

  it("publishes a return to an earlier version's words as a new version", async () => {
    const first = OWN_FILE.replace("Hello? Sorry, I'm just walking", "Hello? I'm just walking");
    await save(draftId, first);
    expect((await submit(draftId)).status).toBe(302);
    expect((await decide(reviewer, draftId, "approved")).status).toBe(302);
    expect((await publish(draftId)).status).toBe(302);
    const versions = await server.db.scenarioVersion.findMany({ where: { scenarioId }, orderBy: { number: "asc" } });
    expect(versions.map((version) => version.number)).toEqual([1, 2, 3]);
    expect(versions[2]!.source).toBe(versions[0]!.source);
  });

  it("is found by nobody in another organisation", async () => {
    const eastmoor = await server.db.organisation.findUniqueOrThrow({ where: { slug: "eastmoor" } });
    const admin = await server.db.user.findUniqueOrThrow({ where: { email: "admin@eastmoor.example" } });
    await server.db.user.create({
      data: {
        organisationId: eastmoor.id,
        email: "trainer@eastmoor.example",
        name: "Owen Pryce",
        passwordHash: admin.passwordHash,
        roles: { create: { role: "trainer" } },
      },
    });
    const other = await signedIn(server, "trainer@eastmoor.example", "198.18.20.5");
    expect((await other.get(`/studio/scenarios/${scenarioId}`)).status).toBe(404);
    expect((await other.get(`/studio/scenarios/${scenarioId}/diff?from=1&to=2`)).status).toBe(404);
    expect((await other.get(review(draftId))).status).toBe(404);
    expect((await other.post(review(draftId), { intent: "publish", draftVersion: "1" })).status).toBe(404);
    expect((await other.post(`/studio/scenarios/${scenarioId}`, { intent: "archive" })).status).toBe(404);
  });
});

describe("the rules around publishing", () => {
  it("refuses an id the library already uses, and says how to fix it", async () => {
    const id = await newDraft(LIBRARY_FILE);
    expect((await submit(id)).status).toBe(302);
    expect((await decide(reviewer, id, "approved")).status).toBe(302);
    const response = await publish(id);
    expect(response.status).toBe(409);
    expect(decode(await response.text())).toContain("The library already has a scenario with the id");
  });

  it("refuses to send a draft with checker errors for review", async () => {
    const id = await newDraft(
      OWN_FILE.replace("skills: [listening,", "skills: [no-such-skill,").replace(OWN_SLUG, "broken-one"),
    );
    const response = await submit(id);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("The checker found errors in this draft.");
    expect((await server.db.scenarioDraft.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  });

  it("needs as many reviewer approvals as the organisation sets, and trainers' approvals do not count", async () => {
    const admin = await signedIn(server, "admin@northbridge.example", "198.18.20.6");
    const invalid = await admin.post("/admin/settings", { intent: "studio", requiredApprovals: "0" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('value="0"');
    expect((await admin.post("/admin/settings", { intent: "studio", requiredApprovals: "2" })).status).toBe(302);

    const id = await newDraft(OWN_FILE.replaceAll(OWN_SLUG, "two-approvals"));
    expect((await submit(id)).status).toBe(302);
    expect((await decide(reviewer, id, "approved")).status).toBe(302);
    // Another trainer's approval is welcome but is not a reviewer's.
    const otherTrainer = await signedIn(server, "wei.chen@northbridge.example", "198.18.20.7");
    expect((await decide(otherTrainer, id, "approved")).status).toBe(302);
    const refused = await publish(id);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Publishing needs 2 reviewer approvals of this version; it has 1.");

    const organisationId = (await server.db.organisation.findUniqueOrThrow({ where: { slug: "northbridge" } })).id;
    await server.db.user.create({
      data: {
        organisationId,
        email: "second.reviewer@northbridge.example",
        name: "Joy Mensah",
        passwordHash: (await server.db.user.findUniqueOrThrow({ where: { email: REVIEWER } })).passwordHash,
        roles: { create: { role: "reviewer" } },
      },
    });
    const joy = await signedIn(server, "second.reviewer@northbridge.example", "198.18.20.8");
    expect((await decide(joy, id, "approved")).status).toBe(302);
    expect((await publish(id)).status).toBe(302);
  });
});
