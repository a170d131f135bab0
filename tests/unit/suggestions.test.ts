import { describe, expect, it } from "vitest";
import { fitsLength, practisedSkills, suggestScenarios } from "~/domain/suggestions";

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

describe("length filter", () => {
  it("puts each length in exactly one band", () => {
    expect([8, 10, 11, 20, 21].map((minutes) => ["short", "medium", "long"].filter((band) => fitsLength(minutes, band as "short")))).toEqual([
      ["short"],
      ["short"],
      ["medium"],
      ["medium"],
      ["long"],
    ]);
    expect(fitsLength(99, undefined)).toBe(true);
  });
});
