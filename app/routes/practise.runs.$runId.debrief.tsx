import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfidenceFieldset } from "~/components/confidence-fieldset";
import { GuidanceCards } from "~/components/guidance-cards";
import { UnclaimedProblems } from "~/components/forms";
import { EndingOutcome } from "~/components/scenario-moment";
import { MeterChart } from "~/components/meter-chart";
import { ConfidenceRating } from "~/domain/confidence";
import { buildDebrief } from "~/domain/debrief";
import { describeMinutes } from "~/domain/practice-time";
import { hasPermission } from "~/domain/roles";
import { getRun, recordConfidenceAfter, tryAgainFrom } from "~/models/practice-run.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { getGuidancePage } from "~/services/guidance.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const DebriefActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("confidence"), confidenceAfter: ConfidenceRating }),
    z.object({
      intent: z.literal("try-from"),
      fromStep: z.coerce.number({ error: "Choose a moment." }).int().min(1, "Choose a moment.").max(100_000),
    }),
  ],
  { error: "This form was not recognised. Reload the page and try again." },
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const run = await getRun(user.id, params.runId ?? "");
  if (!run) throw new Response("Not found", { status: 404 });
  if (run.status === "in-progress") throw redirect(`/practise/runs/${run.id}`);
  const debrief = buildDebrief(run.scenario, run.state.path);
  const skills = await skillVocabulary();
  const guidance = debrief.ending
    ? (await Promise.all(debrief.ending.guidance.map((slug) => getGuidancePage(slug)))).flatMap((page) =>
        page ? [{ slug: page.slug, title: page.title, summary: page.summary }] : [],
      )
    : [];
  return {
    runId: run.id,
    slug: run.slug,
    title: run.scenario.title,
    status: run.status,
    time: describeMinutes(run.practiceSeconds),
    confidenceBefore: run.confidenceBefore,
    confidenceAfter: run.confidenceAfter,
    ending: debrief.ending,
    moments: debrief.moments,
    meters: debrief.meters,
    turningPoints: debrief.turningPoints,
    skills: debrief.skills.map((skill) => skills.get(skill)?.label ?? skill),
    guidance,
    canReflect: hasPermission(user.roles, "read:journal:own"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const submission = parseWithZod(await readFormData(request), { schema: DebriefActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.intent === "try-from") {
    const runId = await tryAgainFrom(
      { id: user.id, organisationId: user.organisation.id },
      params.runId ?? "",
      submission.value.fromStep,
    );
    if (!runId) throw new Response("Not found", { status: 404 });
    throw redirect(`/practise/runs/${runId}`);
  }
  const saved = await recordConfidenceAfter(user.id, params.runId ?? "", submission.value.confidenceAfter);
  if (!saved) throw new Response("Not found", { status: 404 });
  throw redirect(`/practise/runs/${params.runId}/debrief`, {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "Thank you. Your rating is saved." }) },
  });
}

export default function Debrief() {
  const run = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="stack">
      <p className="eyebrow">{run.title}</p>
      <UnclaimedProblems
        result={lastResult}
        claimed={lastResult?.initialValue?.intent === "confidence" && run.status === "completed" && !run.confidenceAfter}
      />
      {run.ending ? (
        <>
          <h1>{run.ending.title}</h1>
          <EndingOutcome ending={run.ending} />
        </>
      ) : (
        <>
          <h1>You stopped this conversation</h1>
          <p className="lede">Here is how far it went. The time you spent still counts as practice.</p>
        </>
      )}
      <p>
        Time spent: {run.time}.{" "}
        {run.skills.length > 0 ? `Skills practised: ${run.skills.join(", ")}.` : ""}
      </p>

      {run.status === "completed" ? (
        run.confidenceAfter ? (
          <p>
            Your confidence: {run.confidenceBefore ? `${run.confidenceBefore} before, ` : ""}
            {run.confidenceAfter} after (out of 5).
          </p>
        ) : (
          <Form method="post" className="panel">
            <input type="hidden" name="intent" value="confidence" />
            <ConfidenceFieldset
              name="confidenceAfter"
              legend="How confident do you feel about this kind of conversation now?"
              errors={lastResult?.error?.confidenceAfter ?? undefined}
            />
            {run.confidenceBefore ? <p className="hint">Before you started you said {run.confidenceBefore}.</p> : null}
            <button type="submit" className="button">
              Save rating
            </button>
          </Form>
        )
      ) : null}

      {run.meters.length > 0 ? (
        <section aria-labelledby="meters-heading" className="stack">
          <h2 id="meters-heading">How it moved</h2>
          {run.meters.map((meter) => (
            <figure key={meter.id} className="meter-figure">
              <figcaption>
                {meter.label}: from {meter.values[0]} to {meter.values.at(-1)} (out of {meter.max})
              </figcaption>
              <MeterChart meter={meter} />
            </figure>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="path-heading" className="stack">
        <h2 id="path-heading">The conversation, step by step</h2>
        <ol className="timeline">
          {run.moments.map((moment) => (
            <li key={moment.step} className={run.turningPoints.includes(moment.step) ? "timeline__turning" : undefined}>
              <p className="hint">
                {moment.kind === "pause" ? "A pause to reflect" : `${moment.speaker ?? "What happened"}:`}
              </p>
              <blockquote>
                <p>{moment.said}</p>
              </blockquote>
              <p>
                <strong>You:</strong> {moment.reply}
              </p>
              {moment.note ? (
                <p className="coach-note">
                  <strong>Coach&apos;s note:</strong> {moment.note}
                </p>
              ) : null}
              {run.meters.length > 0 ? (
                <p className="hint">
                  {run.meters.map((meter) => `${meter.label}: ${moment.metersAfter[meter.id] ?? ""}`).join(" · ")}
                </p>
              ) : null}
              <Form method="post" className="try-from">
                <input type="hidden" name="intent" value="try-from" />
                <input type="hidden" name="fromStep" value={moment.step} />
                <button type="submit" className="button button--secondary">
                  Try again from here<span className="visually-hidden"> (moment {moment.step})</span>
                </button>
              </Form>
              {run.turningPoints.includes(moment.step) ? (
                <div className="road-not-taken">
                  <h3>A moment that mattered: the road not taken</h3>
                  <ul>
                    {moment.roadsNotTaken.map((road) => (
                      <li key={road.says}>
                        <p>
                          <strong>You could have said:</strong> {road.says}
                        </p>
                        {road.leadsTo ? (
                          <p>
                            <strong>It would have led to:</strong> {road.leadsTo}
                          </p>
                        ) : null}
                        {road.note ? <p className="hint">{road.note}</p> : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {run.guidance.length > 0 ? (
        <section aria-labelledby="guidance-heading" className="stack">
          <h2 id="guidance-heading">Read more</h2>
          <GuidanceCards pages={run.guidance} headingLevel="h3" />
        </section>
      ) : null}

      <div className="actions">
        {run.canReflect ? (
          <Form method="post" action="/journal/new">
            <input type="hidden" name="runId" value={run.runId} />
            <button type="submit" className="button">
              Reflect on this conversation
            </button>
          </Form>
        ) : null}
        <Form method="post" action={`/practise/${run.slug}`}>
          <button type="submit" className="button button--secondary">
            Try this conversation again
          </button>
        </Form>
        <Link to="/practise">Choose another conversation</Link>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: run }) => [
  { title: `Debrief · ${run?.title ?? "Practise"} · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
