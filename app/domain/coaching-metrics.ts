import { addDays, daysBetween, isLondonDate, londonDate, londonWallClock, startOfLondonDay } from "./london-time";

/**
 * The line manager's coaching-time dashboard: is each person getting time to practise, to
 * reflect and to be supervised? It measures time given to people, never caseload or
 * throughput, and it never ranks anyone: people are listed by name. Pure: the model layer
 * loads the plain objects below.
 *
 * Every date is a Europe/London calendar day; weeks start on Monday.
 */

/** London dates, both inclusive: the instants [midnight starting `from`, midnight after `to`). */
export type Period = { from: string; to: string };

export type RunInput = {
  startedAt: Date;
  endedAt: Date | null;
  status: "in-progress" | "completed" | "abandoned";
  practiceSeconds: number;
};

export type SessionInput = {
  startsAt: Date;
  endsAt: Date;
  status: "scheduled" | "cancelled" | "held";
  heldMinutes: number | null;
};

export type SupervisionAgreement = { frequencyWeeks: number; durationMinutes: number };

export type PersonInput = {
  id: string;
  name: string;
  runs: readonly RunInput[];
  /** When each reflection that is shared now was shared; private reflections are never passed in. */
  sharedAt: readonly Date[];
  /** Supervision sessions with this person as supervisee. */
  sessions: readonly SessionInput[];
  agreement: SupervisionAgreement | null;
  /** Agreed actions not yet done. */
  openActions: number;
};

export type PersonMetrics = {
  id: string;
  name: string;
  practiceMinutes: number;
  scenariosCompleted: number;
  reflectionsShared: number;
  supervisionMinutes: number;
  lastSupervision: Date | null;
  daysSinceSupervision: number | null;
  nextSession: Date | null;
  agreement: SupervisionAgreement | null;
  openActions: number;
  flags: { supervisionOverdue: boolean; noPracticeInFourWeeks: boolean };
};

export type TeamSummary = {
  people: PersonMetrics[];
  totals: {
    practiceMinutes: number;
    scenariosCompleted: number;
    reflectionsShared: number;
    supervisionMinutes: number;
    openActions: number;
    /** How many people's supervision is overdue. */
    overdue: number;
    /** How many people have not practised in four weeks. */
    noPractice: number;
  };
  nobodyPractisedInFourWeeks: boolean;
};

export type WeekTrend = {
  /** The Monday the week starts on, even when the period starts later in that week. */
  weekStart: string;
  practiceMinutes: number;
  supervisionMinutes: number;
  reflectionsShared: number;
};

export type PeriodField = "from" | "to";
export type PeriodError = { field: PeriodField; message: string };

export const FOUR_WEEKS_DAYS = 28;
/** A year, leap day included: long enough to look back, short enough to stay a dashboard. */
export const LONGEST_PERIOD_DAYS = 366;

/** The last four weeks, today included. */
export function defaultPeriod(now: Date): Period {
  const to = londonDate(now);
  return { from: addDays(to, -(FOUR_WEEKS_DAYS - 1)), to };
}

/**
 * The period asked for in a query string. A missing or blank end means today; a missing or
 * blank start means four weeks up to the end. An end in the future is allowed (a manager may
 * look at the month in progress).
 */
export function parsePeriod(
  from: string | null | undefined,
  to: string | null | undefined,
  now: Date,
): { period: Period } | { errors: PeriodError[] } {
  const fromText = from?.trim() || null;
  const toText = to?.trim() || null;
  const errors: PeriodError[] = [];
  if (fromText !== null && !isLondonDate(fromText)) {
    errors.push({ field: "from", message: "Enter the start date as a real date, for example 2026-06-01." });
  }
  if (toText !== null && !isLondonDate(toText)) {
    errors.push({ field: "to", message: "Enter the end date as a real date, for example 2026-06-28." });
  }
  if (errors.length > 0) return { errors };

  const end = toText ?? londonDate(now);
  const start = fromText ?? addDays(end, -(FOUR_WEEKS_DAYS - 1));
  const length = daysBetween(start, end) + 1;
  if (length < 1) {
    // Put the message on the date the person actually typed.
    return toText === null
      ? { errors: [{ field: "from", message: "The start date must be today or earlier." }] }
      : { errors: [{ field: "to", message: "The end date must be the same as or after the start date." }] };
  }
  if (length > LONGEST_PERIOD_DAYS) {
    return {
      errors: [
        {
          field: "from",
          message: `Choose a period of ${LONGEST_PERIOD_DAYS} days or fewer. This one is ${length} days.`,
        },
      ],
    };
  }
  return { period: { from: start, to: end } };
}

