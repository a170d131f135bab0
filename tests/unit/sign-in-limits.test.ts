import { describe, expect, it } from "vitest";
import { describeWait, laterLimit, signInLimit, SIGN_IN_WINDOW_MS } from "~/domain/sign-in-limits";

const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("sign-in limits", () => {
  it("is free below the maximum", () => {
    expect(signInLimit([minutesAgo(1), minutesAgo(2)], 3, now)).toEqual({ limited: false });
  });

  it("limits at the maximum until the oldest counted failure leaves the window", () => {
    const limit = signInLimit([minutesAgo(1), minutesAgo(10), minutesAgo(5)], 3, now);
    expect(limit).toEqual({ limited: true, retryAt: new Date(minutesAgo(10).getTime() + SIGN_IN_WINDOW_MS) });
  });

  it("ignores failures older than the window", () => {
    expect(signInLimit([minutesAgo(1), minutesAgo(2), minutesAgo(16)], 3, now)).toEqual({ limited: false });
  });

  it("counts only the most recent failures when there are more than the maximum", () => {
    const limit = signInLimit([minutesAgo(14), minutesAgo(3), minutesAgo(2), minutesAgo(1)], 3, now);
    expect(limit).toEqual({ limited: true, retryAt: new Date(minutesAgo(3).getTime() + SIGN_IN_WINDOW_MS) });
  });

  it("reports the later of two limits", () => {
    const soon = { limited: true as const, retryAt: new Date(now.getTime() + 60_000) };
    const later = { limited: true as const, retryAt: new Date(now.getTime() + 600_000) };
    expect(laterLimit(soon, later)).toBe(later);
    expect(laterLimit({ limited: false }, soon)).toBe(soon);
    expect(laterLimit(later, { limited: false })).toBe(later);
  });

  it("describes the wait in whole minutes, never zero", () => {
    expect(describeWait(new Date(now.getTime() + 1_000), now)).toBe("in 1 minute");
    expect(describeWait(new Date(now.getTime() + 14 * 60_000 + 1), now)).toBe("in 15 minutes");
  });
});
