/**
 * iCalendar (RFC 5545) text for supervision sessions: one session as an .ics download, or a
 * practitioner's personal feed. Written by hand: the format is small and a library would bring
 * more than it saves.
 *
 * Every time is written in UTC ("...Z"). Outlook, Google Calendar and Apple Calendar all read it,
 * no VTIMEZONE block is needed, and a session booked for 10:00 London time shows at 10:00 on
 * either side of a clock change because the instant itself is right (see schedule.ts).
 */

export type CalendarEvent = {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  cancelled?: boolean;
  /** Raised by the caller each time the session changes, so calendars replace their copy. */
  sequence: number;
  updatedAt: Date;
};

export const PRODUCT_ID = "-//Heartwork//Supervision//EN";
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * A whole VCALENDAR, CRLF line endings, long lines folded. DTSTAMP is the event's updatedAt
 * rather than the moment of download, so the same sessions always give the same text and a
 * feed does not look changed to a calendar that polls it.
 */
export function calendarText(events: CalendarEvent[], options: { name: string }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODUCT_ID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    "X-WR-TIMEZONE:Europe/London",
    ...events.flatMap(eventLines),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function eventLines(event: CalendarEvent): string[] {
  if (event.end.getTime() <= event.start.getTime()) {
    throw new RangeError(`Event "${event.uid}" ends before it starts`);
  }
  return [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.updatedAt)}`,
    `LAST-MODIFIED:${utcDateTime(event.updatedAt)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description === undefined ? [] : [`DESCRIPTION:${escapeText(event.description)}`]),
    ...(event.location === undefined ? [] : [`LOCATION:${escapeText(event.location)}`]),
    ...(event.url === undefined ? [] : [`URL:${uri(event.url)}`]),
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
  ];
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks escaped; other controls dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ""); // eslint-disable-line no-control-regex
}

/**
 * RFC 5545 §3.1: no line longer than 75 octets; continuation lines start with a space. Counted
 * in UTF-8 octets and cut only between characters (code points), never inside one.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1; // room for the leading space
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

/** 20261201T100000Z */
function utcDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Not a date");
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** A URI value is written as it is (no TEXT escaping), so a line break in it is a caller's bug. */
function uri(value: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new RangeError("A URL cannot contain control characters"); // eslint-disable-line no-control-regex
  return value;
}
