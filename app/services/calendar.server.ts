import { calendarText, type CalendarEvent } from "~/domain/supervision/ics";

/** A supervision session as a calendar event; the sequence rises with each change, so calendars update. */
export function sessionEvent(
  session: {
    id: string;
    startsAt: Date;
    endsAt: Date;
    location: string;
    status: string;
    updatedAt: Date;
    changeCount: number;
    otherPerson: string;
  },
  origin: string,
): CalendarEvent {
  const url = `${origin}/supervision/sessions/${session.id}`;
  return {
    uid: `${session.id}@heartwork`,
    start: session.startsAt,
    end: session.endsAt,
    summary: `Supervision with ${session.otherPerson}`,
    description: `Agenda and record: ${url}`,
    location: session.location,
    url,
    cancelled: session.status === "cancelled",
    sequence: Math.max(0, session.changeCount - 1),
    updatedAt: session.updatedAt,
  };
}

export function calendarResponse(events: CalendarEvent[], name: string, fileName: string | null): Response {
  return new Response(calendarText(events, { name }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      ...(fileName ? { "Content-Disposition": `attachment; filename="${fileName}"` } : {}),
    },
  });
}
