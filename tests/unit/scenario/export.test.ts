import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  checkScenarioSource,
  scenarioHeader,
  scenarioSchema,
  scenarioToYaml,
  type CheckContext,
  type Scenario,
  type ScenarioInput,
} from "~/domain/scenario";
import { fixtureContext, fixturePath, libraryContext, libraryFiles, loadFixture } from "./helpers";

/** Parses exported text with the real checker, under the file name its id asks for. */
function reparse(yaml: string, context: CheckContext = fixtureContext) {
  const id = /^id: (.*)$/m.exec(yaml)?.[1] ?? "unknown";
  return checkScenarioSource(yaml, `${id}.yaml`, context);
}

/** Exports `input`, reads it back and expects what the schema makes of `input` itself. */
function expectRoundTrip(input: ScenarioInput): string {
  const yaml = scenarioToYaml(input);
  const result = reparse(yaml);
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(result.scenario).toStrictEqual(scenarioSchema.parse(input));
  return yaml;
}

describe("every file in scenarios/ exports and reads back unchanged", () => {
  const context = libraryContext();

  it.each(libraryFiles())("%s", (file) => {
    const source = readFileSync(file, "utf8");
    const original = checkScenarioSource(source, file, context).scenario;
    expect(original).toBeDefined();

    const exported = scenarioToYaml(original!, { header: scenarioHeader(source) });
    const result = checkScenarioSource(exported, file, context);
    expect(result.problems).toEqual([]);
    expect(result.scenario).toStrictEqual(original);
    expect(scenarioToYaml(result.scenario!, { header: scenarioHeader(exported) })).toBe(exported);
    expect(scenarioHeader(exported)).toBe(scenarioHeader(source));
    // The library is kept in canonical form (npm run scenarios:format), so a file round-trips byte for byte.
    expect(exported).toBe(source);
  });

  it("keeps text within 96 columns and lists of ids within 120", () => {
    for (const file of libraryFiles()) {
      const source = readFileSync(file, "utf8");
      const exported = scenarioToYaml(checkScenarioSource(source, file, context).scenario!);
      for (const line of exported.split("\n").filter((l) => l.length > 96)) {
        expect(line).toMatch(/^ *(?:- )?[a-zA-Z]+: (?:\[.*\]|\{.*\})$/);
        expect(line.length).toBeLessThanOrEqual(120);
      }
    }
  });
});

describe("the canonical layout", () => {
  const file = fixturePath("canonical");
  const source = readFileSync(file, "utf8");

  it("a file already in canonical form exports byte for byte", () => {
    const result = checkScenarioSource(source, file, fixtureContext);
    expect(result.problems).toEqual([]);
    expect(scenarioToYaml(result.scenario!, { header: scenarioHeader(source) })).toBe(source);
  });

  it("starts with the schema line, then the header, then a blank line", () => {
    const scenario = loadFixture("canonical");
    expect(scenarioToYaml(scenario).split("\n").slice(0, 3)).toEqual([
      "# yaml-language-server: $schema=./scenario.schema.json",
      "",
      "id: canonical",
    ]);
    expect(scenarioToYaml(scenario, { header: "One.\n\nTwo." }).split("\n").slice(0, 6)).toEqual([
      "# yaml-language-server: $schema=./scenario.schema.json",
      "#",
      "# One.",
      "#",
      "# Two.",
      "",
    ]);
  });

  it("reads the header back from the comment block, without the schema line", () => {
    expect(scenarioHeader(source)).toBe(
      "The canonical layout that scenarioToYaml writes, kept byte for byte by a test.\nEveryone in it is invented.",
    );
    expect(scenarioHeader("# yaml-language-server: $schema=./scenario.schema.json\nid: x\n")).toBeUndefined();
    expect(scenarioHeader("id: x\n# not a header\n")).toBeUndefined();
  });

  it("leaves out what the schema fills in by default, and keeps what differs", () => {
    const scenario: Scenario = loadFixture("canonical");
    const defaults: Scenario = {
      ...scenario,
      coachNotes: "after-each-choice",
      contentNotes: [],
      meters: [],
      personas: scenario.personas.map((p) => ({ ...p, kind: "family" })),
      nodes: scenario.nodes.map((node) =>
        node.type === "line"
          ? { ...node, choices: node.choices.map((c) => ({ ...c, effects: {}, skills: [] })) }
          : node.type === "ending"
            ? { ...node, guidance: [] }
            : node,
      ),
    };
    const yaml = scenarioToYaml(defaults);
    for (const key of ["coachNotes:", "contentNotes:", "meters:", "kind:", "effects:", "guidance:"]) {
      expect(yaml).not.toContain(key);
    }
    expect(yaml).not.toMatch(/^ {8}skills:/m);
    expect(source).toContain("coachNotes: in-debrief");
    expect(source).toContain("    kind: professional");
  });

  it("puts a choice's condition right after its id", () => {
    expect(source).toMatch(/- id: rush\n {8}when: calm <= 1\n {8}says: /);
  });

  it("writes a list of ids on one line while it fits in 120 columns, else one per line", () => {
    expect(source).toContain("skills: [listening, empathy]\n");
    expect(source).toContain("audience:\n  - send-caseworker\n  - senco\n");
  });
});