type Window = { start: number; end: number };

/** London dates, inclusive, as instants [start, end). Midnight changes with the clocks, so a day can be 23 or 25 hours. */
function windowOf(from: string, to: string): Window {
  return { start: startOfLondonDay(from).getTime(), end: startOfLondonDay(addDays(to, 1)).getTime() };
}

function within(date: Date, window: Window): boolean {
  const time = date.getTime();
  return time >= window.start && time < window.end;
}

type Figures = {
  practiceSeconds: number;
  scenariosCompleted: number;
  reflectionsShared: number;
  supervisionMinutes: number;
};

/**
 * A held session's minutes: those recorded, or the booked length when nobody recorded them,
 * so a session that happened never shows as no supervision at all.
 */
function minutesHeld(session: SessionInput): number {
  if (session.heldMinutes !== null) return Math.max(0, session.heldMinutes);
  return Math.max(0, Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000));
}

function figuresIn(person: PersonInput, window: Window): Figures {
  let practiceSeconds = 0;
  let scenariosCompleted = 0;
  let supervisionMinutes = 0;
  for (const run of person.runs) {
    // Time counts where the run started, whatever became of it: an abandoned run was still practice.
    if (within(run.startedAt, window)) practiceSeconds += Math.max(0, run.practiceSeconds);
    // A completion counts where it ended; an abandoned run never completes.
    if (run.status === "completed" && run.endedAt !== null && within(run.endedAt, window)) scenariosCompleted++;
  }
  for (const session of person.sessions) {
    if (session.status === "held" && within(session.startsAt, window)) supervisionMinutes += minutesHeld(session);
  }
  const reflectionsShared = person.sharedAt.filter((sharedAt) => within(sharedAt, window)).length;
  return { practiceSeconds, scenariosCompleted, reflectionsShared, supervisionMinutes };
}

/** Whole minutes, half a minute rounding up; only ever applied to a total, so short runs still add up. */
function toMinutes(seconds: number): number {
  return Math.round(seconds / 60);
}

function latestHeldSession(sessions: readonly SessionInput[], now: Date): Date | null {
  let latest: Date | null = null;
  for (const session of sessions) {
    if (session.status !== "held" || session.startsAt.getTime() > now.getTime()) continue;
    if (latest === null || session.startsAt.getTime() > latest.getTime()) latest = session.startsAt;
  }
  return latest;
}

function nextScheduledSession(sessions: readonly SessionInput[], now: Date): Date | null {
  let next: Date | null = null;
  for (const session of sessions) {
    if (session.status !== "scheduled" || session.startsAt.getTime() <= now.getTime()) continue;
    if (next === null || session.startsAt.getTime() < next.getTime()) next = session.startsAt;
  }
  return next;
}

/** The 28 London days ending with today, independent of the period being looked at. */
/**
 * What every person's figures are measured against: the period, today's London date and the last
 * 28 days. An organisation view has thousands of people, so it is worked out once per view.
 */
type Yardstick = { period: Window; today: string; recent: Window };

function yardstickOf(period: Period, now: Date): Yardstick {
  const today = londonDate(now);
  return {
    period: windowOf(period.from, period.to),
    today,
    recent: windowOf(addDays(today, -(FOUR_WEEKS_DAYS - 1)), today),
  };
}

export function personMetrics(person: PersonInput, period: Period, now: Date): PersonMetrics {
  return metricsAgainst(person, yardstickOf(period, now), now);
}

function metricsAgainst(person: PersonInput, yardstick: Yardstick, now: Date): PersonMetrics {
  const figures = figuresIn(person, yardstick.period);
  const lastSupervision = latestHeldSession(person.sessions, now);
  // Calendar days, so a session at 16:00 yesterday is "1 day ago" at 09:00 today.
  const daysSinceSupervision =
    lastSupervision === null ? null : daysBetween(londonDate(lastSupervision), yardstick.today);
  return {
    id: person.id,
    name: person.name,
    practiceMinutes: toMinutes(figures.practiceSeconds),
    scenariosCompleted: figures.scenariosCompleted,
    reflectionsShared: figures.reflectionsShared,
    supervisionMinutes: figures.supervisionMinutes,
    lastSupervision,
    daysSinceSupervision,
    nextSession: nextScheduledSession(person.sessions, now),
    agreement: person.agreement,
    openActions: person.openActions,
    flags: {
      // Without an agreement there is no rhythm to fall behind; with one, never having met is overdue.
      supervisionOverdue:
        person.agreement !== null &&
        (daysSinceSupervision === null || daysSinceSupervision > person.agreement.frequencyWeeks * 7),
      noPracticeInFourWeeks: !person.runs.some((run) => within(run.startedAt, yardstick.recent)),
    },
  };
}

