import { describe, expect, it } from "vitest";
import {
  DASHBOARD_CSV_HEADER,
  type PersonInput,
  type RunInput,
  type SessionInput,
  dashboardCsv,
  defaultPeriod,
  parsePeriod,
  personMetrics,
  teamSummary,
  weeklyTrend,
} from "~/domain/coaching-metrics";

// Wednesday 8 July 2026, 10:00 BST.
const NOW = new Date("2026-07-08T09:00:00Z");
const JUNE = { from: "2026-06-01", to: "2026-06-30" };

const at = (iso: string) => new Date(iso);

function run(
  startedAt: string,
  practiceSeconds: number,
  status: RunInput["status"] = "completed",
  endedAt?: string | null,
): RunInput {
  const ended = endedAt === undefined ? (status === "in-progress" ? null : startedAt) : endedAt;
  return { startedAt: at(startedAt), endedAt: ended === null ? null : at(ended), status, practiceSeconds };
}

function session(
  startsAt: string,
  status: SessionInput["status"],
  minutes = 60,
  heldMinutes: number | null = status === "held" ? minutes : null,
): SessionInput {
  const start = at(startsAt);
  return { startsAt: start, endsAt: new Date(start.getTime() + minutes * 60_000), status, heldMinutes };
}

function person(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    id: "p1",
    name: "Sam Patel",
    runs: [],
    sharedAt: [],
    sessions: [],
    agreement: null,
    openActions: 0,
    ...overrides,
  };
}

const FOUR_WEEKLY = { frequencyWeeks: 4, durationMinutes: 60 };

describe("the period", () => {
  it("defaults to the last four weeks, today included, in London", () => {
    expect(defaultPeriod(NOW)).toEqual({ from: "2026-06-11", to: "2026-07-08" });
    // 00:30 BST on 8 July is still 7 July in UTC.
    expect(defaultPeriod(at("2026-07-07T23:30:00Z"))).toEqual({ from: "2026-06-11", to: "2026-07-08" });
  });

  it("reads a period from the query string, filling in what is missing", () => {
    expect(parsePeriod("2026-06-01", "2026-06-30", NOW)).toEqual({ period: JUNE });
    expect(parsePeriod(undefined, undefined, NOW)).toEqual({ period: defaultPeriod(NOW) });
    expect(parsePeriod("", " ", NOW)).toEqual({ period: defaultPeriod(NOW) });
    expect(parsePeriod(null, "2026-06-28", NOW)).toEqual({ period: { from: "2026-06-01", to: "2026-06-28" } });
    expect(parsePeriod("2026-07-01", null, NOW)).toEqual({ period: { from: "2026-07-01", to: "2026-07-08" } });
  });

  it("allows an end in the future", () => {
    expect(parsePeriod("2026-07-01", "2026-07-31", NOW)).toEqual({ period: { from: "2026-07-01", to: "2026-07-31" } });
  });

  it("says in plain words which date is not a date", () => {
    const result = parsePeriod("2026-02-30", "next week", NOW);
    expect(result).toEqual({
      errors: [
        { field: "from", message: expect.stringMatching(/start date as a real date/) },
        { field: "to", message: expect.stringMatching(/end date as a real date/) },
      ],
    });
  });

  it("refuses an end before the start", () => {
    expect(parsePeriod("2026-06-30", "2026-06-01", NOW)).toEqual({
      errors: [{ field: "to", message: "The end date must be the same as or after the start date." }],
    });
    // With no end given the end is today, so the start is the one to change.
    expect(parsePeriod("2026-07-09", undefined, NOW)).toEqual({
      errors: [{ field: "from", message: "The start date must be today or earlier." }],
    });
    expect(parsePeriod("2026-06-30", "2026-06-30", NOW)).toEqual({ period: { from: "2026-06-30", to: "2026-06-30" } });
  });

  it("allows up to 366 days, counting both ends", () => {
    expect(parsePeriod("2024-01-01", "2024-12-31", NOW)).toEqual({ period: { from: "2024-01-01", to: "2024-12-31" } });
    expect(parsePeriod("2026-01-01", "2027-01-01", NOW)).toEqual({ period: { from: "2026-01-01", to: "2027-01-01" } });
    expect(parsePeriod("2026-01-01", "2027-01-02", NOW)).toEqual({
      errors: [{ field: "from", message: "Choose a period of 366 days or fewer. This one is 367 days." }],
    });
  });
});