describe("text that YAML treats specially reads back as the same text", () => {
  const base = loadFixture("canonical");

  /** The canonical fixture with `value` in fields at each depth: top level, lists, persona, choice. */
  function withText(value: string): ScenarioInput {
    return {
      ...base,
      title: value,
      summary: value,
      contentNotes: [value],
      personas: base.personas.map((p, i) => (i === 0 ? { ...p, background: value, wants: value } : p)),
      nodes: base.nodes.map((node) => {
        if (node.type === "line") return { ...node, choices: node.choices.map((c) => ({ ...c, note: value })) };
        if (node.type === "ending") return { ...node, wentWell: [value, ...node.wentWell] };
        return { ...node, prompt: value };
      }),
    };
  }

  const special = [
    "Note: a colon and a space",
    "ends with a colon:",
    "time 10:30 is fine",
    '"Quoted," she said.',
    "'Single,' she said.",
    "It's Sam's \"turn\"",
    "back\\slash and \\n",
    "yes",
    "No",
    "null",
    "~",
    "true",
    "OFF",
    "42",
    "-7",
    "3.5",
    "1e3",
    "0x1F",
    "0o17",
    ".inf",
    "12:30",
    "2024-01-31",
    "<<",
    "trailing spaces   ",
    "   leading spaces",
    "Café – it’s “fine” 🙂",
    "#hashtag first",
    "C# and F# # and a comment-like hash",
    "- a dash",
    "? a question mark",
    "[square] {curly} & * ! | > % @ `",
    "--- and ...",
    `${"x".repeat(150)}`,
    `A sentence with ${"averyveryverylongword".repeat(8)} in the middle of a text that needs folding anyway.`,
    "First paragraph, which is long enough that it has to be folded across more than one line of the file.\n\nSecond paragraph.",
    "one line\nnext line",
    "three\n\n\nnewlines",
    "spaces before a newline   \nand after",
    "a\ttab",
    "bell \u0007, nel \u0085, line separator \u2028, bom \ufeff",
    "a" + " word".repeat(40) + ": and a colon near the end of a long line",
  ];

  it.each(special.map((value) => [JSON.stringify(value), value]))("%s", (_name, value) => {
    const yaml = expectRoundTrip(withText(value));
    // An editor reading YAML 1.1 (where yes, no, on and off are booleans) gets the same text.
    for (const version of ["1.1", "1.2"] as const) {
      expect((parse(yaml, { version }) as { summary: unknown }).summary).toBe(value);
    }
  });

  it("ids that look like other things stay text", () => {
    const yaml = expectRoundTrip({
      ...base,
      personas: [{ ...base.personas[0]!, id: "no" }],
      meters: [{ id: "yes", label: "Yes", start: 0, min: 0, max: 2, visible: true }],
      start: "on",
      nodes: [
        {
          id: "on",
          type: "line",
          speaker: "no",
          text: "Hello.",
          choices: [
            { id: "off", says: "Hi.", next: "null", effects: { yes: 1 }, note: "A start.", skills: ["listening"] },
          ],
        },
        { id: "null", type: "ending", title: "Done", tone: "mixed", debrief: "Done.", wentWell: ["a"], tryNext: ["b"] },
      ],
    });
    expect(yaml).toContain('speaker: "no"');
    expect(yaml).toContain('effects: { "yes": 1 }');
    expect(yaml).toContain('start: "on"');
  });

  it("folds long text at single spaces and never changes it", () => {
    const fragments = fc.constantFrom(
      ": ",
      " #",
      "#",
      "\n",
      "\n\n",
      " ",
      "  ",
      "\t",
      "'",
      '"',
      "\\",
      "- ",
      "[",
      "{",
      ",",
      "yes",
      "null",
      "0x1F",
      "12:30",
      "é",
      "’",
      "🙂",
      "\u2028",
      "word",
      " and some ordinary words to fill the line",
      "y".repeat(110),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fragments, fc.string({ unit: "binary", maxLength: 4 })), { minLength: 1, maxLength: 30 }),
        (parts) => {
          const value = parts.join("");
          fc.pre(value.trim() !== "" && !value.trim().startsWith("TODO"));
          const yaml = expectRoundTrip(withText(value));
          expect((parse(yaml, { version: "1.1" }) as { summary: unknown }).summary).toBe(value);
          expect(scenarioToYaml(reparse(yaml).scenario!)).toBe(scenarioToYaml(scenarioSchema.parse(withText(value))));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("a draft that does not pass the checker still exports", () => {
  it("writes what is there, so nothing typed is lost", () => {
    const draft = { ...loadFixture("canonical"), summary: "", skills: [] } as ScenarioInput;
    const yaml = scenarioToYaml(draft);
    expect(yaml).toContain('summary: ""\n');
    expect(yaml).toContain("skills: []\n");
  });
});
