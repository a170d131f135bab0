import { readFileSync } from "node:fs";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { checkScenarioSource, formatSummary, scenarioContentHash, scenarioSchema } from "~/domain/scenario";
import { libraryContext, loadLibrary } from "./helpers";

describe("the scenario library", () => {
  it("has an up-to-date JSON Schema (run npm run scenarios:schema)", () => {
    const written: unknown = JSON.parse(readFileSync("scenarios/scenario.schema.json", "utf8"));
    const generated = {
      ...z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" }),
      title: "Heartwork scenario",
    };
    expect(written).toEqual(generated);
  });

  it("every guidance page and skill is used by some scenario", () => {
    const { skills, guidancePages } = libraryContext();
    const scenarios = loadLibrary().map((s) => s.scenario);
    const usedPages = new Set(
      scenarios.flatMap((s) => s.nodes.flatMap((n) => (n.type === "ending" ? n.guidance : []))),
    );
    expect(guidancePages.filter((p) => !usedPages.has(p))).toEqual([]);
    expect(skills.length).toBeGreaterThanOrEqual(9);
  });

  it("the worked example in docs/scenario-format.md passes the checker", () => {
    const doc = readFileSync("docs/scenario-format.md", "utf8");
    const example = doc.match(/```yaml\n([\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    const result = checkScenarioSource(example!, "scenarios/before-the-review.yaml", libraryContext());
    expect(result.problems).toEqual([]);
    expect(result.summary).toMatchObject({ nodes: 6, endings: 2, analysis: "exact" });
  });

  it("prints a one-line summary", () => {
    expect(
      formatSummary("a.yaml", {
        nodes: 18,
        choices: 33,
        endings: 3,
        paths: { count: 10_000, capped: true },
        shortest: 3,
        longest: null,
        minutes: 12,
        analysis: "exact",
      }),
    ).toBe(
      "a.yaml: 18 nodes, 33 choices, 3 endings, 10,000+ distinct paths, 3 to unlimited (a loop can be repeated) choices to an ending, about 12 minutes",
    );
  });
});

describe("content hash", () => {
  it("is a SHA-256 of the text, the same for Windows and Unix line endings", async () => {
    expect(await scenarioContentHash("abc")).toBe(
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(await scenarioContentHash("a: 1\r\nb: 2\r\n")).toBe(await scenarioContentHash("\uFEFFa: 1\nb: 2\n"));
    expect(await scenarioContentHash("a: 1\n")).not.toBe(await scenarioContentHash("a: 2\n"));
  });
});
