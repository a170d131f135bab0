import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkScenarioSource, familyReadingEase, libraryShortfalls } from "~/domain/scenario";
import { libraryContext, libraryFiles } from "../scenario/helpers";

/**
 * The shipped library's standard (issue 5, docs/content-style.md): every file passes the checker
 * cleanly, meets the minimums, keeps the family's words plain, and is its own piece of writing.
 */

const READING_EASE_MINIMUM = 60;
const files = libraryFiles();
const context = libraryContext();
const checked = files.map((file) => ({ file, result: checkScenarioSource(readFileSync(file, "utf8"), file, context) }));

describe("the shipped scenario library", () => {
  it("has at least twelve scenarios", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(checked)("$file", ({ file, result }) => {
    it("passes the checker with no errors and no warnings", () => {
      expect(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
    });

    it("meets the library's minimums", () => {
      expect(result.scenario, file).toBeDefined();
      const scenario = result.scenario!;
      expect(libraryShortfalls(scenario)).toEqual([]);
      // The counts the issue names, asserted directly as well.
      const count = (type: string) => scenario.nodes.filter((node) => node.type === type).length;
      expect(scenario.nodes.length).toBeGreaterThanOrEqual(14);
      expect(count("ending")).toBeGreaterThanOrEqual(3);
      expect(count("pause")).toBeGreaterThanOrEqual(1);
      const choices = scenario.nodes.flatMap((node) => (node.type === "line" ? node.choices : []));
      expect(choices.filter((choice) => choice.note === undefined)).toEqual([]);
    });

    it(`keeps the family's lines plain (reading ease of at least ${READING_EASE_MINIMUM})`, () => {
      const ease = familyReadingEase(result.scenario!);
      expect(ease, "the family never speaks").not.toBeNull();
      console.log(`${file}: family lines' reading ease ${ease!.score.toFixed(1)} (${ease!.words} words)`);
      expect(ease!.score).toBeGreaterThanOrEqual(READING_EASE_MINIMUM);
    });

    it("names a fictional council, trust or school", () => {
      const source = readFileSync(file, "utf8");
      expect(source).toMatch(/\b(Council|Academy|School|Primary|College|Trust)\b/);
    });
  });

  it("no two scenarios share more than three sentences", () => {
    const sentencesOf = (file: string) =>
      new Set(
        readFileSync(file, "utf8")
          .replace(/^\s*#.*$/gm, "")
          .split(/(?<=[.!?])\s+|\n\s*\n/)
          .map((s) =>
            s
              .toLowerCase()
              .replace(/[^a-z' ]+/g, " ")
              .replace(/\s+/g, " ")
              .trim(),
          )
          // Short sentences ("Thank you.", "I see.") are everyday speech, not copied writing.
          .filter((s) => s.split(" ").length >= 6),
      );
    const sets = files.map((file) => ({ file, sentences: sentencesOf(file) }));
    const shared: string[] = [];
    for (let i = 0; i < sets.length; i += 1) {
      for (let j = i + 1; j < sets.length; j += 1) {
        const common = [...sets[i]!.sentences].filter((s) => sets[j]!.sentences.has(s));
        if (common.length > 3) shared.push(`${sets[i]!.file} and ${sets[j]!.file}: ${common.join(" | ")}`);
      }
    }
    expect(shared).toEqual([]);
  });

  it("every persona has a different name across the library", () => {
    const names = checked.flatMap(({ file, result }) =>
      (result.scenario?.personas ?? []).map((p) => ({ file, name: p.name })),
    );
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const { file, name } of names) {
      const earlier = seen.get(name);
      if (earlier !== undefined && earlier !== file) clashes.push(`${name} in ${earlier} and ${file}`);
      seen.set(name, file);
    }
    expect(clashes).toEqual([]);
  });
});
