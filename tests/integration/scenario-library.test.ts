import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibraryPaths, LibrarySyncReport } from "~/services/scenario-library.server";
import { signedIn, startTestServer, type TestServer } from "./helpers/test-server";

let server: TestServer;
let dir: string;
let paths: LibraryPaths;
// Imported once the test server has set DATABASE_URL, so it talks to the same file.
let syncScenarioLibrary: (paths: LibraryPaths) => Promise<LibrarySyncReport>;
const original = fs.readFileSync(path.join("scenarios", "phone-before-the-letter.yaml"), "utf8");

beforeAll(async () => {
  server = await startTestServer();
  ({ syncScenarioLibrary } = await import("~/services/scenario-library.server"));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "heartwork-library-"));
  fs.copyFileSync(path.join("scenarios", "skills.yaml"), path.join(dir, "skills.yaml"));
  paths = { scenariosDir: dir, guidanceDir: path.join("content", "guidance") };
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function versionsOf(slug: string) {
  return server.db.scenarioVersion.findMany({
    where: { scenario: { slug, origin: "library" } },
    orderBy: { number: "asc" },
    select: { number: true, contentHash: true, source: true },
  });
}

describe("loading the scenario library", () => {
  it("was loaded when the app started: the shipped scenario is there as version 1", async () => {
    const versions = await versionsOf("phone-before-the-letter");
    expect(versions.map((version) => version.number)).toEqual([1]);
    expect(versions[0]?.source).toBe(original);
    expect(await server.db.libraryProblem.count()).toBe(0);
  });

  it("adds nothing when a file has not changed", async () => {
    write("phone-before-the-letter.yaml", original);
    const report = await syncScenarioLibrary(paths);
    expect(report.loaded).toHaveLength(1);
    expect(report.newVersions).toEqual([]);
    expect((await versionsOf("phone-before-the-letter")).map((version) => version.number)).toEqual([1]);
  });

  it("makes a new version when a file changes, and keeps the old one as it was", async () => {
    const changed = original.replace(/^title: .*$/m, "title: Phoning before the letter (revised)");
    expect(changed).not.toBe(original);
    write("phone-before-the-letter.yaml", changed);
    const report = await syncScenarioLibrary(paths);
    expect(report.broken).toEqual([]);
    expect(report.newVersions).toHaveLength(1);
    const versions = await versionsOf("phone-before-the-letter");
    expect(versions.map((version) => version.number)).toEqual([1, 2]);
    expect(versions[0]?.source).toBe(original);
    expect(versions[1]?.source).toBe(changed);
    expect(versions[0]?.contentHash).not.toBe(versions[1]?.contentHash);
    const scenario = await server.db.scenario.findFirstOrThrow({ where: { slug: "phone-before-the-letter" } });
    expect(scenario.title).toBe("Phoning before the letter (revised)");
  });

  it("skips a broken file with its located problems, and loads the others", async () => {
    const broken = write("a-broken-one.yaml", "id: a-broken-one\ntitle: [unclosed\n");
    const report = await syncScenarioLibrary(paths);
    expect(report.loaded).toEqual([path.join(dir, "phone-before-the-letter.yaml")]);
    expect(report.broken).toHaveLength(1);
    expect(report.broken[0]?.fileName).toBe(broken);
    expect(report.broken[0]?.problems[0]).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: error: `));
    const stored = await server.db.libraryProblem.findMany();
    expect(stored.map((row) => row.fileName)).toEqual([broken]);
  });

  it("shows the broken file to trainers and admins, not to reviewers", async () => {
    const trainer = await signedIn(server, "trainer@northbridge.example", "203.0.113.90");
    const studio = await (await trainer.get("/studio")).text();
    expect(studio).toContain("Scenario files that could not be loaded");
    expect(studio).toContain("a-broken-one.yaml");
    expect(studio).toContain("Phoning before the letter (revised)");

    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.91");
    expect(await (await admin.get("/admin")).text()).toContain("a-broken-one.yaml");

    const reviewer = await signedIn(server, "reviewer@northbridge.example", "203.0.113.92");
    const reviewerStudio = await (await reviewer.get("/studio")).text();
    expect(reviewerStudio).toContain("Phoning before the letter (revised)");
    expect(reviewerStudio).not.toContain("a-broken-one.yaml");
  });

  it("clears the problem once the file is fixed", async () => {
    fs.rmSync(path.join(dir, "a-broken-one.yaml"));
    const report = await syncScenarioLibrary(paths);
    expect(report.broken).toEqual([]);
    expect(await server.db.libraryProblem.count()).toBe(0);
  });

  it("survives a broken skills vocabulary: nothing is loaded, the reason is recorded", async () => {
    write("skills.yaml", "skills:\n  - id: [\n");
    const report = await syncScenarioLibrary(paths);
    expect(report.loaded).toEqual([]);
    expect(report.broken[0]?.fileName).toBe(path.join(dir, "skills.yaml"));
    expect(report.broken[0]?.problems[0]).toMatch(/skills\.yaml:\d+:\d+: error:/);
    // What was loaded before stays available.
    expect((await versionsOf("phone-before-the-letter")).length).toBe(2);
  });
});