describe("practice minutes", () => {
  it("counts London days: 23:30 UTC on 30 June is 00:30 on 1 July", () => {
    const july = { from: "2026-07-01", to: "2026-07-07" };
    const runs = [
      run("2026-06-30T23:30:00Z", 600), // 00:30 BST 1 July: in
      run("2026-06-30T23:00:00Z", 60), // midnight starting 1 July: in
      run("2026-06-30T22:59:59Z", 6000), // 23:59:59 on 30 June: out
      run("2026-07-07T22:59:59Z", 120), // 23:59:59 on 7 July: in
      run("2026-07-07T23:00:00Z", 6000), // midnight after 7 July: out
    ];
    expect(personMetrics(person({ runs }), july, NOW).practiceMinutes).toBe((600 + 60 + 120) / 60);
    expect(personMetrics(person({ runs }), { from: "2026-06-30", to: "2026-06-30" }, NOW).practiceMinutes).toBe(100);
  });

  it("counts all 25 hours of the day the clocks go back", () => {
    // 25 October 2026 runs from 23:00 UTC on the 24th (00:00 BST) to 00:00 UTC on the 26th (00:00 GMT).
    const runs = [
      run("2026-10-24T22:59:00Z", 6000), // 23:59 BST on the 24th: out
      run("2026-10-24T23:00:00Z", 60), // midnight BST: in
      run("2026-10-25T23:30:00Z", 120), // 23:30 GMT, the 25th hour: in
      run("2026-10-26T00:00:00Z", 6000), // midnight GMT starting the 26th: out
    ];
    const day = { from: "2026-10-25", to: "2026-10-25" };
    expect(personMetrics(person({ runs }), day, at("2026-10-27T12:00:00Z")).practiceMinutes).toBe(3);
  });

  it("counts an abandoned run's time where it started, but never as a completion", () => {
    const runs = [
      run("2026-06-10T09:00:00Z", 300, "completed", "2026-06-10T09:20:00Z"),
      run("2026-06-11T09:00:00Z", 450, "abandoned", "2026-06-11T09:30:00Z"),
      run("2026-06-12T09:00:00Z", 90, "in-progress", null),
      // Started 23:50 BST 31 May, finished 00:10 BST 1 June: the time is May's, the completion June's.
      run("2026-05-31T22:50:00Z", 1200, "completed", "2026-05-31T23:10:00Z"),
      // Started 23:50 BST 30 June, finished 00:05 BST 1 July: the time is June's, the completion July's.
      run("2026-06-30T22:50:00Z", 900, "completed", "2026-06-30T23:05:00Z"),
    ];
    const metrics = personMetrics(person({ runs }), JUNE, NOW);
    expect(metrics.practiceMinutes).toBe((300 + 450 + 90 + 900) / 60); // 29
    expect(metrics.scenariosCompleted).toBe(2);
  });

  it("rounds the total, half a minute up, so short runs still add up", () => {
    const minutes = (...seconds: number[]) =>
      personMetrics(person({ runs: seconds.map((s) => run("2026-06-10T09:00:00Z", s)) }), JUNE, NOW).practiceMinutes;
    expect(minutes(20, 20, 20)).toBe(1); // each run alone would round to nothing
    expect(minutes(90)).toBe(2);
    expect(minutes(89)).toBe(1);
    expect(minutes(29)).toBe(0);
  });
});

describe("reflections shared", () => {
  it("counts shares inside the period only", () => {
    const sharedAt = [
      at("2026-06-02T10:00:00Z"),
      at("2026-06-30T22:59:00Z"), // 23:59 BST 30 June: in
      at("2026-05-31T22:59:00Z"), // 23:59 BST 31 May: out
      at("2026-06-30T23:00:00Z"), // midnight starting 1 July: out
    ];
    expect(personMetrics(person({ sharedAt }), JUNE, NOW).reflectionsShared).toBe(2);
  });

  it("counts nothing for reflections kept private, which the model never passes in", () => {
    const metrics = personMetrics(person({ runs: [run("2026-06-10T09:00:00Z", 600)], sharedAt: [] }), JUNE, NOW);
    expect(metrics.reflectionsShared).toBe(0);
    expect(metrics.practiceMinutes).toBe(10);
  });
});

