import { describe, expect, it } from "vitest";
import {
  checkSchedule,
  findOverlaps,
  occurrences,
  parseRule,
  ruleText,
  sessionsFrom,
  type Recurrence,
} from "~/domain/supervision/schedule";

// Clock changes used below: 2026 back on 25 October; 2027 forward on 28 March, back on 31 October.
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
const monthly = (extra: Partial<Recurrence> = {}): Recurrence => ({ frequency: "monthly", interval: 1, ...extra });
const weekly = (extra: Partial<Recurrence> = {}): Recurrence => ({ frequency: "weekly", interval: 1, ...extra });

describe("occurrences", () => {
  it("keeps 10:00 London time for a year of monthly sessions: 09:00Z in BST, 10:00Z in GMT", () => {
    expect(iso(occurrences("2026-09-01T10:00", monthly({ count: 12 })))).toEqual([
      "2026-09-01T09:00:00.000Z",
      "2026-10-01T09:00:00.000Z",
      "2026-11-01T10:00:00.000Z",
      "2026-12-01T10:00:00.000Z",
      "2027-01-01T10:00:00.000Z",
      "2027-02-01T10:00:00.000Z",
      "2027-03-01T10:00:00.000Z",
      "2027-04-01T09:00:00.000Z",
      "2027-05-01T09:00:00.000Z",
      "2027-06-01T09:00:00.000Z",
      "2027-07-01T09:00:00.000Z",
      "2027-08-01T09:00:00.000Z",
    ]);
  });

  it("keeps 10:00 weekly across the end of October, including the morning the clocks go back", () => {
    expect(iso(occurrences("2026-10-18T10:00", weekly({ count: 3 })))).toEqual([
      "2026-10-18T09:00:00.000Z",
      "2026-10-25T10:00:00.000Z",
      "2026-11-01T10:00:00.000Z",
    ]);
  });

  it("repeats every other week or month", () => {
    expect(iso(occurrences("2026-12-01T10:00", weekly({ interval: 2, count: 3 })))).toEqual([
      "2026-12-01T10:00:00.000Z",
      "2026-12-15T10:00:00.000Z",
      "2026-12-29T10:00:00.000Z",
    ]);
    expect(iso(occurrences("2026-11-10T14:00", monthly({ interval: 2, count: 3 })))).toEqual([
      "2026-11-10T14:00:00.000Z",
      "2027-01-10T14:00:00.000Z",
      "2027-03-10T14:00:00.000Z",
    ]);
  });

  it("includes a session on the until date itself", () => {
    expect(iso(occurrences("2026-12-01T10:00", weekly({ until: "2026-12-15" })))).toEqual([
      "2026-12-01T10:00:00.000Z",
      "2026-12-08T10:00:00.000Z",
      "2026-12-15T10:00:00.000Z",
    ]);
    expect(occurrences("2026-12-01T10:00", weekly({ until: "2026-12-14" }))).toHaveLength(2);
    // A late-evening session on the last day, in BST, is still in.
    expect(iso(occurrences("2027-06-01T23:30", monthly({ until: "2027-07-01" })))).toEqual([
      "2027-06-01T22:30:00.000Z",
      "2027-07-01T22:30:00.000Z",
    ]);
  });

  it("moves a time the clocks skip to the first minute after it, and leaves the other sessions alone", () => {
    expect(iso(occurrences("2027-03-21T01:30", weekly({ count: 3 })))).toEqual([
      "2027-03-21T01:30:00.000Z", // 01:30 GMT
      "2027-03-28T01:00:00.000Z", // no 01:30 that morning: 02:00 BST
      "2027-04-04T00:30:00.000Z", // 01:30 BST
    ]);
  });

  it("skips months without the day, as RFC 5545 does, without counting them", () => {
    expect(iso(occurrences("2026-10-31T10:00", monthly({ count: 4 })))).toEqual([
      "2026-10-31T10:00:00.000Z",
      "2026-12-31T10:00:00.000Z",
      "2027-01-31T10:00:00.000Z",
      "2027-03-31T09:00:00.000Z",
    ]);
  });

  it("stops at 60 sessions (or the given maximum) when the series has no end", () => {
    expect(occurrences("2026-12-01T10:00", weekly())).toHaveLength(60);
    expect(occurrences("2026-12-01T10:00", weekly({ count: 12 }), { max: 5 })).toHaveLength(5);
  });

  it("refuses a start that is not a wall-clock time", () => {
    expect(() => occurrences("1 December", weekly())).toThrow(RangeError);
  });
});

