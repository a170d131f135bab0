import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RECOMMENDATION_NOTE_HINT, RecommendationNote } from "~/domain/suggestions";
import { ErrorSummary, SelectField, TextAreaField } from "~/components/forms";
import { CoachingFlags, describeSinceSupervision } from "~/components/coaching-people";
import { describePeriod, PeriodForm, readPeriodQuery } from "~/components/coaching-period";
import type { RunInput } from "~/domain/coaching-metrics";
import { formatDate, formatDateTime } from "~/domain/format";
import { describeMinutes } from "~/domain/practice-time";
import { coachingForPerson } from "~/models/coaching.server";
import { listCatalogue } from "~/models/practice-run.server";
import { recommendScenario } from "~/models/recommendation.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

const RecommendSchema = z.object({
  intent: z.literal("recommend", { error: "This form was not recognised. Reload the page and try again." }),
  scenario: z.string({ error: "Choose a conversation to recommend." }).max(80, "Choose a conversation from the list."),
  note: RecommendationNote,
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:team-dashboard:own-teams");
  const now = new Date();
  const query = readPeriodQuery(new URL(request.url), now);
  const person = await coachingForPerson({
    managerId: user.id,
    organisationId: user.organisation.id,
    personId: params.userId ?? "",
    period: query.period,
    now,
  });
  // Someone outside the manager's teams, or in another organisation, is simply not found.
  if (!person) throw new Response("Not found", { status: 404 });
  const { scenarios } = await listCatalogue(user.id, user.organisation.id);
  return { query, person, scenarios: scenarios.map((scenario) => ({ value: scenario.slug, label: scenario.title })) };
}

/** Recommend a conversation to this person, with an optional note: it comes first in their suggestions. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "write:recommendation:own-teams");
  const submission = parseWithZod(await readFormData(request), { schema: RecommendSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await recommendScenario({
    managerId: user.id,
    organisationId: user.organisation.id,
    toUserId: params.userId ?? "",
    scenarioSlug: submission.value.scenario,
    note: submission.value.note?.trim() ?? "",
  });
  // Someone outside the manager's teams, or no such conversation: not found.
  if (outcome.status === "not-found") throw new Response("Not found", { status: 404 });
  throw redirect(new URL(request.url).pathname + new URL(request.url).search, {
    headers: {
      "Set-Cookie": await flashCookie({
        kind: "success",
        message: `Recommended to ${outcome.name}. It is suggested to them when they next open Practise.`,
      }),
    },
  });
}

function RecommendForm({ scenarios, name }: { scenarios: { value: string; label: string }[]; name: string }) {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<{ intent: string; scenario: string; note: string }>({
    id: "recommend",
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <section aria-labelledby="recommend-heading" className="panel stack">
      <h2 id="recommend-heading">Recommend a conversation</h2>
      <p className="hint">It comes first in {name}’s “Suggested for you”, with your note, until they complete it.</p>
      <ErrorSummary form={form} fields={fields} labels={{ intent: "Form", scenario: "Conversation", note: "A note" }} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="recommend" />
        <SelectField meta={fields.scenario} label="Conversation" options={scenarios} />
        <TextAreaField meta={fields.note} label="A note (optional)" hint={RECOMMENDATION_NOTE_HINT} rows={3} />
        <button type="submit" className="button button--secondary">
          Recommend
        </button>
      </Form>
    </section>
  );
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["person"]["timeline"][number];

const RUN_OUTCOMES: Record<RunInput["status"], string> = {
  completed: "completed",
  abandoned: "stopped part way",
  "in-progress": "not finished yet",
};

function EntryText({ entry }: { entry: Entry }) {
  switch (entry.kind) {
    case "run":
      return (
        <>
          Practised <strong>{entry.title}</strong>: {RUN_OUTCOMES[entry.status]}
          {entry.status === "completed" && entry.endedAt ? ` on ${formatDate(entry.endedAt)}` : ""},{" "}
          {describeMinutes(entry.practiceSeconds)}.
        </>
      );
    case "reflection":
      return (
        <>
          Shared a reflection with their supervisor:{" "}
          <Link to={`/supervision/shared/${entry.id}`}>{entry.title || "Untitled reflection"}</Link>
        </>
      );
    case "session": {
      const what =
        entry.status === "held"
          ? `Supervision with ${entry.supervisor}, ${entry.minutes} minutes`
          : entry.status === "cancelled"
            ? `Supervision with ${entry.supervisor}, cancelled`
            : entry.upcoming
              ? `Supervision with ${entry.supervisor}, booked`
              : `Supervision with ${entry.supervisor}, not recorded yet`;
      return entry.isViewers ? <Link to={`/supervision/sessions/${entry.id}`}>{what}</Link> : <>{what}</>;
    }
    case "action-done":
      return (
        <>
          Finished an action agreed in supervision with {entry.supervisor}
          {entry.text ? <>: “{entry.text}”</> : null}
        </>
      );
  }
}

export default function TeamMember() {
  const { query, person, scenarios } = useLoaderData<typeof loader>();
  const { metrics } = person;
  const back = `/team${query.search}`;
  return (
    <div className="stack">
      <p>
        <Link to={back}>Back to your teams</Link>
      </p>
      <p className="eyebrow">{person.teams.join(" · ")}</p>
      <h1>{person.name}</h1>
      <div className="actions coaching-person__actions">
        <Link className="button" to={`/supervision/schedule?${new URLSearchParams({ with: person.id })}`}>
          Schedule supervision
        </Link>
        <a className="button button--secondary" href="#recommend-heading">
          Recommend a conversation
        </a>
      </div>

      <PeriodForm query={query} />

      <section aria-labelledby="figures-heading" className="stack">
        <h2 id="figures-heading">Time in this period</h2>
        <dl className="coaching-figures">
          <div>
            <dt>Practice</dt>
            <dd>{metrics.practiceMinutes} minutes</dd>
          </div>
          <div>
            <dt>Scenarios completed</dt>
            <dd>{metrics.scenariosCompleted}</dd>
          </div>
          <div>
            <dt>Reflections shared with their supervisor</dt>
            <dd>{metrics.reflectionsShared}</dd>
          </div>
          <div>
            <dt>Supervision held</dt>
            <dd>{metrics.supervisionMinutes} minutes</dd>
          </div>
          <div>
            <dt>Since last supervision</dt>
            <dd>{describeSinceSupervision(metrics)}</dd>
          </div>
          <div>
            <dt>Next session</dt>
            <dd>{metrics.nextSession ? formatDateTime(metrics.nextSession) : "None booked"}</dd>
          </div>
          <div>
            <dt>Open agreed actions</dt>
            <dd>{metrics.openActions}</dd>
          </div>
        </dl>
        <p>
          <CoachingFlags flags={metrics.flags} />
        </p>
      </section>

      <section aria-labelledby="timeline-heading" className="stack">
        <h2 id="timeline-heading">Coaching timeline, {describePeriod(query.period)}</h2>
        <p className="hint">
          Newest first. Reflections are private to {person.name} unless they share one with their supervisor: only
          shared ones appear here.
        </p>
        {person.timeline.length === 0 ? (
          <p>Nothing in this period.</p>
        ) : (
          <ol className="coaching-timeline">
            {person.timeline.map((entry) => (
              <li key={`${entry.kind}-${entry.id}`}>
                <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
                <p>
                  <EntryText entry={entry} />
                </p>
              </li>
            ))}
          </ol>
        )}
        {person.truncated ? (
          <p className="hint">This is a long period: choose a shorter one to see everything in it.</p>
        ) : null}
      </section>

      <section aria-labelledby="actions-heading" className="stack">
        <h2 id="actions-heading">Open agreed actions</h2>
        {person.openActions.length === 0 ? (
          <p>None open.</p>
        ) : (
          <ul className="coaching-actions">
            {person.openActions.map((action) => (
              <li key={action.id}>
                {action.text ?? `An action agreed in supervision with ${action.supervisor}`}
                <span className="hint">Due {formatDate(`${action.dueOn}T12:00:00Z`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <RecommendForm scenarios={scenarios} name={person.name} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? "Team member"} · Team · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
