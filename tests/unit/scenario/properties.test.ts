import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choicesAt, choose, currentNode, replay, start, type PlayState } from "~/domain/scenario";
import { libraryFiles, loadLibrary } from "./helpers";

const library = loadLibrary();

describe("every scenario in scenarios/", () => {
  it("the library is not empty", () => {
    expect(libraryFiles().length).toBeGreaterThan(0);
    expect(library.length).toBe(libraryFiles().length);
  });

  it.each(library.map((entry) => [entry.file, entry] as const))(
    "%s: random walks end at an ending or a node with a choice, and replay reproduces them",
    (_file, { scenario }) => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (picks) => {
          let state: PlayState = start(scenario);
          for (const pick of picks) {
            const choices = choicesAt(scenario, state);
            if (choices.length === 0) break;
            const result = choose(scenario, state, choices[pick % choices.length]!.id);
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            state = result.state;
          }
          const available = choicesAt(scenario, state);
          expect(currentNode(scenario, state).type === "ending" || available.length > 0).toBe(true);
          if (currentNode(scenario, state).type === "ending") expect(available).toEqual([]);
          for (const meter of scenario.meters) {
            expect(state.meters[meter.id]).toBeGreaterThanOrEqual(meter.min);
            expect(state.meters[meter.id]).toBeLessThanOrEqual(meter.max);
          }
          expect(replay(scenario, state.path)).toEqual({ ok: true, state });
        }),
        { numRuns: 500 },
      );
    },
  );
});