describe("ruleText and parseRule", () => {
  it("writes the RRULE body", () => {
    expect(ruleText(monthly({ count: 12 }))).toBe("FREQ=MONTHLY;INTERVAL=1;COUNT=12");
    expect(ruleText(weekly({ interval: 2 }))).toBe("FREQ=WEEKLY;INTERVAL=2");
  });

  it("writes UNTIL as the last UTC second of the London day", () => {
    expect(ruleText(weekly({ until: "2026-12-01" }))).toBe("FREQ=WEEKLY;INTERVAL=1;UNTIL=20261201T235959Z");
    expect(ruleText(weekly({ until: "2026-07-01" }))).toBe("FREQ=WEEKLY;INTERVAL=1;UNTIL=20260701T225959Z");
  });

  it("refuses COUNT with UNTIL, which RFC 5545 forbids", () => {
    expect(() => ruleText(weekly({ count: 3, until: "2026-12-01" }))).toThrow(RangeError);
  });

  it("reads back what it writes", () => {
    for (const r of [
      monthly({ count: 12 }),
      weekly({ interval: 3 }),
      weekly({ until: "2026-07-01" }),
      monthly({ until: "2026-12-31" }),
    ]) {
      expect(parseRule(ruleText(r))).toEqual(r);
    }
  });

  it("reads a prefix, lower case, a default interval and a date-only UNTIL", () => {
    expect(parseRule("RRULE:FREQ=WEEKLY;UNTIL=20260701")).toEqual(weekly({ until: "2026-07-01" }));
    expect(parseRule("freq=monthly;count=6")).toEqual(monthly({ count: 6 }));
  });

  it("gives null for what the form cannot offer", () => {
    for (const text of [
      "",
      "nonsense",
      "FREQ=DAILY",
      "FREQ=WEEKLY;BYDAY=MO",
      "FREQ=WEEKLY;COUNT=abc",
      "FREQ=WEEKLY;COUNT=3;COUNT=4",
      "FREQ=WEEKLY;COUNT=3;UNTIL=20261201T235959Z",
      "FREQ=WEEKLY;UNTIL=20261301",
      "INTERVAL=2",
    ]) {
      expect(parseRule(text), text).toBeNull();
    }
  });
});

