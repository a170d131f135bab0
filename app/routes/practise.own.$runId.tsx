import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextAreaField } from "~/components/forms";
import { describeMinutes } from "~/domain/practice-time";
import { playedPersona, rubricFor } from "~/domain/roleplay";
import { abandonRun } from "~/models/practice-run.server";
import { getOwnWordsRun } from "~/models/roleplay.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { takeOwnWordsTurn } from "~/services/roleplay.server";

const REPLY_LIMIT = 2000;

const SaySchema = z.object({
  intent: z.literal("say"),
  turn: z.coerce.number({ error: "This page is out of date. Reload it and try again." }).int().min(0),
  reply: z
    .string({ error: "Write what you would say." })
    .trim()
    .min(1, "Write what you would say.")
    .max(
      REPLY_LIMIT,
      `Keep a reply to ${REPLY_LIMIT.toLocaleString("en-GB")} characters or fewer: say it in two turns.`,
    ),
});
const ActionSchema = z.discriminatedUnion("intent", [SaySchema, z.object({ intent: z.literal("abandon") })], {
  error: "This form was not recognised. Reload the page and try again.",
});

async function loadRun(request: Request, runId: string | undefined) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const run = await getOwnWordsRun(user.id, runId ?? "");
  if (!run) throw new Response("Not found", { status: 404 });
  return { user, run };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { run } = await loadRun(request, params.runId);
  const persona = playedPersona(run.scenario);
  const rubric = rubricFor(run.scenario);
  return {
    id: run.id,
    slug: run.slug,
    title: run.scenario.title,
    status: run.status,
    turn: run.stepCount,
    persona: persona ? { name: persona.name, relationship: persona.relationship } : null,
    turns: run.turns.map((turn) => ({ number: turn.number, speaker: turn.speaker, text: turn.text })),
    practice: describeMinutes(run.practiceSeconds),
    feedback: run.coachFeedback?.criteria.map((criterion) => ({
      ...criterion,
      label: rubric.find((entry) => entry.id === criterion.id)?.label ?? criterion.id,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, run } = await loadRun(request, params.runId);
  const submission = parseWithZod(await readFormData(request), { schema: ActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const here = `/practise/own/${run.id}`;
  if (value.intent === "abandon") {
    if (!(await abandonRun(user.id, run.id))) throw redirect(here);
    throw redirect("/practise", {
      headers: {
        "Set-Cookie": await flashCookie({
          kind: "info",
          message: "You stopped that conversation. The time you spent still counts.",
        }),
      },
    });
  }
  if (run.status !== "in-progress") throw redirect(here);
  if (value.turn !== run.stepCount) {
    // An old page or a second tab: show where the conversation is, and keep what they typed.
    return data(
      {
        result: submission.reply({
          formErrors: [
            "The conversation moved on in another tab. Here is where it is now: your reply is below, unsent.",
          ],
        }),
      },
      { status: 409 },
    );
  }
  const outcome = await takeOwnWordsTurn(run, value.reply, new Date());
  if (outcome.status === "answered") {
    throw redirect(here, { headers: { "Set-Cookie": await flashCookie({ kind: "info", message: outcome.removed }) } });
  }
  const message =
    outcome.status === "stale"
      ? "The conversation moved on in another tab. Here is where it is now: your reply is below, unsent."
      : `${outcome.message} What you wrote is below. You can also play the scripted version.`;
  return data(
    { result: submission.reply({ formErrors: [message] }) },
    { status: outcome.status === "stale" ? 409 : 503 },
  );
}

export default function OwnWords() {
  const run = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<{ reply: string }>({
    id: `say-${run.turn}`,
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  const name = run.persona?.name ?? "The parent";
  return (
    <div className="stack">
      <p>
        <Link to={`/practise/${run.slug}`}>{run.title}</Link>
      </p>
      <p className="eyebrow">In your own words</p>
      <h1>{run.status === "completed" ? "How it went" : `Talking with ${name}`}</h1>
      <p className="hint">
        What you type is sent to an AI service that plays {name}, after names, contact details, dates of birth,
        addresses and NHS or pupil numbers are taken out. The service is asked not to keep it.
      </p>
      <ol className="transcript" aria-label="The conversation so far">
        {run.turns.map((turn) => (
          <li key={turn.number} className={`transcript__turn transcript__turn--${turn.speaker}`}>
            <strong>{turn.speaker === "persona" ? name : "You"}:</strong> {turn.text}
          </li>
        ))}
      </ol>
      {run.status === "in-progress" ? (
        <>
          <ErrorSummary form={form} fields={fields} labels={{ reply: "What you say" }} />
          <Form method="post" {...getFormProps(form)} className="panel stack">
            <input type="hidden" name="intent" value="say" />
            <input type="hidden" name="turn" value={run.turn} />
            <TextAreaField meta={fields.reply} label="What you say" hint="Write it as you would say it." rows={4} />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? `Waiting for ${name}…` : "Say it"}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="abandon" />
            <button type="submit" className="button button--secondary">
              Stop this conversation
            </button>
          </Form>
          <p>
            <Link to={`/practise/${run.slug}`}>Play the scripted version instead</Link>
          </p>
        </>
      ) : null}
      {run.status === "completed" && run.feedback ? (
        <section aria-labelledby="coach-heading" className="panel stack">
          <h2 id="coach-heading">The coach&apos;s feedback</h2>
          <p>Time spent: {run.practice}.</p>
          <ul>
            {run.feedback.map((criterion) => (
              <li key={criterion.id}>
                <strong>{criterion.label}</strong>: {criterion.judgement}. {criterion.comment}
                {criterion.quotes.length > 0 ? (
                  <ul>
                    {criterion.quotes.map((quote) => (
                      <li key={quote}>You said: “{quote}”</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          <Form method="post" action="/journal/new">
            <input type="hidden" name="runId" value={run.id} />
            <button type="submit" className="button">
              Reflect on this conversation
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: run }) => [
  { title: `${run?.title ?? "Conversation"} · In your own words · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
