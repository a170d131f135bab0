import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { UnclaimedProblems } from "~/components/forms";
import { formatDate, formatDateTime } from "~/domain/format";
import { hasPermission } from "~/domain/roles";
import { createCalendarFeed, hasCalendarFeed, revokeCalendarFeeds } from "~/models/calendar-feed.server";
import { listSharedWithSupervisor } from "~/models/reflection.server";
import { agreementsForSupervisee, listSessionsFor, recentChangesFor } from "~/models/supervision.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

const FeedSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("create-feed") }), z.object({ intent: z.literal("revoke-feed") })],
  { error: "This form was not recognised. Reload the page and try again." },
);

const CHANGE_WORDS: Record<string, string> = {
  scheduled: "booked",
  rescheduled: "moved",
  cancelled: "cancelled",
  recorded: "recorded: please confirm the record",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:supervision:own");
  const now = new Date();
  const [sessions, shared, agreements, changes, feed] = await Promise.all([
    listSessionsFor(user.id, user.organisation.id, now),
    listSharedWithSupervisor(user.id, user.organisation.id),
    agreementsForSupervisee(user.id, user.organisation.id),
    recentChangesFor(user.id, user.organisation.id, new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000)),
    hasCalendarFeed(user.id),
  ]);
  const feedUrl = new URL(request.url).searchParams.get("feed");
  return {
    isSupervisor: hasPermission(user.roles, "read:team-dashboard:own-teams"),
    sessions,
    shared,
    agreements,
    changes,
    feed: { active: feed, newUrl: feed && feedUrl && /^[\w-]{20,100}$/.test(feedUrl) ? feedUrl : null },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:supervision:own");
  const submission = parseWithZod(await readFormData(request), { schema: FeedSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.intent === "revoke-feed") {
    await revokeCalendarFeeds(user.id);
    throw redirect("/supervision", {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "Your calendar feed is turned off." }) },
    });
  }
  const token = await createCalendarFeed(user.id);
  // The address is shown once, on the page this redirects to; only its hash is kept.
  throw redirect(`/supervision?feed=${token}#calendar-heading`);
}

function when(session: { startsAt: string | Date; status: string }) {
  return `${formatDateTime(session.startsAt)}${session.status === "cancelled" ? " (cancelled)" : ""}`;
}

export default function Supervision() {
  const { isSupervisor, sessions, shared, agreements, changes, feed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <div className="stack">
      <h1>Supervision</h1>
      <p className="lede">Protected time to think about your work with someone who supports you.</p>
      <UnclaimedProblems result={lastResult} claimed={false} />
      {isSupervisor ? (
        <p className="actions">
          <Link to="/supervision/schedule" className="button">
            Schedule supervision
          </Link>
          <Link to="/supervision/agreements" className="button button--secondary">
            Supervision agreements
          </Link>
        </p>
      ) : null}

      {changes.length > 0 ? (
        <section aria-labelledby="changes-heading" className="notice">
          <h2 id="changes-heading">What has changed</h2>
          <ul>
            {changes.map((change) => (
              <li key={change.id}>
                <Link to={`/supervision/sessions/${change.session.id}`}>
                  Your session on {formatDateTime(change.session.startsAt)}
                </Link>{" "}
                was {CHANGE_WORDS[change.kind] ?? change.kind} on {formatDate(change.at)}.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="upcoming-heading" className="stack">
        <h2 id="upcoming-heading">Coming up</h2>
        {sessions.upcoming.length === 0 ? (
          <p>No sessions booked.</p>
        ) : (
          <ul>
            {sessions.upcoming.map((session) => (
              <li key={session.id}>
                <Link to={`/supervision/sessions/${session.id}`}>{when(session)}</Link> with{" "}
                {session.role === "supervisor" ? session.supervisee.name : session.supervisor.name} · {session.location}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="past-heading" className="stack">
        <h2 id="past-heading">Recent sessions</h2>
        {sessions.past.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul>
            {sessions.past.map((session) => (
              <li key={session.id}>
                <Link to={`/supervision/sessions/${session.id}`}>{when(session)}</Link> with{" "}
                {session.role === "supervisor" ? session.supervisee.name : session.supervisor.name}
                {session.status === "held"
                  ? session.confirmedAt
                    ? " · record confirmed"
                    : " · record awaiting confirmation"
                  : ""}
                {session.status === "scheduled" ? " · not recorded yet" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      {agreements.length > 0 ? (
        <section aria-labelledby="agreement-heading" className="stack">
          <h2 id="agreement-heading">Your supervision agreement</h2>
          <ul>
            {agreements.map((agreement) => (
              <li key={agreement.supervisor.name}>
                With {agreement.supervisor.name}: every {agreement.frequencyWeeks}{" "}
                {agreement.frequencyWeeks === 1 ? "week" : "weeks"}, {agreement.durationMinutes} minutes,{" "}
                {agreement.location}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {shared.length > 0 ? (
        <section aria-labelledby="shared-heading" className="stack">
          <h2 id="shared-heading">Reflections shared with you</h2>
          <p className="hint">The people you supervise chose to share these. They can stop sharing at any time.</p>
          <ul className="cards">
            {shared.map((reflection) => (
              <li className="card" key={reflection.id}>
                <h3>
                  <Link to={`/supervision/shared/${reflection.id}`}>{reflection.title || "Untitled reflection"}</Link>
                </h3>
                <p className="hint">
                  {reflection.writer} · {reflection.frameworkLabel} · shared{" "}
                  {reflection.sharedAt ? formatDateTime(reflection.sharedAt) : ""}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="calendar-heading" className="panel stack">
        <h2 id="calendar-heading">Your calendar</h2>
        <p>
          Each session page has a file to add it to your calendar. A calendar feed keeps Outlook or Google Calendar up
          to date with every session, including changes.
        </p>
        {feed.newUrl ? (
          <div className="notice" role="status">
            <p>
              Your feed address is below. Copy it now: for your security it is not shown again. Anyone with it can see
              your supervision times.
            </p>
            <p>
              <code className="secret">{`${origin}/calendar/${feed.newUrl}.ics`}</code>
            </p>
          </div>
        ) : null}
        <Form method="post" className="actions">
          {feed.active ? (
            <>
              <button type="submit" name="intent" value="create-feed" className="button button--secondary">
                Make a new feed address
              </button>
              <button type="submit" name="intent" value="revoke-feed" className="button button--secondary">
                Turn the feed off
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="create-feed" className="button button--secondary">
              Make a calendar feed
            </button>
          )}
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Supervision · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
