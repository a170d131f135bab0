import { describe, expect, it } from "vitest";
import { budgetState, estimateTokens, monthOf } from "~/domain/roleplay";

describe("the London calendar month", () => {
  it.each([
    ["2026-03-31T22:59:00Z", "2026-03"], // 23:59 BST on 31 March
    ["2026-03-31T23:30:00Z", "2026-04"], // 00:30 BST on 1 April
    ["2026-10-31T23:30:00Z", "2026-10"], // the clocks went back on 25 October: 23:30 GMT
    ["2026-11-01T00:00:00Z", "2026-11"],
    ["2026-09-30T23:00:00Z", "2026-10"], // midnight BST on 1 October
    ["2026-12-31T23:59:00Z", "2026-12"],
    ["2027-01-01T00:00:00Z", "2027-01"],
  ])("%s falls in %s", (instant, month) => {
    expect(monthOf(new Date(instant))).toBe(month);
  });
});

describe("the monthly allowance", () => {
  it("has room while less than the budget is used", () => {
    expect(budgetState({ used: 40_000, budget: 100_000 })).toEqual({
      remaining: 60_000,
      spent: false,
      message: "About 60% of this month's AI practice allowance is left.",
    });
  });

  it("warns when it is nearly used up", () => {
    const state = budgetState({ used: 95_000, budget: 100_000 });
    expect(state).toMatchObject({ remaining: 5_000, spent: false });
    expect(state.message).toMatch(/nearly used up/);
    expect(state.message).toMatch(/scripted version/);
  });

  it.each([100_000, 120_000])("is spent at %i tokens of 100,000, and offers the scripted version", (used) => {
    expect(budgetState({ used, budget: 100_000 })).toEqual({
      remaining: 0,
      spent: true,
      message: "This month's AI practice allowance is used up. The scripted version is ready to play.",
    });
  });

  it("is spent when there is no allowance at all", () => {
    expect(budgetState({ used: 0, budget: 0 })).toMatchObject({ remaining: 0, spent: true });
    expect(budgetState({ used: 0, budget: 0 }).message).toMatch(/no AI practice allowance/);
  });
});

describe("estimating tokens", () => {
  it("counts about four characters a token, rounding up", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
    expect(estimateTokens("x".repeat(4000))).toBe(1000);
  });
});
