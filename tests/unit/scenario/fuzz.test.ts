import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkScenarioSource, type Problem } from "~/domain/scenario";
import { checkFixture, FIXTURES, fixtureContext, libraryContext, loadLibrary } from "./helpers";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Thousands of random mutations of valid files: deleted and duplicated lines, swapped
 * indentation, wrong types, random bytes. The checker must never throw, and every
 * problem must be located inside the file and be one the checker knows.
 */
const library = loadLibrary().map(({ file, source }) => ({ file, source, context: libraryContext() }));
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".yaml"))
  .map((name) => path.join(FIXTURES, name))
  .filter((file) => checkFixture(path.basename(file, ".yaml")).scenario !== undefined)
  .map((file) => ({ file, source: readFileSync(file, "utf8"), context: fixtureContext }));
const corpus = [...library, ...fixtures];

const WRONG_VALUES = [
  "42",
  "-7.5",
  "true",
  "null",
  "[]",
  "{}",
  "[a, b]",
  "''",
  '"x: y"',
  "&anchor",
  "*alias",
  "!!binary x",
  "|",
  ">-",
];

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i) => (lines: string[]) => lines.filter((_, j) => j !== i % lines.length)),
  fc.nat().map((i) => (lines: string[]) => lines.flatMap((l, j) => (j === i % lines.length ? [l, l] : [l]))),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (lines: string[]) => {
    const copy = [...lines];
    const a = i % copy.length;
    const b = j % copy.length;
    [copy[a], copy[b]] = [copy[b]!, copy[a]!];
    return copy;
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(
    ([i, shift]) =>
      (lines: string[]) =>
        lines.map((l, j) => (j !== i % lines.length ? l : shift >= 0 ? " ".repeat(shift) + l : l.slice(-shift))),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...WRONG_VALUES)).map(
    ([i, value]) =>
      (lines: string[]) =>
        lines.map((l, j) =>
          j === i % lines.length && l.includes(": ") ? `${l.slice(0, l.indexOf(": ") + 2)}${value}` : l,
        ),
  ),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: "binary", minLength: 1, maxLength: 8 })).map(
    ([i, at, bytes]) =>
      (lines: string[]) =>
        lines.map((l, j) =>
          j === i % lines.length ? l.slice(0, at % (l.length + 1)) + bytes + l.slice(at % (l.length + 1)) : l,
        ),
  ),
  fc.nat().map((i) => (lines: string[]) => lines.map((l, j) => (j === i % lines.length ? l.replace(/\S+$/, "") : l))),
  fc.nat().map((i) => (lines: string[]) => lines.slice(0, i % lines.length)),
);

function assertLocated(problems: readonly Problem[], source: string): void {
  const lines = source.split(/\r\n|\r|\n/).length + 1;
  for (const problem of problems) {
    expect(problem.code).not.toBe("internal");
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lines);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

describe("fuzzing the checker", () => {
  it("has valid files to mutate", () => {
    expect(corpus.length).toBeGreaterThan(3);
  });

  it("never throws on mutated files, and locates every problem", () => {
    let withProblems = 0;
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const { file, source, context } = corpus[which]!;
        const mutated = mutations.reduce((lines, m) => m(lines), source.split("\n")).join("\n");
        const result = checkScenarioSource(mutated, file, context);
        assertLocated(result.problems, mutated);
        if (result.problems.some((p) => p.severity === "error")) {
          withProblems += 1;
          expect(result.scenario).toBeUndefined();
        } else {
          expect(result.scenario).toBeDefined();
        }
      }),
      { numRuns: 2000 },
    );
    // The mutations must actually break files, or this test proves nothing.
    expect(withProblems).toBeGreaterThan(1000);
  }, 30_000);

  it("never throws on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        assertLocated(checkScenarioSource(text, "random.yaml", fixtureContext).problems, text);
      }),
      { numRuns: 1000 },
    );
  });
});