const BY_NAME = new Intl.Collator("en-GB");

/**
 * Everyone's figures, listed by name and never by a figure: this is about whether people get
 * time, not a league table. The team's practice minutes add up the minutes shown for each
 * person, so the total row agrees with the column above it.
 */
export function teamSummary(people: readonly PersonInput[], period: Period, now: Date): TeamSummary {
  const yardstick = yardstickOf(period, now);
  const rows = people
    .map((person) => metricsAgainst(person, yardstick, now))
    .sort((a, b) => BY_NAME.compare(a.name, b.name) || BY_NAME.compare(a.id, b.id));
  const sum = (pick: (row: PersonMetrics) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    people: rows,
    totals: {
      practiceMinutes: sum((row) => row.practiceMinutes),
      scenariosCompleted: sum((row) => row.scenariosCompleted),
      reflectionsShared: sum((row) => row.reflectionsShared),
      supervisionMinutes: sum((row) => row.supervisionMinutes),
      openActions: sum((row) => row.openActions),
      overdue: rows.filter((row) => row.flags.supervisionOverdue).length,
      noPractice: rows.filter((row) => row.flags.noPracticeInFourWeeks).length,
    },
    // An empty team has nothing to warn about.
    nobodyPractisedInFourWeeks: rows.length > 0 && rows.every((row) => row.flags.noPracticeInFourWeeks),
  };
}

/** The Monday on or before a London date. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 is Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The team's time week by week: one row per Monday-start week that overlaps the period,
 * counting only what falls inside both the week and the period, so a part week at either
 * end is a part week's figures. Practice minutes are rounded per week.
 */
export function weeklyTrend(people: readonly PersonInput[], period: Period): WeekTrend[] {
  const weeks: WeekTrend[] = [];
  for (let weekStart = mondayOf(period.from); weekStart <= period.to; weekStart = addDays(weekStart, 7)) {
    const first = weekStart < period.from ? period.from : weekStart;
    const sunday = addDays(weekStart, 6);
    const window = windowOf(first, sunday > period.to ? period.to : sunday);
    let practiceSeconds = 0;
    let supervisionMinutes = 0;
    let reflectionsShared = 0;
    for (const person of people) {
      const figures = figuresIn(person, window);
      practiceSeconds += figures.practiceSeconds;
      supervisionMinutes += figures.supervisionMinutes;
      reflectionsShared += figures.reflectionsShared;
    }
    weeks.push({ weekStart, practiceMinutes: toMinutes(practiceSeconds), supervisionMinutes, reflectionsShared });
  }
  return weeks;
}

export const DASHBOARD_CSV_HEADER = [
  "Name",
  "Practice minutes",
  "Scenarios completed",
  "Reflections shared",
  "Supervision minutes",
  "Days since supervision",
  "Supervision overdue",
  "Next session",
  "Open actions",
] as const;

/**
 * A spreadsheet runs a cell that starts like a formula (a name typed as "=HYPERLINK(...)"),
 * so such a cell gets a leading apostrophe and is shown as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(",");
}

/** "2026-07-01 10:00" in London time. */
function csvDateTime(date: Date | null): string {
  return date === null ? "" : londonWallClock(date).replace("T", " ");
}

/**
 * The dashboard as RFC 4180 CSV (CRLF line ends, every line ended), for the manager's own
 * records. The period is not written into the file, whose header stays a plain row of
 * column names; the caller names the file after it.
 */
export function dashboardCsv(summary: TeamSummary, _period: Period): string {
  const rows = summary.people.map((person) =>
    csvRow([
      person.name,
      person.practiceMinutes,
      person.scenariosCompleted,
      person.reflectionsShared,
      person.supervisionMinutes,
      person.daysSinceSupervision ?? "",
      person.flags.supervisionOverdue ? "Yes" : "No",
      csvDateTime(person.nextSession),
      person.openActions,
    ]),
  );
  const { totals } = summary;
  // The total row counts the people overdue; a team has no "days since" or "next session".
  const total = csvRow([
    "Team total",
    totals.practiceMinutes,
    totals.scenariosCompleted,
    totals.reflectionsShared,
    totals.supervisionMinutes,
    "",
    totals.overdue,
    "",
    totals.openActions,
  ]);
  return [csvRow(DASHBOARD_CSV_HEADER), ...rows, total].map((line) => `${line}\r\n`).join("");
}