describe("supervision", () => {
  it("adds up the minutes of sessions held in the period", () => {
    const sessions = [
      session("2026-06-03T09:00:00Z", "held", 60, 55),
      session("2026-06-17T09:00:00Z", "held", 45, null), // nobody recorded the minutes: the booked 45
      session("2026-06-10T09:00:00Z", "cancelled", 60),
      session("2026-06-24T09:00:00Z", "scheduled", 60),
      session("2026-05-31T22:30:00Z", "held", 60), // 23:30 BST 31 May: out
    ];
    expect(personMetrics(person({ sessions }), JUNE, NOW).supervisionMinutes).toBe(55 + 45);
  });

  it("finds the last session held and the next one booked", () => {
    const sessions = [
      session("2026-06-10T09:00:00Z", "held"),
      session("2026-06-24T15:00:00Z", "held"), // 16:00 BST, 14 calendar days before 8 July
      session("2026-07-01T09:00:00Z", "cancelled"),
      session("2026-07-08T08:00:00Z", "scheduled"), // earlier today, not marked held: neither last nor next
      session("2026-07-09T09:00:00Z", "held"), // held in the future is a data slip: ignored
      session("2026-07-22T09:00:00Z", "scheduled"),
      session("2026-07-15T09:00:00Z", "scheduled"),
      session("2026-07-10T09:00:00Z", "cancelled"),
    ];
    const metrics = personMetrics(person({ sessions }), JUNE, NOW);
    expect(metrics.lastSupervision).toEqual(at("2026-06-24T15:00:00Z"));
    expect(metrics.daysSinceSupervision).toBe(14);
    expect(metrics.nextSession).toEqual(at("2026-07-15T09:00:00Z"));
  });

  it("counts days on the London calendar, not in 24-hour lumps", () => {
    // 23:30 BST on 7 July to 00:30 BST on 8 July: an hour, but yesterday.
    const sessions = [session("2026-07-07T22:30:00Z", "held")];
    expect(personMetrics(person({ sessions }), JUNE, at("2026-07-07T23:30:00Z")).daysSinceSupervision).toBe(1);
    // 00:30 BST 25 October to 23:30 GMT 26 October: 48 hours across the clock change, one day.
    const autumn = [session("2026-10-24T23:30:00Z", "held")];
    expect(personMetrics(person({ sessions: autumn }), JUNE, at("2026-10-26T23:30:00Z")).daysSinceSupervision).toBe(1);
  });

  it("is overdue after more than the agreed number of weeks", () => {
    const overdue = (startsAt: string, agreement = FOUR_WEEKLY) =>
      personMetrics(person({ agreement, sessions: [session(startsAt, "held")] }), JUNE, NOW).flags.supervisionOverdue;
    expect(overdue("2026-06-10T15:00:00Z")).toBe(false); // 28 days: on time
    expect(overdue("2026-06-09T09:00:00Z")).toBe(true); // 29 days
    expect(overdue("2026-06-23T09:00:00Z", { frequencyWeeks: 2, durationMinutes: 90 })).toBe(true); // 15 days
  });

  it("is never overdue without an agreement, however long it has been", () => {
    const metrics = personMetrics(person({ sessions: [session("2026-03-01T10:00:00Z", "held")] }), JUNE, NOW);
    expect(metrics.daysSinceSupervision).toBe(129);
    expect(metrics.flags.supervisionOverdue).toBe(false);
  });

  it("is overdue with an agreement and no session ever held", () => {
    const sessions = [session("2026-06-10T09:00:00Z", "cancelled"), session("2026-07-15T09:00:00Z", "scheduled")];
    const withAgreement = personMetrics(person({ agreement: FOUR_WEEKLY, sessions }), JUNE, NOW);
    expect(withAgreement.lastSupervision).toBeNull();
    expect(withAgreement.daysSinceSupervision).toBeNull();
    expect(withAgreement.flags.supervisionOverdue).toBe(true);
    expect(personMetrics(person({ sessions }), JUNE, NOW).flags.supervisionOverdue).toBe(false);
  });
});

