import { describe, expect, it } from "vitest";
import { fitsLength, practisedSkills, suggestScenarios, suggestWithRecommendations } from "~/domain/suggestions";

const scenarios = [
  { slug: "a", skills: ["listening", "empathy"], completed: 2, minutes: 8 },
  { slug: "b", skills: ["hearing-the-child"], completed: 0, minutes: 15 },
  { slug: "c", skills: ["listening"], completed: 0, minutes: 25 },
  { slug: "d", skills: ["co-production"], completed: 0, minutes: 12 },
];

describe("suggested for you", () => {
  it("prefers scenarios with the skills practised least, leaving out ones already completed", () => {
    const suggested = suggestScenarios(scenarios, practisedSkills(scenarios), 2).map((scenario) => scenario.slug);
    expect(suggested).toEqual(["b", "d"]);
  });

  it("falls back to completed ones when everything has been played", () => {
    const played = scenarios.map((scenario) => ({ ...scenario, completed: 1 }));
    expect(suggestScenarios(played, practisedSkills(played), 10)).toHaveLength(4);
  });

  it("counts each completed run's skills", () => {
    expect(practisedSkills(scenarios).get("listening")).toBe(2);
    expect(practisedSkills(scenarios).get("co-production")).toBe(0);
  });
});

describe("suggested for you, with a manager's recommendations", () => {
  const at = new Date("2026-11-20T10:00:00Z");

  it("puts recommendations first, in the order given, then the skill suggestions without repeating one", () => {
    const suggested = suggestWithRecommendations(
      scenarios,
      [
        { slug: "a", from: "Priya Raman", note: "Try the opening again.", at },
        { slug: "b", from: "Priya Raman", note: "", at },
      ],
      2,
    );
    expect(suggested.map((scenario) => [scenario.slug, scenario.recommendation?.note ?? null])).toEqual([
      ["a", "Try the opening again."],
      ["b", ""],
      ["d", null],
      ["c", null],
    ]);
  });

  it("ignores a recommendation of a scenario no longer in the catalogue", () => {
    const suggested = suggestWithRecommendations(scenarios, [{ slug: "gone", from: "Priya Raman", note: "", at }], 1);
    expect(suggested.map((scenario) => scenario.slug)).toEqual(["b"]);
  });
});

describe("length filter", () => {
  it("puts each length in exactly one band", () => {
    expect(
      [8, 10, 11, 20, 21].map((minutes) =>
        ["short", "medium", "long"].filter((band) => fitsLength(minutes, band as "short")),
      ),
    ).toEqual([["short"], ["short"], ["medium"], ["medium"], ["long"]]);
    expect(fitsLength(99, undefined)).toBe(true);
  });
});
