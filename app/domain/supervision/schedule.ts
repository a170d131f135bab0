/**
 * Recurring reflective supervision, booked in London wall-clock time: "10:00 on the 1st, monthly"
 * stays 10:00 whether England is on GMT or BST.
 *
 * rrule generates the dates. Its own time-zone handling depends on the machine's zone, so it is
 * only ever given "floating" date-times: Dates whose UTC fields hold the London wall-clock
 * fields (built with Date.UTC). Each generated wall-clock time is then turned into a real
 * instant with fromLondonWallClock, which knows the clock changes.
 */
import * as rruleModule from "rrule";
import { formatDate } from "~/domain/format";
import { addDays, fromLondonWallClock, isLondonDate, londonDate, startOfLondonDay } from "~/domain/london-time";

// rrule ships CommonJS to Node with no "exports" map, so under Node's own ES module loader (the
// production server) its classes sit on `default`; bundlers expose them by name.
// https://github.com/jkbrzt/rrule/issues/548
const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

export type Recurrence = {
  frequency: "weekly" | "monthly";
  interval: number;
  count?: number;
  /** London date YYYY-MM-DD, inclusive: a session on that day still happens. */
  until?: string;
};

export type ScheduleField = "start" | "duration" | "count" | "until" | "interval";
export type ScheduleProblem = { field: ScheduleField; message: string };

export const DEFAULT_MAX_OCCURRENCES = 60;
export const LIMITS = {
  durationMinutes: { min: 15, max: 240 },
  count: { min: 1, max: 60 },
  interval: { min: 1, max: 12 },
} as const;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MINUTE = 60_000;

/**
 * The RFC 5545 RRULE body, e.g. "FREQ=MONTHLY;INTERVAL=1;COUNT=12". UNTIL is written as the
 * last UTC second of the London day (RFC 5545 wants UTC when DTSTART carries a time zone), so
 * "2026-12-01" becomes 20261201T235959Z in winter and "2026-07-01" 20260701T225959Z in summer.
 * COUNT and UNTIL together are refused: the RFC forbids it and checkSchedule says so first.
 */
export function ruleText(r: Recurrence): string {
  if (r.count !== undefined && r.until !== undefined) {
    throw new RangeError("A recurrence has either a count or an until date, not both");
  }
  const parts = [`FREQ=${r.frequency.toUpperCase()}`, `INTERVAL=${r.interval}`];
  if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
  if (r.until !== undefined) parts.push(`UNTIL=${utcStamp(lastSecondOfLondonDay(r.until))}`);
  return parts.join(";");
}

/**
 * Reads what ruleText writes (an optional "RRULE:" prefix is allowed). Anything this app cannot
 * offer again in its form (BYDAY, DAILY, COUNT with UNTIL...) gives null rather than being
 * half-understood. Numbers are read as written; checkSchedule judges their range.
 */
export function parseRule(text: string): Recurrence | null {
  const body = text
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, "");
  const values = new Map<string, string>();
  for (const part of body.split(";")) {
    const match = /^([A-Z]+)=([^=;]+)$/.exec(part);
    if (!match || values.has(match[1]!)) return null;
    values.set(match[1]!, match[2]!);
  }
  if ([...values.keys()].some((key) => !["FREQ", "INTERVAL", "COUNT", "UNTIL"].includes(key))) return null;

  const frequency = values.get("FREQ");
  if (frequency !== "WEEKLY" && frequency !== "MONTHLY") return null;
  const interval = wholeNumber(values.get("INTERVAL") ?? "1");
  if (interval === null) return null;
  const recurrence: Recurrence = { frequency: frequency === "WEEKLY" ? "weekly" : "monthly", interval };

  const count = values.get("COUNT");
  const until = values.get("UNTIL");
  if (count !== undefined && until !== undefined) return null;
  if (count !== undefined) {
    const n = wholeNumber(count);
    if (n === null) return null;
    recurrence.count = n;
  }
  if (until !== undefined) {
    const day = untilDay(until);
    if (day === null) return null;
    recurrence.until = day;
  }
  return recurrence;
}

