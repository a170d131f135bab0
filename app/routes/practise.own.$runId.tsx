import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useRef, useState } from "react";
import { z } from "zod";
import { ErrorSummary, TextAreaField } from "~/components/forms";
import { ReadAloudButton, SpeakButton } from "~/components/speech";
import { describeMinutes } from "~/domain/practice-time";
import { playedPersona, rubricFor, SaySchema, STALE_MESSAGE, type ReplyEvent } from "~/domain/roleplay";
import { abandonRun } from "~/models/practice-run.server";
import { getOwnWordsRun } from "~/models/roleplay.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { takeOwnWordsTurn } from "~/services/roleplay.server";

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
    phone: run.scenario.medium === "phone",
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
      ? STALE_MESSAGE
      : `${outcome.message} What you wrote is below. You can also play the scripted version.`;
  return data(
    { result: submission.reply({ formErrors: [message] }) },
    { status: outcome.status === "stale" ? 409 : 503 },
  );
}

/**
 * With JavaScript, a reply is sent to the streaming endpoint and the parent's answer appears as it
 * is written; the page then reloads its data. Without it, the form posts and the answer appears
 * when complete.
 */
function useStreamedReply(runId: string) {
  const revalidator = useRevalidator();
  const [live, setLive] = useState<{ said: string; answer: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const [heard, setHeard] = useState<string | null>(null);
  const send = async (form: HTMLFormElement) => {
    const formData = new FormData(form);
    let answer = "";
    setProblem(null);
    setRemoved(null);
    setHeard(null);
    setLive({ said: String(formData.get("reply") ?? "").trim(), answer: "" });
    try {
      const response = await fetch(`/practise/own/${runId}/reply`, { method: "POST", body: formData });
      const reader = response.body?.getReader();
      if (!reader) throw new Error("no body");
      const decoder = new TextDecoder();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const text of lines.filter(Boolean)) {
          const event = JSON.parse(text) as ReplyEvent;
          if ("token" in event) {
            answer += event.token;
            setLive((current) => current && { ...current, answer: current.answer + event.token });
          } else if ("error" in event) setProblem(event.error);
          else {
            form.reset();
            setRemoved(event.removed);
            setHeard(answer);
          }
        }
      }
    } catch {
      setProblem("The connection dropped before the answer arrived. What you wrote is still in the box: try again.");
    }
    revalidator.revalidate();
    setLive(null);
  };
  return { live, problem, removed, heard, send, busy: live !== null || revalidator.state === "loading" };
}

export default function OwnWords() {
  const run = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const streamed = useStreamedReply(run.id);
  const [form, fields] = useForm<{ reply: string }>({
    id: `say-${run.turn}`,
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  const name = run.persona?.name ?? "The parent";
  const formProps = getFormProps(form);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const lastPersonaTurn = [...run.turns].reverse().find((turn) => turn.speaker === "persona")?.number;
  const waiting = navigation.state === "submitting" || streamed.busy;
  return (
    <div className="stack">
      <p>
        <Link to={`/practise/${run.slug}`}>{run.title}</Link>
      </p>
      <p className="eyebrow">In your own words</p>
      <h1>
        {run.status === "completed" ? "How it went" : run.phone ? `On the phone with ${name}` : `Talking with ${name}`}
      </h1>
      {run.phone && run.status === "in-progress" ? (
        <p className="call-status">
          <span aria-hidden="true">📞</span> Call in progress · {run.persona?.relationship}
        </p>
      ) : null}
      <p className="hint">
        What you type is sent to an AI service that plays {name}, after names, contact details, dates of birth,
        addresses and NHS or pupil numbers are taken out. The service is asked not to keep it.
      </p>
      <ol className={run.phone ? "transcript transcript--call" : "transcript"} aria-label="The conversation so far">
        {run.turns.map((turn) => (
          <li key={turn.number} className={`transcript__turn transcript__turn--${turn.speaker}`}>
            <strong>{turn.speaker === "persona" ? name : "You"}:</strong> {turn.text}
            {turn.speaker === "persona" && turn.number === lastPersonaTurn ? (
              <>
                {" "}
                <ReadAloudButton text={turn.text} label={`Read ${name}'s words aloud`} />
              </>
            ) : null}
          </li>
        ))}
        {streamed.live ? (
          <>
            <li className="transcript__turn transcript__turn--practitioner">
              <strong>You:</strong> {streamed.live.said}
            </li>
            <li className="transcript__turn transcript__turn--persona">
              <strong>{name}:</strong> {streamed.live.answer || "…"}
            </li>
          </>
        ) : null}
      </ol>
      {/* Read out once the answer is complete, not word by word. */}
      <p className="visually-hidden" aria-live="polite">
        {streamed.live ? "" : [streamed.heard ? `${name}: ${streamed.heard}` : "", streamed.removed ?? ""].join(" ")}
      </p>
      {streamed.removed && !streamed.live ? <p className="hint">{streamed.removed}</p> : null}
      {streamed.problem ? (
        <div className="notice" role="alert">
          <p>{streamed.problem}</p>
        </div>
      ) : null}
      {run.status === "in-progress" ? (
        <>
          <ErrorSummary form={form} fields={fields} labels={{ reply: "What you say" }} />
          <Form
            method="post"
            {...formProps}
            ref={formRef}
            onSubmit={(event) => {
              formProps.onSubmit(event);
              if (event.defaultPrevented) return;
              event.preventDefault();
              void streamed.send(event.currentTarget);
            }}
            className="panel stack"
          >
            <input type="hidden" name="intent" value="say" />
            <input type="hidden" name="turn" value={run.turn} />
            <TextAreaField
              meta={fields.reply}
              label="What you say"
              hint="Write it as you would say it. Where your browser can listen, you can speak it instead and edit it before sending."
              rows={4}
              textareaRef={replyBox}
            />
            <SpeakButton target={replyBox} />
            <button type="submit" className="button" disabled={waiting}>
              {waiting ? `Waiting for ${name}…` : "Say it"}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="abandon" />
            <button type="submit" className="button button--secondary">
              {run.phone ? "End the call" : "Stop this conversation"}
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
