import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { londonDate } from "~/domain/london-time";
import { hasPermission } from "~/domain/roles";
import { getSessionFor, sessionChanges } from "~/models/supervision.server";
import { requireUser } from "~/services/auth.server";
import { calendarResponse, sessionEvent } from "~/services/calendar.server";

/**
 * One session as an .ics file, for either person in it. A download has no page of its own: anyone
 * else is sent to the session's page, which explains (403 or 404) in words.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = `/supervision/sessions/${encodeURIComponent(params.sessionId ?? "")}`;
  if (!hasPermission(user.roles, "read:supervision:own")) throw redirect(page);
  const session = await getSessionFor(user.id, user.organisation.id, params.sessionId ?? "");
  if (!session) throw redirect(page);
  const changes = await sessionChanges(session.id);
  const event = sessionEvent(
    {
      ...session,
      changeCount: changes.length,
      otherPerson: session.role === "supervisor" ? session.supervisee.name : session.supervisor.name,
    },
    new URL(request.url).origin,
  );
  return calendarResponse([event], "Heartwork supervision", `supervision-${londonDate(session.startsAt)}.ics`);
}
