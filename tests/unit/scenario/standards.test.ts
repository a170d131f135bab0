import { describe, expect, it } from "vitest";
import { checkScenarioSource, findRecovery, libraryShortfalls } from "~/domain/scenario";
import { fixtureContext } from "./helpers";

/** A small scenario: a poor first reply costs trust; `repair` can win it back. */
function scenario(repairEffect: number, endingTone = "mixed") {
  const source = `
id: small
title: Small
summary: A small test scenario.
audience: [send-caseworker]
skills: [listening]
minutes: 2
personas:
  - { id: mum, name: Ann Lee, relationship: Mother, background: B, wants: W, fears: F, voice: V }
meters:
  - { id: trust, label: Trust, start: 3, min: 0, max: 10, visible: true }
start: opening
nodes:
  - id: opening
    type: line
    speaker: mum
    text: Hello?
    choices:
      - { id: rush, says: Quick news., next: middle, effects: { trust: -2 }, note: Too fast. }
      - { id: greet, says: Hello., next: middle, effects: { trust: 1 }, note: Kind. }
  - id: middle
    type: line
    speaker: mum
    text: Go on.
    choices:
      - { id: repair, says: "Sorry, let me slow down.", next: end-ok, effects: { trust: ${repairEffect} }, note: Owns it. }
      - { id: press-on, says: So anyway., next: end-bad, note: Carries on. }
  - { id: end-ok, type: ending, title: Ok, tone: ${endingTone}, debrief: D, wentWell: [W], tryNext: [T] }
  - { id: end-bad, type: ending, title: Bad, tone: difficult, debrief: D, wentWell: [W], tryNext: [T] }
`;
  const result = checkScenarioSource(source, "small.yaml", fixtureContext);
  if (!result.scenario) throw new Error(result.problems.map((p) => p.message).join("; "));
  return result.scenario;
}

describe("findRecovery", () => {
  it("finds the route where trust falls and is won back before a good-enough ending", () => {
    expect(findRecovery(scenario(2))).toEqual({ meter: "trust", path: ["rush", "repair"], ending: "end-ok" });
  });

  it("does not count a repair that leaves the meter below where it was", () => {
    expect(findRecovery(scenario(1))).toBeNull();
  });

  it("does not count winning it back on the way to a difficult ending", () => {
    expect(findRecovery(scenario(2, "difficult"))).toBeNull();
  });
});

describe("libraryShortfalls", () => {
  it("names every minimum a small scenario misses", () => {
    expect(libraryShortfalls(scenario(2))).toEqual([
      "4 nodes; the library needs at least 14",
      "2 endings; the library needs at least 3",
      'no ending with the tone "positive"',
      "no pause for reflection",
      'ending "end-ok" links to no guidance',
      'ending "end-bad" links to no guidance',
    ]);
  });
});
