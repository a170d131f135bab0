import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  fromLondonWallClock,
  isLondonDate,
  londonMonth,
  londonDate,
  londonWallClock,
  startOfLondonDay,
} from "~/domain/london-time";

describe("London wall-clock time", () => {
  it("reads GMT in winter and BST in summer", () => {
    expect(fromLondonWallClock("2026-12-01T10:00")?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(fromLondonWallClock("2026-07-01T10:00")?.toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(londonWallClock(new Date("2026-07-01T09:00:00Z"))).toBe("2026-07-01T10:00");
  });

  it("has no 01:30 on the morning the clocks go forward, and means the first 01:30 when they go back", () => {
    // 2026: forward on 29 March at 01:00 GMT; back on 25 October at 02:00 BST.
    expect(fromLondonWallClock("2026-03-29T01:30")).toBeNull();
    expect(fromLondonWallClock("2026-03-29T02:00")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(fromLondonWallClock("2026-10-25T01:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(fromLondonWallClock("2026-10-25T02:30")?.toISOString()).toBe("2026-10-25T02:30:00.000Z");
  });

  it("refuses what is not a time", () => {
    for (const text of ["2026-02-30T10:00", "2026-12-01T24:00", "2026-12-01 10:00", "tomorrow"]) {
      expect(fromLondonWallClock(text), text).toBeNull();
    }
  });

  it("gives the London date of an instant late in the evening in summer", () => {
    expect(londonDate(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(londonDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });

  it("counts calendar days across month ends and the clock change", () => {
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(startOfLondonDay("2026-10-26").getTime() - startOfLondonDay("2026-10-25").getTime()).toBe(25 * 3600_000);
    expect(isLondonDate("2026-02-29")).toBe(false);
    expect(isLondonDate("2028-02-29")).toBe(true);
  });
});

describe("London calendar months", () => {
  it("starts a month at London midnight, in BST or GMT", () => {
    // 23:30 UTC on 31 March 2027 is 00:30 BST on 1 April.
    const april = londonMonth(new Date("2027-03-31T23:30:00Z"));
    expect(april).toMatchObject({ key: "2027-04", label: "April 2027" });
    expect(april.start.toISOString()).toBe("2027-03-31T23:00:00.000Z");
    expect(april.end.toISOString()).toBe("2027-04-30T23:00:00.000Z");
    const december = londonMonth(new Date("2026-12-31T23:59:00Z"));
    expect(december.end.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});
