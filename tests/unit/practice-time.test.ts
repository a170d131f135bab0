import { describe, expect, it } from "vitest";
import { countedGapSeconds, describeMinutes, practiceSeconds } from "~/domain/practice-time";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, 0) + seconds * 1000);

describe("practice time", () => {
  it("counts the gaps between steps", () => {
    expect(practiceSeconds([at(0), at(40), at(100)])).toBe(100);
  });

  it("counts a gap longer than five minutes as five minutes", () => {
    expect(practiceSeconds([at(0), at(60), at(60 + 3600), at(60 + 3600 + 30)])).toBe(60 + 300 + 30);
    expect(countedGapSeconds(at(0), at(301))).toBe(300);
  });

  it("never counts backwards, whatever order the times come in", () => {
    expect(countedGapSeconds(at(100), at(0))).toBe(0);
    expect(practiceSeconds([at(100), at(0), at(50)])).toBe(100);
  });

  it("is zero for a run with one moment", () => {
    expect(practiceSeconds([at(0)])).toBe(0);
    expect(practiceSeconds([])).toBe(0);
  });

  it("says the time in plain words", () => {
    expect(describeMinutes(20)).toBe("under a minute");
    expect(describeMinutes(60)).toBe("1 minute");
    expect(describeMinutes(12 * 60 + 10)).toBe("12 minutes");
  });
});
