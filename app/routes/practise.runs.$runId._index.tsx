import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { momentOf, MomentWords, ChoiceButtons } from "~/components/scenario-moment";
import { choicesAt, CONTINUE } from "~/domain/scenario";
import { abandonRun, getRun, takeStep } from "~/models/practice-run.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

const MoveSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("move"),
      step: z.coerce.number({ error: "The page did not say which moment it answers." }).int().min(0).max(100_000),
      choice: z
        .string({ error: "Choose what to say." })
        .min(1, "Choose what to say.")
        .max(80, "That choice was not recognised."),
    }),
    z.object({ intent: z.literal("abandon") }),
  ],
  { error: "This form was not recognised. Reload the page and try again." },
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const run = await getRun(user.id, params.runId ?? "");
  if (!run) throw new Response("Not found", { status: 404 });
  if (run.status !== "in-progress") throw redirect(`/practise/runs/${run.id}/debrief`);
  const { scenario, state } = run;
  const node = scenario.nodes.find((candidate) => candidate.id === state.node);
  if (!node || node.type === "ending") throw redirect(`/practise/runs/${run.id}/debrief`);
  const last = run.steps.at(-1);
  const lastNode = last ? scenario.nodes.find((candidate) => candidate.id === last.nodeId) : undefined;
  const lastChoice =
    scenario.coachNotes === "after-each-choice" && lastNode?.type === "line"
      ? lastNode.choices.find((choice) => choice.id === last?.choiceId)
      : undefined;
  return {
    runId: run.id,
    title: scenario.title,
    step: run.stepCount,
    moment: momentOf(scenario, node),
    meters: scenario.meters
      .filter((meter) => meter.visible)
      .map((meter) => ({
        id: meter.id,
        label: meter.label,
        min: meter.min,
        max: meter.max,
        value: state.meters[meter.id] ?? meter.start,
      })),
    choices: choicesAt(scenario, state).map((choice) => ({
      id: choice.id,
      says: choice.id === CONTINUE ? "Carry on" : choice.says,
    })),
    lastNote: lastChoice?.note ? { says: lastChoice.says, note: lastChoice.note } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const runId = params.runId ?? "";
  const submission = parseWithZod(await readFormData(request), { schema: MoveSchema });
  if (submission.status !== "success") {
    const messages = Object.values(submission.reply().error ?? {}).flat();
    return data({ problem: messages.join(" ") || "Something in the form was not as expected." }, { status: 400 });
  }
  const here = `/practise/runs/${runId}`;
  if (submission.value.intent === "abandon") {
    if (!(await abandonRun(user.id, runId))) throw new Response("Not found", { status: 404 });
    throw redirect("/practise", {
      headers: {
        "Set-Cookie": await flashCookie({
          kind: "info",
          message: "You stopped that conversation. The time you spent still counts.",
        }),
      },
    });
  }
  const outcome = await takeStep(user.id, runId, submission.value.step, submission.value.choice);
  switch (outcome.status) {
    case "not-found":
      throw new Response("Not found", { status: 404 });
    case "illegal":
      return data(
        { problem: "That reply is not one you can choose at this moment. Choose one of the replies below." },
        { status: 400 },
      );
    case "stale":
      throw redirect(here, {
        headers: {
          "Set-Cookie": await flashCookie({
            kind: "info",
            message:
              "That answer was for an earlier moment, so it was not counted again. Here is where the conversation is now.",
          }),
        },
      });
    case "not-in-progress":
      throw redirect(`${here}/debrief`);
    case "moved":
      throw redirect(outcome.finished ? `${here}/debrief` : here);
  }
}

export default function Player() {
  const run = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const momentRef = useRef<HTMLDivElement>(null);
  const shownStep = useRef(run.step);
  useEffect(() => {
    // A new moment arrived without a page load: take focus to it so it is read next.
    if (shownStep.current === run.step) return;
    shownStep.current = run.step;
    momentRef.current?.focus();
  }, [run.step]);
  const busy = navigation.state !== "idle";
  return (
    <div className="stack player">
      <p className="eyebrow">{run.title}</p>
      <h1>Moment {run.step + 1}</h1>
      {actionData?.problem ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{actionData.problem}</p>
        </div>
      ) : null}
      {run.lastNote ? (
        <aside className="coach-note" aria-label="Coach's note on your last reply">
          <h2>Coach&apos;s note</h2>
          <p className="hint">You said: &ldquo;{run.lastNote.says}&rdquo;</p>
          <p>{run.lastNote.note}</p>
        </aside>
      ) : null}
      <div ref={momentRef} tabIndex={-1} aria-live="polite" aria-atomic="true" className="moment">
        <MomentWords moment={run.moment} />
      </div>
      {run.meters.length > 0 ? (
        <section aria-labelledby="meters-heading" className="meters">
          <h2 id="meters-heading" className="visually-hidden">
            How the conversation is going
          </h2>
          {run.meters.map((meter) => (
            <div className="meter" key={meter.id}>
              <span id={`meter-${meter.id}`}>{meter.label}</span>
              <meter aria-labelledby={`meter-${meter.id}`} min={meter.min} max={meter.max} value={meter.value} />
              <span className="hint">
                {meter.value} out of {meter.max}
              </span>
            </div>
          ))}
        </section>
      ) : null}
      <Form method="post" className="choices" aria-labelledby="choices-heading">
        <h2 id="choices-heading">{run.moment.kind === "line" ? "What do you say?" : "When you are ready"}</h2>
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="step" value={run.step} />
        <ChoiceButtons choices={run.choices} busy={busy} />
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="abandon" />
        <button type="submit" className="button button--secondary">
          Stop this conversation
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: run }) => [
  { title: `${run ? `Moment ${run.step + 1} · ${run.title}` : "Practise"} · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