describe("checkSchedule", () => {
  const now = new Date("2026-11-01T12:00:00Z");
  const valid = { startLocal: "2026-12-01T10:00", durationMinutes: 60 };
  const messages = (input: Parameters<typeof checkSchedule>[0]) => checkSchedule(input, now);

  it("accepts a good booking, one-off or recurring", () => {
    expect(messages(valid)).toEqual([]);
    expect(messages({ ...valid, recurrence: monthly({ count: 12 }) })).toEqual([]);
    expect(messages({ ...valid, startLocal: "2026-11-01T12:00" })).toEqual([]);
  });

  it("wants a real start", () => {
    for (const startLocal of ["2026-02-30T10:00", "2026-12-01T24:00", "", "tomorrow"]) {
      expect(messages({ ...valid, startLocal }), startLocal).toEqual([
        { field: "start", message: "Enter the start as a real date and time." },
      ]);
    }
  });

  it("refuses a start in the past", () => {
    expect(messages({ ...valid, startLocal: "2026-11-01T11:59" })).toEqual([
      { field: "start", message: "The start is in the past: choose a time from now on." },
    ]);
  });

  it("explains a time the clocks skip", () => {
    expect(messages({ ...valid, startLocal: "2027-03-28T01:30" })).toEqual([
      {
        field: "start",
        message:
          "01:30 does not exist on 28 March 2027: the clocks go forward an hour that night. Choose 02:00 or later.",
      },
    ]);
  });

  it("keeps a session between 15 minutes and 4 hours", () => {
    for (const durationMinutes of [14, 241, 30.5, Number.NaN]) {
      expect(messages({ ...valid, durationMinutes }), String(durationMinutes)).toEqual([
        { field: "duration", message: "A session lasts between 15 minutes and 4 hours." },
      ]);
    }
    expect(messages({ ...valid, durationMinutes: 15 })).toEqual([]);
    expect(messages({ ...valid, durationMinutes: 240 })).toEqual([]);
  });

  it("wants an end date on or after the first session", () => {
    expect(messages({ ...valid, recurrence: weekly({ until: "2026-11-30" }) })).toEqual([
      { field: "until", message: "The end date is before the first session: choose 1 December 2026 or later." },
    ]);
    expect(messages({ ...valid, recurrence: weekly({ until: "2026-12-01" }) })).toEqual([]);
    expect(messages({ ...valid, recurrence: weekly({ until: "2026-12-32" }) })).toEqual([
      { field: "until", message: "Enter the end date as a real date." },
    ]);
  });

  it("keeps the number of sessions between 1 and 60", () => {
    for (const count of [0, 61, 2.5]) {
      expect(messages({ ...valid, recurrence: weekly({ count }) }), String(count)).toEqual([
        { field: "count", message: "Choose between 1 and 60 sessions." },
      ]);
    }
    expect(messages({ ...valid, recurrence: weekly({ count: 1 }) })).toEqual([]);
    expect(messages({ ...valid, recurrence: weekly({ count: 60 }) })).toEqual([]);
  });

  it("keeps the interval between 1 and 12, in the series' own unit", () => {
    expect(messages({ ...valid, recurrence: weekly({ interval: 0 }) })).toEqual([
      { field: "interval", message: "Repeat every 1 to 12 weeks." },
    ]);
    expect(messages({ ...valid, recurrence: monthly({ interval: 13 }) })).toEqual([
      { field: "interval", message: "Repeat every 1 to 12 months." },
    ]);
    expect(messages({ ...valid, recurrence: monthly({ interval: 12 }) })).toEqual([]);
  });

  it("asks for a number of sessions or an end date, not both", () => {
    expect(messages({ ...valid, recurrence: weekly({ count: 4, until: "2027-01-01" }) })).toEqual([
      { field: "until", message: "Choose a number of sessions or an end date, not both." },
    ]);
  });

  it("reports every problem at once, each against its field", () => {
    const problems = messages({
      startLocal: "2026-10-01T10:00",
      durationMinutes: 5,
      recurrence: monthly({ interval: 0, count: 0 }),
    });
    expect(problems.map((problem) => problem.field)).toEqual(["start", "duration", "interval", "count"]);
  });
});

describe("findOverlaps", () => {
  const at = (time: string) => new Date(`2026-12-01T${time}:00Z`);
  const existing = [
    { id: "a", startsAt: at("10:00"), endsAt: at("11:00") },
    { id: "b", startsAt: at("12:00"), endsAt: at("12:30") },
  ];

  it("finds clashes but lets sessions touch end to start", () => {
    const proposed = [
      { startsAt: at("11:00"), endsAt: at("12:00") }, // touches a and b: no clash
      { startsAt: at("10:30"), endsAt: at("11:30") }, // inside a's end
      { startsAt: at("09:00"), endsAt: at("13:00") }, // covers both
      { startsAt: at("09:00"), endsAt: at("10:00") }, // ends as a starts
      { startsAt: at("12:10"), endsAt: at("12:20") }, // inside b
    ];
    expect(findOverlaps(proposed, existing)).toEqual([
      { proposedIndex: 1, existingId: "a" },
      { proposedIndex: 2, existingId: "a" },
      { proposedIndex: 2, existingId: "b" },
      { proposedIndex: 4, existingId: "b" },
    ]);
  });

  it("works on a generated series", () => {
    const series = sessionsFrom(occurrences("2026-11-24T10:00", weekly({ count: 3 })), 90);
    expect(series[0]?.endsAt.toISOString()).toBe("2026-11-24T11:30:00.000Z");
    expect(findOverlaps(series, existing)).toEqual([{ proposedIndex: 1, existingId: "a" }]);
  });
});
