/**
 * Wall-clock time in England (Europe/London), whatever the server's own zone. Supervision is
 * booked for "10:00 on the first Tuesday" and must stay at 10:00 across the clock changes.
 * Local times are written "YYYY-MM-DDTHH:mm" and dates "YYYY-MM-DD".
 */

export const LONDON = "Europe/London";

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The London wall-clock time of an instant, to the minute: "2026-12-01T10:00". */
export function londonWallClock(date: Date): string {
  const part: Record<string, string> = {};
  for (const { type, value } of PARTS.formatToParts(date)) part[type] = value;
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** The London calendar date of an instant: "2026-12-01". */
export function londonDate(date: Date): string {
  return londonWallClock(date).slice(0, 10);
}

/**
 * The instant a London wall-clock time names. When the clocks go back the hour happens twice:
 * the first (BST) is meant. When they go forward the hour does not exist: null.
 */
export function fromLondonWallClock(local: string): Date | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== d || h > 23 || mi > 59) return null;
  // London is UTC+1 in summer and UTC+0 in winter; try summer first so a repeated hour means the first.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 60 * 60 * 1000);
    if (londonWallClock(candidate) === local) return candidate;
  }
  return null;
}

/** Midnight at the start of a London date. */
export function startOfLondonDay(day: string): Date {
  const start = fromLondonWallClock(`${day}T00:00`);
  // The clocks change at 01:00 or 02:00, never at midnight, so midnight always exists.
  if (!start || !DAY.test(day)) throw new RangeError(`Not a date: "${day}"`);
  return start;
}

/** A London date plus (or minus) whole days, counted on the calendar. */
export function addDays(day: string, days: number): string {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`Not a date: "${day}"`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** Whole calendar days from one London date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True for a real calendar date written "YYYY-MM-DD". */
export function isLondonDate(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The London calendar month containing an instant, as [start, end) and a label like "November 2026". */
export function londonMonth(date: Date): { key: string; start: Date; end: Date; label: string } {
  const day = londonDate(date);
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  const key = day.slice(0, 7);
  const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
  return { key, start: startOfLondonDay(`${key}-01`), end: startOfLondonDay(`${next}-01`), label };
}