/**
 * The start instants of a series, each at the London wall-clock time of the first one.
 *
 * - A time the clocks skip (01:30 on the morning they go forward) moves to the first minute that
 *   exists after it: 02:00 BST. Other sessions in the series keep 01:30.
 * - A monthly series on the 29th, 30th or 31st skips the months without that day (rrule follows
 *   RFC 5545: 31 January, then 31 March). Skipped months do not count towards COUNT.
 * - Never more than `max` (default 60) sessions, so a series with no end stays finite.
 *
 * Throws RangeError for a start that is not "YYYY-MM-DDTHH:mm" or a rule rrule cannot run;
 * checkSchedule reports both in plain English first.
 */
export function occurrences(firstStartLocal: string, rule: Recurrence, options: { max?: number } = {}): Date[] {
  const fields = localFields(firstStartLocal);
  if (!fields) throw new RangeError(`Not a London wall-clock time: "${firstStartLocal}"`);
  if (!isPositiveWhole(rule.interval)) throw new RangeError(`Not an interval: ${rule.interval}`);
  const max = options.max ?? DEFAULT_MAX_OCCURRENCES;
  const count = Math.min(rule.count ?? max, max);
  if (count < 1) return [];

  const series = new RRule({
    freq: rule.frequency === "weekly" ? RRule.WEEKLY : RRule.MONTHLY,
    interval: rule.interval,
    count,
    dtstart: new Date(Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute)),
    until: rule.until === undefined ? null : floatingEndOfDay(rule.until),
  });
  return series.all().map(instantOfFloating);
}

/**
 * Problems with a proposed booking, each against the form field to show it beside.
 * A start equal to `now` is allowed ("from now on").
 */
export function checkSchedule(
  input: { startLocal: string; durationMinutes: number; recurrence?: Recurrence },
  now: Date,
): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const startProblem = checkStart(input.startLocal, now);
  if (startProblem) problems.push({ field: "start", message: startProblem });

  const { min, max } = LIMITS.durationMinutes;
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < min || input.durationMinutes > max) {
    problems.push({ field: "duration", message: `A session lasts between ${min} minutes and ${max / 60} hours.` });
  }

  const recurrence = input.recurrence;
  if (!recurrence) return problems;
  const recurrenceProblems = checkRecurrence(recurrence, input.startLocal);
  problems.push(...recurrenceProblems);

  // With the checks above passed, the first session is always in the series; this catches any
  // rule that slips past them (and would otherwise save a series with no sessions in it).
  if (!startProblem && recurrenceProblems.length === 0 && occurrences(input.startLocal, recurrence).length === 0) {
    problems.push({
      field: "until",
      message: "These settings give no sessions at all: check how often and until when.",
    });
  }
  return problems;
}

/**
 * Which proposed sessions clash with existing ones. Sessions that only touch (one ends at 11:00,
 * the next starts at 11:00) do not clash. Results are in proposed order, then existing order.
 */
export function findOverlaps(
  proposed: { startsAt: Date; endsAt: Date }[],
  existing: { id: string; startsAt: Date; endsAt: Date }[],
): { proposedIndex: number; existingId: string }[] {
  const clashes: { proposedIndex: number; existingId: string }[] = [];
  proposed.forEach((p, proposedIndex) => {
    for (const e of existing) {
      if (p.startsAt.getTime() < e.endsAt.getTime() && e.startsAt.getTime() < p.endsAt.getTime()) {
        clashes.push({ proposedIndex, existingId: e.id });
      }
    }
  });
  return clashes;
}

/** Start and end of each session, for findOverlaps and for saving. */
export function sessionsFrom(starts: Date[], durationMinutes: number): { startsAt: Date; endsAt: Date }[] {
  return starts.map((startsAt) => ({ startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * MINUTE) }));
}