describe("no practice in four weeks", () => {
  // The 28 days ending 8 July start at midnight BST on 11 June: 23:00 UTC on 10 June.
  it("looks at the 28 London days ending today, whatever the period", () => {
    const flag = (startedAt: string) =>
      personMetrics(person({ runs: [run(startedAt, 60, "abandoned")] }), { from: "2026-05-01", to: "2026-05-31" }, NOW)
        .flags.noPracticeInFourWeeks;
    expect(flag("2026-06-10T23:00:00Z")).toBe(false); // midnight starting 11 June
    expect(flag("2026-06-10T22:59:00Z")).toBe(true); // 23:59 on 10 June
    expect(personMetrics(person(), JUNE, NOW).flags.noPracticeInFourWeeks).toBe(true);
  });
});

describe("the team", () => {
  const team = [
    person({ id: "z", name: "Zara Ahmed", runs: [run("2026-06-10T09:00:00Z", 3600)], openActions: 1 }),
    person({ id: "b", name: "Bea Jones", runs: [run("2026-06-11T09:00:00Z", 30)], agreement: FOUR_WEEKLY }),
    person({
      id: "a",
      name: "adam Price",
      runs: [run("2026-06-12T09:00:00Z", 30)],
      sharedAt: [at("2026-06-12T10:00:00Z")],
    }),
    person({
      id: "v",
      name: "Ávila Ruiz",
      sessions: [session("2026-06-30T09:00:00Z", "held", 50)],
      agreement: FOUR_WEEKLY,
      openActions: 2,
    }),
  ];

  it("lists people by name, never by a figure", () => {
    const summary = teamSummary(team, JUNE, NOW);
    expect(summary.people.map((row) => row.name)).toEqual(["adam Price", "Ávila Ruiz", "Bea Jones", "Zara Ahmed"]);
  });

  it("adds up the figures shown, and counts who needs attention", () => {
    const summary = teamSummary(team, JUNE, NOW);
    expect(summary.totals).toEqual({
      practiceMinutes: 60 + 1 + 1, // each 30 seconds shows as 1 minute, and the total agrees with the column
      scenariosCompleted: 3,
      reflectionsShared: 1,
      supervisionMinutes: 50,
      openActions: 3,
      overdue: 1, // Bea: an agreement and nothing held; Ávila met 8 days ago
      noPractice: 2, // Zara last practised on 10 June, before the four weeks ending 8 July; Ávila never has
    });
  });

  it("warns when nobody has practised in four weeks", () => {
    expect(teamSummary(team, JUNE, NOW).nobodyPractisedInFourWeeks).toBe(false);
    const quiet = [
      person({ id: "q", name: "Quinn" }),
      person({ id: "r", name: "Rae", runs: [run("2026-05-01T09:00:00Z", 600)] }),
    ];
    expect(teamSummary(quiet, JUNE, NOW).nobodyPractisedInFourWeeks).toBe(true);
    expect(teamSummary([], JUNE, NOW).nobodyPractisedInFourWeeks).toBe(false);
  });
});

