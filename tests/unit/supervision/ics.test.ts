import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { londonWallClock } from "~/domain/london-time";
import { calendarText, foldLine, type CalendarEvent } from "~/domain/supervision/ics";
import { occurrences, sessionsFrom } from "~/domain/supervision/schedule";

const octets = (text: string) => new TextEncoder().encode(text).length;

function parseEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent") };
}

const session: CalendarEvent = {
  uid: "session-1@heartwork",
  start: new Date("2026-12-01T10:00:00Z"),
  end: new Date("2026-12-01T11:00:00Z"),
  summary: "Supervision with Siobhán – café, room 2; bring notes\nand the agreed actions",
  description: "Back\\slash, commas; semicolons\r\nand a line break. " + "Reflective supervision. ".repeat(8),
  location: "Ysgol Gymraeg – Café Ffrind, 1st floor",
  url: "https://heartwork.example/supervision/session-1?view=full&x=1,2",
  sequence: 2,
  updatedAt: new Date("2026-11-20T08:15:30.123Z"),
};

describe("calendarText", () => {
  it("round-trips through a real iCalendar parser", () => {
    const { calendar, events } = parseEvents(calendarText([session], { name: "Heartwork – Siobhán's supervision" }));
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Heartwork//Supervision//EN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Heartwork – Siobhán's supervision");
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/London");
    expect(events).toHaveLength(1);

    const vevent = events[0]!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe(session.uid);
    expect(event.summary).toBe(session.summary);
    expect(event.description).toBe(session.description?.replace("\r\n", "\n"));
    expect(event.location).toBe(session.location);
    expect(vevent.getFirstPropertyValue("url")).toBe(session.url);
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.sequence).toBe(2);
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-12-01T11:00:00.000Z");
    expect(event.startDate.zone?.tzid).toBe("UTC");
    expect(String(vevent.getFirstPropertyValue("dtstamp"))).toBe("2026-11-20T08:15:30Z");
    expect(String(vevent.getFirstPropertyValue("last-modified"))).toBe("2026-11-20T08:15:30Z");
  });

  it("writes times in UTC with Z and escapes TEXT values", () => {
    const text = calendarText([session], { name: "Feed" });
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toContain("\r\nDTSTART:20261201T100000Z\r\n");
    expect(unfolded).toContain("\r\nDTEND:20261201T110000Z\r\n");
    expect(unfolded).toContain("\r\nDTSTAMP:20261120T081530Z\r\n");
    expect(unfolded).toContain(
      "\r\nSUMMARY:Supervision with Siobhán – café\\, room 2\\; bring notes\\nand the agreed actions\r\n",
    );
    expect(unfolded).toContain("\r\nURL:https://heartwork.example/supervision/session-1?view=full&x=1,2\r\n");
  });

  it("marks a cancelled session so calendars remove it", () => {
    const { events } = parseEvents(calendarText([{ ...session, cancelled: true, sequence: 3 }], { name: "Feed" }));
    expect(events[0]?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events[0]?.getFirstPropertyValue("sequence")).toBe(3);
  });

  it("uses CRLF everywhere and no line over 75 octets", () => {
    const long = { ...session, summary: "é€😀 ".repeat(40), description: "x".repeat(300) };
    const text = calendarText([long, { ...session, uid: "session-2@heartwork" }], { name: "Ŵ".repeat(60) });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    for (const line of lines) expect(octets(line), line).toBeLessThanOrEqual(75);
    expect(new ICAL.Event(parseEvents(text).events[0]!).summary).toBe(long.summary);
  });

  it("folds between characters, never inside one", () => {
    // 8 + 160 octets: 16 emoji fit the first line (72), 18 the next after its space (73), 6 are left.
    const line = `SUMMARY:${"😀".repeat(40)}`;
    const folded = foldLine(line);
    const pieces = folded.split("\r\n");
    expect(pieces.map(octets)).toEqual([72, 73, 25]);
    expect(pieces.every((piece) => !piece.includes("\uFFFD"))).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("A".repeat(75))).toBe("A".repeat(75));
    expect(foldLine("A".repeat(76))).toBe(`${"A".repeat(75)}\r\n A`);
  });

  it("keeps a monthly series at 10:00 London time across the October clock change", () => {
    const starts = occurrences("2026-08-01T10:00", { frequency: "monthly", interval: 1, count: 6 });
    const events = sessionsFrom(starts, 60).map(({ startsAt, endsAt }, index) => ({
      ...session,
      uid: `series-1-${index}@heartwork`,
      start: startsAt,
      end: endsAt,
    }));
    const parsed = parseEvents(calendarText(events, { name: "Feed" })).events.map((vevent) => new ICAL.Event(vevent));
    expect(parsed.map((event) => event.startDate.toJSDate().toISOString())).toEqual([
      "2026-08-01T09:00:00.000Z",
      "2026-09-01T09:00:00.000Z",
      "2026-10-01T09:00:00.000Z",
      "2026-11-01T10:00:00.000Z",
      "2026-12-01T10:00:00.000Z",
      "2027-01-01T10:00:00.000Z",
    ]);
    for (const event of parsed) expect(londonWallClock(event.startDate.toJSDate()).slice(11)).toBe("10:00");
  });

  it("gives a valid calendar with no sessions", () => {
    const { calendar, events } = parseEvents(calendarText([], { name: "Nothing booked" }));
    expect(calendar.name).toBe("vcalendar");
    expect(events).toEqual([]);
  });

  it("refuses a session that ends before it starts", () => {
    expect(() => calendarText([{ ...session, end: session.start }], { name: "Feed" })).toThrow(RangeError);
  });
});