function checkStart(startLocal: string, now: Date): string | null {
  if (!isRealWallClock(startLocal)) return "Enter the start as a real date and time.";
  const start = fromLondonWallClock(startLocal);
  if (!start) {
    const moved = firstExistingMinuteAfter(startLocal);
    return `${startLocal.slice(11)} does not exist on ${formatDay(startLocal.slice(0, 10))}: the clocks go forward an hour that night. Choose ${moved} or later.`;
  }
  if (start.getTime() < now.getTime()) return "The start is in the past: choose a time from now on.";
  return null;
}

function checkRecurrence(r: Recurrence, startLocal: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const interval = LIMITS.interval;
  if (!Number.isInteger(r.interval) || r.interval < interval.min || r.interval > interval.max) {
    const unit = r.frequency === "weekly" ? "weeks" : "months";
    problems.push({ field: "interval", message: `Repeat every ${interval.min} to ${interval.max} ${unit}.` });
  }
  if (r.count !== undefined && r.until !== undefined) {
    problems.push({ field: "until", message: "Choose a number of sessions or an end date, not both." });
  }
  const count = LIMITS.count;
  if (r.count !== undefined && (!Number.isInteger(r.count) || r.count < count.min || r.count > count.max)) {
    problems.push({ field: "count", message: `Choose between ${count.min} and ${count.max} sessions.` });
  }
  if (r.until !== undefined) {
    if (!isLondonDate(r.until)) {
      problems.push({ field: "until", message: "Enter the end date as a real date." });
    } else if (isRealWallClock(startLocal) && r.until < startLocal.slice(0, 10)) {
      problems.push({
        field: "until",
        message: `The end date is before the first session: choose ${formatDay(startLocal.slice(0, 10))} or later.`,
      });
    }
  }
  return problems;
}

/** A floating rrule date (London wall-clock in UTC fields) as a real instant. */
function instantOfFloating(floating: Date): Date {
  const local = floating.toISOString().slice(0, 16);
  const instant = fromLondonWallClock(local);
  if (instant) return instant;
  const moved = fromLondonWallClock(firstExistingMinuteAfter(local, true));
  if (!moved) throw new RangeError(`No London time after "${local}"`);
  return moved;
}

/** The first London wall-clock minute after a skipped one: "02:00", or the full local time. */
function firstExistingMinuteAfter(local: string, full = false): string {
  const floating = Date.parse(`${local}:00Z`);
  // The clocks never skip more than an hour in London; two hours is a generous bound.
  for (let minutes = 1; minutes <= 120; minutes++) {
    const candidate = new Date(floating + minutes * MINUTE).toISOString().slice(0, 16);
    if (fromLondonWallClock(candidate)) return full ? candidate : candidate.slice(11);
  }
  throw new RangeError(`No London time after "${local}"`);
}

function floatingEndOfDay(day: string): Date {
  if (!isLondonDate(day)) throw new RangeError(`Not a date: "${day}"`);
  return new Date(`${day}T23:59:59Z`);
}

function lastSecondOfLondonDay(day: string): Date {
  return new Date(startOfLondonDay(addDays(day, 1)).getTime() - 1000);
}

function untilDay(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, utc] = match;
  const day = `${y}-${mo}-${d}`;
  if (!isLondonDate(day)) return null;
  // A UTC UNTIL names an instant: its London date is the one meant. A date or floating time is already London's.
  if (utc) return londonDate(new Date(`${day}T${h}:${mi}:${s}Z`));
  return day;
}

function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function localFields(local: string) {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return { year, month, day, hour, minute };
}

/** A real calendar date and clock time, whether or not London's clocks skip it. */
function isRealWallClock(local: string): boolean {
  const fields = localFields(local);
  return fields !== null && isLondonDate(local.slice(0, 10)) && fields.hour <= 23 && fields.minute <= 59;
}

function isPositiveWhole(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}

function wholeNumber(text: string): number | null {
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

function formatDay(day: string): string {
  return formatDate(startOfLondonDay(day));
}
