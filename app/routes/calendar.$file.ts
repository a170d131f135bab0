import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeedOwner, feedSessions } from "~/models/calendar-feed.server";
import { calendarResponse, sessionEvent } from "~/services/calendar.server";

/**
 * A personal calendar feed for Outlook or Google Calendar. Calendar apps cannot sign in, so the
 * secret address is the key; a turned-off or replaced address is simply not found.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // The address ends in ".ics", which calendar apps like to see.
  const token = /^(.+)\.ics$/.exec(params.file ?? "")?.[1] ?? "";
  const owner = await calendarFeedOwner(token);
  if (!owner) throw new Response("Not found", { status: 404 });
  const origin = new URL(request.url).origin;
  const sessions = await feedSessions(owner.id, owner.organisationId, new Date());
  const events = sessions.map((session) =>
    sessionEvent(
      {
        ...session,
        changeCount: session._count.changes,
        otherPerson: session.supervisorId === owner.id ? session.supervisee.name : session.supervisor.name,
      },
      origin,
    ),
  );
  return calendarResponse(events, `Supervision for ${owner.name}`, null);
}
