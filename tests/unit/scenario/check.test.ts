import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkScenarioSource, checkSkillsSource, formatProblem } from "~/domain/scenario";
import { checkFixture, fixtureContext, fixturePath, libraryContext, located } from "./helpers";

/** Each fixture has one behaviour; every problem is asserted with its exact line and column. */
describe("checker", () => {
  it.each(["minimal", "conditions", "clamping", "pause"])("passes %s with no problems", (name) => {
    const result = checkFixture(name);
    expect(result.problems).toEqual([]);
    expect(result.scenario?.id).toBe(name);
  });

  it("reports a YAML syntax error where the parser found it, and nothing else", () => {
    const result = checkFixture("yaml-syntax");
    expect(result.problems.map(formatProblem)).toEqual([
      `${fixturePath("yaml-syntax")}:15:1: error: Missing closing "quote`,
    ]);
    expect(result.scenario).toBeUndefined();
    expect(result.summary).toBeUndefined();
  });

  it("reports schema violations in plain words at the offending node", () => {
    const result = checkFixture("schema-violation");
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      "11:5 choices is missing",
      '14:5 unknown field "choises" (did you mean "choices"?)',
      '17:11 type should be line, pause or ending, not "finish"',
      "18:9 id: use lowercase letters, digits and single hyphens, starting with a letter (like first-call)",
      '21:11 tone should be positive, mixed or difficult, not "happy"',
      "22:14 debrief should be text, not the number 3",
      "23:15 wentWell: name at least one thing that went well",
    ]);
    expect(result.problems.every((p) => p.code === "schema" && p.severity === "error")).toBe(true);
  });

  it("reports next, visited(), speakers and meters that name nothing", () => {
    const result = checkFixture("references");
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      '15:14 unknown-persona speaker names no persona: "samuel"',
      '18:39 unknown-node next names no node: "nowhere"',
      '18:78 unknown-meter "warmth" is not a declared meter',
      '19:89 unknown-node visited() names no node: "elsewhere"',
      '20:66 unknown-meter "patience" is not a declared meter',
    ]);
  });

  it("points inside a condition at the syntax error", () => {
    const result = checkFixture("condition-syntax");
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      "18:95 condition-syntax condition: write `and` instead of `&&`",
      "19:68 condition-syntax condition: compare a meter with a whole number, not with another meter",
    ]);
  });

  it("reports duplicate ids of nodes and of choices within a node", () => {
    expect(located(checkFixture("duplicate-id").problems)).toEqual([
      "19:15 error duplicate-id",
      "20:9 error duplicate-id",
    ]);
  });

  it("reports nodes that nothing leads to, and nodes only reached through conditions that never hold", () => {
    const result = checkFixture("unreachable-node");
    expect(located(result.problems)).toEqual([
      "19:64 warning choice-never-available",
      "20:9 error unreachable-node",
      "26:9 error unreachable-node",
    ]);
    expect(result.problems[1]?.message).toBe(
      'no path reaches node "aside": every choice that leads to it has a condition that is never true when the learner gets there',
    );
    expect(result.problems[2]?.message).toBe('no path reaches node "orphan": nothing leads to it');
  });

  it("reports endings that cannot be reached", () => {
    const result = checkFixture("unreachable-ending");
    expect(located(result.problems)).toEqual([
      "19:66 warning choice-never-available",
      "27:9 error unreachable-ending",
      "34:9 error unreachable-ending",
    ]);
    expect(result.problems[2]?.message).toBe('the ending "lonely" cannot be reached: nothing leads to it');
  });

  it("reports a dead end with the meter values that cause it and a way to get there", () => {
    const result = checkFixture("dead-end");
    expect(result.problems.map(formatProblem)).toEqual([
      `${fixturePath("dead-end")}:21:9: error: dead end: none of the choices at "ask" is available when trust is 0 (for example after hello → ask); add a choice without a condition`,
    ]);
    expect(result.summary?.analysis).toBe("exact");
  });

  it("reports a loop that no path leaves", () => {
    const result = checkFixture("inescapable-loop");
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      '21:9 inescapable-loop "round" and "about" form a loop no path leaves once trust is 0: no ending can be reached from it; add a way out',
    ]);
  });

  it("reports skills outside the vocabulary and guidance pages that do not exist", () => {
    const result = checkFixture("vocabulary");
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      '5:21 unknown-skill "telepathy" is not a skill in scenarios/skills.yaml',
      '18:97 unknown-skill "mind-reading" is not a skill in scenarios/skills.yaml',
      '26:24 missing-guidance no guidance page "missing-page" in content/guidance/',
    ]);
  });

  it("requires the id to match the file name", () => {
    expect(located(checkFixture("file-name-mismatch").problems)).toEqual(["1:5 error file-name"]);
  });

  it("warns about missing notes, unused meters, repeated words, long lines, choices never offered and blaming words", () => {
    const result = checkFixture("warnings");
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      '10:11 meter-never-changed meter "trust" is never changed by any choice',
      '11:11 meter-never-changed meter "hidden" is never changed by any choice',
      '11:11 meter-never-read meter "hidden" is never read: no condition uses it and the learner cannot see it',
      '19:9 missing-note choice "greet" has no coach\'s note: say why it helps or hurts',
      '20:34 duplicate-words choice "greet-again" says the same as choice 1 here',
      '21:79 choice-never-available choice "never" is never offered: its condition is false whenever the learner gets here',
      "25:11 long-line this is 78 words, about 31 seconds read aloud; keep it under 75 words (30 seconds) or split it",
      // At the phrase itself; the quoted words in wentWell are the father's own and pass.
      '37:51 blaming-language "difficult parent" labels or blames someone; describe what happened instead (only a person\'s own quoted words may use it)',
    ]);
    expect(result.problems.every((p) => p.severity === "warning")).toBe(true);
    // Warnings alone do not stop a scenario from loading.
    expect(result.scenario?.id).toBe("warnings");
  });

  it("summarises nodes, choices, endings, paths and lengths", () => {
    // No summary while references are broken: the analysis would rest on guesses.
    expect(checkFixture("references").summary).toBeUndefined();
    expect(checkFixture("conditions").summary).toEqual({
      nodes: 3,
      choices: 5,
      endings: 1,
      paths: { count: 10_000, capped: true },
      shortest: 2,
      longest: null,
      minutes: 2,
      analysis: "exact",
    });
    expect(checkFixture("pause").summary).toMatchObject({
      paths: { count: 1, capped: false },
      shortest: 2,
      longest: 2,
    });
  });

  it("summarises the library's example", () => {
    const file = "scenarios/phone-before-the-letter.yaml";
    const result = checkScenarioSource(readFileSync(file, "utf8"), file, libraryContext());
    expect(result.problems).toEqual([]);
    expect(result.summary).toMatchObject({ nodes: 18, endings: 3, analysis: "exact", paths: { capped: false } });
  });

  it("never throws: an empty file or a list is a located problem", () => {
    expect(located(checkScenarioSource("", "empty.yaml", fixtureContext).problems)).toEqual(["1:1 error schema"]);
    expect(checkScenarioSource("- 1\n- 2\n", "list.yaml", fixtureContext).problems[0]?.message).toBe(
      "the file should be a set of fields, not a list",
    );
  });

  it("checks the skills vocabulary file", () => {
    const good = checkSkillsSource(readFileSync("scenarios/skills.yaml", "utf8"), "scenarios/skills.yaml");
    expect(good.problems).toEqual([]);
    expect(good.skills?.map((s) => s.id)).toContain("honesty-about-limits");
    const first = "skills:\n  - { id: a, label: A, description: d }\n";
    const incomplete = checkSkillsSource(`${first}  - { id: b, label: B }\n`, "s.yaml");
    expect(incomplete.problems.map(formatProblem)).toEqual(["s.yaml:3:5: error: description is missing"]);
    const repeated = checkSkillsSource(`${first}  - { id: a, label: B, description: e }\n`, "s.yaml");
    expect(repeated.problems.map(formatProblem)).toEqual(['s.yaml:3:11: error: another skill has the id "a"']);
    expect(repeated.skills).toBeUndefined();
  });
});