describe("weekly trend", () => {
  it("has a row per Monday week, counting only what is in both the week and the period", () => {
    // Wednesday 3 June to Tuesday 16 June: weeks starting 1, 8 and 15 June.
    const period = { from: "2026-06-03", to: "2026-06-16" };
    const first = person({
      runs: [
        run("2026-06-02T09:00:00Z", 600), // Tuesday 2 June: in the week, before the period
        run("2026-06-03T09:00:00Z", 120),
        run("2026-06-07T22:30:00Z", 180), // 23:30 BST Sunday 7 June: first week
        run("2026-06-07T23:00:00Z", 240), // midnight starting Monday 8 June: second week
        run("2026-06-16T12:00:00Z", 60),
        run("2026-06-17T09:00:00Z", 600), // Wednesday 17 June: in the week, after the period
      ],
      sessions: [
        session("2026-06-01T09:00:00Z", "held", 60), // before the period
        session("2026-06-04T09:00:00Z", "cancelled", 60),
        session("2026-06-10T09:00:00Z", "held", 50),
        session("2026-06-15T09:00:00Z", "held", 30),
      ],
      sharedAt: [
        at("2026-06-02T10:00:00Z"), // before the period
        at("2026-06-05T10:00:00Z"),
        at("2026-06-14T22:59:00Z"), // 23:59 BST Sunday 14 June
        at("2026-06-16T22:59:59Z"), // the last second of the period
        at("2026-06-16T23:00:00Z"), // after it
      ],
    });
    const second = person({ id: "p2", name: "Alex Moore", runs: [run("2026-06-15T10:00:00Z", 30)] });
    expect(weeklyTrend([first, second], period)).toEqual([
      { weekStart: "2026-06-01", practiceMinutes: 5, supervisionMinutes: 0, reflectionsShared: 1 },
      { weekStart: "2026-06-08", practiceMinutes: 4, supervisionMinutes: 50, reflectionsShared: 1 },
      { weekStart: "2026-06-15", practiceMinutes: 2, supervisionMinutes: 30, reflectionsShared: 1 }, // 60 s + 30 s
    ]);
  });

  it("starts each row on a Monday, and keeps a Sunday's 25th hour in its own week", () => {
    expect(weeklyTrend([], { from: "2026-06-01", to: "2026-06-14" }).map((row) => row.weekStart)).toEqual([
      "2026-06-01",
      "2026-06-08",
    ]);
    expect(weeklyTrend([], { from: "2026-06-07", to: "2026-06-07" }).map((row) => row.weekStart)).toEqual([
      "2026-06-01",
    ]);
    // Sunday 25 October 2026, 23:30 GMT: still the week starting Monday 19 October.
    const autumn = person({ runs: [run("2026-10-25T23:30:00Z", 120)] });
    expect(weeklyTrend([autumn], { from: "2026-10-19", to: "2026-11-01" })).toEqual([
      { weekStart: "2026-10-19", practiceMinutes: 2, supervisionMinutes: 0, reflectionsShared: 0 },
      { weekStart: "2026-10-26", practiceMinutes: 0, supervisionMinutes: 0, reflectionsShared: 0 },
    ]);
  });
});

describe("dashboard CSV", () => {
  const period = defaultPeriod(NOW); // 11 June to 8 July

  it("writes a header, a row per person and a team total, with CRLF line ends", () => {
    const people = [
      person({
        id: "s",
        name: "Smith, Jo",
        runs: [run("2026-06-15T09:00:00Z", 600)],
        sharedAt: [at("2026-06-16T09:00:00Z")],
        sessions: [session("2026-06-24T15:00:00Z", "held", 60), session("2026-07-15T09:00:00Z", "scheduled")],
        agreement: FOUR_WEEKLY,
        openActions: 2,
      }),
      person({ id: "k", name: 'Jo "JJ" Kaur', agreement: { frequencyWeeks: 2, durationMinutes: 60 } }),
    ];
    expect(dashboardCsv(teamSummary(people, period, NOW), period)).toBe(
      [
        "Name,Practice minutes,Scenarios completed,Reflections shared,Supervision minutes,Days since supervision,Supervision overdue,Next session,Open actions",
        '"Jo ""JJ"" Kaur",0,0,0,0,,Yes,,0',
        '"Smith, Jo",10,1,1,60,14,No,2026-07-15 10:00,2',
        "Team total,10,1,1,60,,1,,2",
        "",
      ].join("\r\n"),
    );
    expect(DASHBOARD_CSV_HEADER.join(",")).toBe(
      "Name,Practice minutes,Scenarios completed,Reflections shared,Supervision minutes,Days since supervision,Supervision overdue,Next session,Open actions",
    );
  });

  it("quotes a name with a line break and keeps a formula from running", () => {
    const nameCell = (name: string) => {
      const csv = dashboardCsv(teamSummary([person({ name })], period, NOW), period);
      const row = csv.slice(csv.indexOf("\r\n") + 2, csv.lastIndexOf("\r\nTeam total"));
      return row.slice(0, row.length - ",0,0,0,0,,No,,0".length);
    };
    expect(nameCell("Line\nBreak")).toBe('"Line\nBreak"');
    expect(nameCell('=HYPERLINK("http://example.com","Click")')).toBe(
      `"'=HYPERLINK(""http://example.com"",""Click"")"`,
    );
    expect(nameCell("+44 7700 900123")).toBe("'+44 7700 900123");
    expect(nameCell("-Dee")).toBe("'-Dee");
    expect(nameCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(nameCell("\tTab")).toBe("'\tTab");
    expect(nameCell("\rReturn")).toBe(`"'\rReturn"`);
    expect(nameCell("Mo-Salah O'Neil")).toBe("Mo-Salah O'Neil");
  });
});
