import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, FieldError, SelectField, TextAreaField, UnclaimedProblems } from "~/components/forms";
import { formatDateTime } from "~/domain/format";
import { hasPermission } from "~/domain/roles";
import { countOf, DRAFT_STATUS_LABELS, REVIEW_KIND_LABELS } from "~/domain/scenario/review";
import { findDraft } from "~/models/scenario-draft.server";
import { addReviewComment, getReview, publishDraft, submitForReview } from "~/models/scenario-review.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { recordAudit } from "~/services/audit.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";

const BODY_LIMIT = 5000;
const draftVersion = z
  .number({ error: "This form is out of date. Reload the page and try again." })
  .int()
  .min(1)
  .max(1_000_000_000);

const LABELS = {
  nodeId: "What it is about",
  decision: "Your decision",
  body: "Your comment",
  note: "A note for the reviewers",
};

const SubmitSchema = z.object({
  intent: z.literal("submit"),
  draftVersion,
  note: z
    .string()
    .trim()
    .max(BODY_LIMIT, { error: `${LABELS.note}: keep it under ${BODY_LIMIT} characters.` })
    .default(""),
});

const CommentSchema = z
  .object({
    intent: z.literal("comment"),
    draftVersion,
    decision: z
      .enum(["comment", "approved", "changes-requested"], {
        error: "Choose whether this is a comment, an approval or a request for changes.",
      })
      .default("comment"),
    nodeId: z.string().max(80, { error: "Choose a part of the scenario from the list." }).optional(),
    body: z
      .string()
      .trim()
      .max(BODY_LIMIT, { error: `Keep your comment under ${BODY_LIMIT} characters; it is longer now.` })
      .default(""),
  })
  .superRefine((value, ctx) => {
    if (value.body) return;
    if (value.decision === "comment") ctx.addIssue({ code: "custom", path: ["body"], message: "Write your comment." });
    if (value.decision === "changes-requested") {
      ctx.addIssue({
        code: "custom",
        path: ["body"],
        message: "Say what should change, so the trainer can act on it.",
      });
    }
  });

const PublishSchema = z.object({ intent: z.literal("publish"), draftVersion });

const ActionSchema = z.discriminatedUnion("intent", [SubmitSchema, CommentSchema, PublishSchema], {
  error: "This form was not recognised. Reload the page and try again.",
});

async function findReview(organisationId: string, draftId: string | undefined, viewerId: string) {
  const review = draftId ? await getReview(organisationId, draftId, viewerId) : null;
  if (!review) throw new Response("Not found", { status: 404 });
  return review;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const review = await findReview(user.organisation.id, params.draftId, user.id);
  const canWrite = hasPermission(user.roles, "write:scenario:any");
  const canReview = canWrite || hasPermission(user.roles, "review:scenario:any");
  return { ...review, canWrite, canReview };
}

function forbidden(): never {
  throw new Response("You do not have access to this page.", { status: 403, statusText: "Forbidden" });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const canWrite = hasPermission(user.roles, "write:scenario:any");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  // Trainers send and publish; reviewers and trainers comment and decide.
  if ((intent === "submit" || intent === "publish") && !canWrite) forbidden();
  if (intent === "comment" && !canWrite && !hasPermission(user.roles, "review:scenario:any")) forbidden();
  // Only whether the draft is there: each action below reads what it needs once, itself.
  const draft =
    params.draftId && params.draftId.length <= 40 ? await findDraft(user.organisation.id, params.draftId) : null;
  if (!draft) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const base = { organisationId: user.organisation.id, draftId: draft.id, userId: user.id };
  const here = `/studio/drafts/${draft.id}/review`;

  if (value.intent === "publish") {
    const published = await publishDraft({ ...base, draftVersion: value.draftVersion });
    if (published.status === "not-found") throw new Response("Not found", { status: 404 });
    if (published.status === "published") {
      await recordAudit({
        type: "scenario.published",
        organisationId: user.organisation.id,
        actorId: user.id,
        ipAddress: clientAddress(context),
        detail: { scenario: draft.slug, version: published.number },
      });
      throw redirect(`/studio/scenarios/${published.scenarioId}`, {
        headers: {
          "Set-Cookie": await flashCookie({
            kind: "success",
            message: `Version ${published.number} is published. People in your organisation can practise it now.`,
          }),
        },
      });
    }
    const messages =
      published.status === "stale" ? [published.message] : published.blockers.map((blocker) => blocker.message);
    return data(submission.reply({ formErrors: messages }), { status: 409 });
  }

  const outcome =
    value.intent === "submit"
      ? await submitForReview({ ...base, draftVersion: value.draftVersion, note: value.note })
      : await addReviewComment({
          ...base,
          draftVersion: value.draftVersion,
          decision: value.decision,
          nodeId: value.nodeId ?? null,
          body: value.body,
        });
  if (outcome.status === "not-found") throw new Response("Not found", { status: 404 });
  if (outcome.status === "stale") return data(submission.reply({ formErrors: [outcome.message] }), { status: 409 });
  if (outcome.status === "refused") {
    const reply = outcome.field
      ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
      : submission.reply({ formErrors: [outcome.message] });
    return data(reply, { status: 409 });
  }
  throw redirect(here, { headers: { "Set-Cookie": await flashCookie({ kind: "success", message: outcome.message }) } });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Review() {
  const review = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const intent = lastResult?.initialValue?.intent;
  const resultFor = (name: string) => (intent === name ? (lastResult as SubmissionResult<string[]>) : undefined);
  const { draft, standing } = review;
  const inReview = draft.status === "in-review";
  const canResubmit = inReview && (standing.changesRequestedBy.length > 0 || standing.changedSinceSubmitted);
  const showSubmit = review.canWrite && (!inReview || canResubmit);
  // A reply goes to the form that sent it; one no form on the page shows (an unknown intent) is listed at the top.
  const claimed =
    (intent === "publish" && review.canWrite) ||
    (intent === "submit" && showSubmit) ||
    (intent === "comment" && review.canReview);
  return (
    <div className="stack">
      <p>
        <Link to={`/studio/drafts/${draft.id}`}>Back to the draft</Link>
      </p>
      <p className="eyebrow">
        {DRAFT_STATUS_LABELS[draft.status]}
        {draft.reviewRound > 0 ? ` · review round ${draft.reviewRound}` : ""} · draft version {draft.version}
      </p>
      <h1>Review: {draft.title}</h1>
      <UnclaimedProblems result={lastResult} claimed={claimed} />
      <Standing review={review} />
      {review.canWrite ? (
        <>
          <PublishPanel review={review} lastResult={resultFor("publish")} />
          {showSubmit ? (
            <SubmitForm draftVersion={draft.version} again={draft.reviewRound > 0} lastResult={resultFor("submit")} />
          ) : null}
        </>
      ) : null}
      <Thread review={review} />
      {review.canReview ? <CommentForm review={review} lastResult={resultFor("comment")} /> : null}
    </div>
  );
}

function Standing({ review }: { review: LoaderData }) {
  const { draft, standing, requiredApprovals } = review;
  if (draft.status === "draft" && draft.reviewRound === 0) {
    return (
      <section aria-labelledby="standing-heading" className="panel stack">
        <h2 id="standing-heading">Where it stands</h2>
        <p>This draft has not been sent for review yet.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="standing-heading" className="panel stack">
      <h2 id="standing-heading">Where it stands</h2>
      {draft.status === "published" ? (
        <p>
          This version is published
          {review.scenario ? (
            <>
              {" "}
              (<Link to={`/studio/scenarios/${review.scenario.id}`}>version {review.scenario.latestVersion}</Link>)
            </>
          ) : null}
          . A change to the draft starts the next version, which goes through review again.
        </p>
      ) : (
        <p>
          {draft.status === "in-review" ? "In review" : "Changed since it was last published"}
          {draft.submittedAt ? `, sent on ${formatDateTime(draft.submittedAt)}` : ""}. Publishing needs{" "}
          {countOf(requiredApprovals, "reviewer approval")} of the current version; it has {standing.approvedBy.length}.
        </p>
      )}
      {standing.approvedBy.length + standing.approvedEarlierVersion.length + standing.changesRequestedBy.length > 0 ||
      standing.changedSinceSubmitted ? (
        <ul>
          {standing.approvedBy.length > 0 ? <li>Approved this version: {standing.approvedBy.join(", ")}</li> : null}
          {standing.approvedEarlierVersion.length > 0 ? (
            <li>
              Approved an earlier version, before the last change: {standing.approvedEarlierVersion.join(", ")}. Their
              approval counts again once they approve this one.
            </li>
          ) : null}
          {standing.changesRequestedBy.length > 0 ? (
            <li>Asked for changes: {standing.changesRequestedBy.join(", ")}</li>
          ) : null}
          {standing.changedSinceSubmitted ? <li>The draft has been changed since it was sent for review.</li> : null}
        </ul>
      ) : null}
    </section>
  );
}

function PublishPanel({
  review,
  lastResult,
}: {
  review: LoaderData;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "publish",
    lastResult,
    defaultValue: { draftVersion: String(review.draft.version) },
  });
  return (
    <section aria-labelledby="publish-heading" className="stack">
      <h2 id="publish-heading">Publish</h2>
      <ErrorSummary form={form} fields={fields} labels={{}} />
      {review.blockers.length > 0 ? (
        <>
          <p>This draft cannot be published yet:</p>
          <ul>
            {review.blockers.map((blocker) => (
              <li key={blocker.code}>{blocker.message}</li>
            ))}
          </ul>
        </>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <p>
            Publishing makes this the version people in your organisation practise. It cannot be changed afterwards;
            runs already played keep the version they were played on.
          </p>
          <input type="hidden" name="intent" value="publish" />
          <input {...getInputProps(fields.draftVersion, { type: "hidden" })} />
          <div className="actions">
            <button type="submit" className="button">
              Publish this version
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

function SubmitForm({
  draftVersion,
  again,
  lastResult,
}: {
  draftVersion: number;
  again: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "submit-review",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { draftVersion: String(draftVersion), note: "" },
  });
  return (
    <section aria-labelledby="submit-heading" className="stack">
      <h2 id="submit-heading">{again ? "Send for review again" : "Send for review"}</h2>
      <ErrorSummary form={form} fields={fields} labels={LABELS} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="submit" />
        <input {...getInputProps(fields.draftVersion, { type: "hidden" })} />
        <TextAreaField
          meta={fields.note}
          label={LABELS.note}
          hint={
            again ? "Optional. Say what you changed and why." : "Optional. Say what you would like them to look at."
          }
          rows={4}
        />
        <div className="actions">
          <button type="submit" className="button">
            {again ? "Send for review again" : "Send for review"}
          </button>
        </div>
      </Form>
    </section>
  );
}

function CommentForm({
  review,
  lastResult,
}: {
  review: LoaderData;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "review-comment",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { draftVersion: String(review.draft.version), decision: "comment", nodeId: "", body: "" },
  });
  const canDecide = review.decisionRefusal === null;
  const decisions = [
    { value: "comment", label: "A comment or a reply" },
    { value: "approved", label: "Approve this version", hint: "It reads as a family would want it to." },
    { value: "changes-requested", label: "Ask for changes", hint: "Say what should change; the trainer replies." },
  ];
  const chosen = fields.decision.value ?? "comment";
  const decisionHasError = Boolean(fields.decision.errors?.length);
  return (
    <section aria-labelledby="comment-heading" className="stack">
      <h2 id="comment-heading">Add to the conversation</h2>
      <ErrorSummary form={form} fields={fields} labels={LABELS} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="comment" />
        <input {...getInputProps(fields.draftVersion, { type: "hidden" })} />
        <SelectField
          meta={fields.nodeId}
          label={LABELS.nodeId}
          placeholder="The whole scenario"
          options={review.nodes.map((node) => ({ value: node, label: `The node “${node}”` }))}
        />
        {canDecide ? (
          <fieldset
            className={decisionHasError ? "field field--error" : "field"}
            aria-describedby={decisionHasError ? fields.decision.errorId : undefined}
          >
            <legend id={fields.decision.id}>{LABELS.decision}</legend>
            <FieldError id={fields.decision.errorId} errors={fields.decision.errors} />
            {decisions.map((decision) => (
              <div className="choice" key={decision.value}>
                <input
                  type="radio"
                  id={`decision-${decision.value}`}
                  name={fields.decision.name}
                  value={decision.value}
                  defaultChecked={chosen === decision.value}
                  aria-describedby={decision.hint ? `decision-${decision.value}-hint` : undefined}
                />
                <label htmlFor={`decision-${decision.value}`}>
                  {decision.label}
                  {decision.hint ? (
                    <span id={`decision-${decision.value}-hint`} className="hint">
                      {decision.hint}
                    </span>
                  ) : null}
                </label>
              </div>
            ))}
          </fieldset>
        ) : (
          <p className="hint">{review.decisionRefusal}</p>
        )}
        <TextAreaField
          meta={fields.body}
          label={LABELS.body}
          hint="Everyone who works on this scenario can read the thread."
          rows={5}
        />
        <div className="actions">
          <button type="submit" className="button">
            Add to the thread
          </button>
        </div>
      </Form>
    </section>
  );
}

function Thread({ review }: { review: LoaderData }) {
  return (
    <section aria-labelledby="thread-heading" className="stack">
      <h2 id="thread-heading">The thread</h2>
      {review.thread.length === 0 ? (
        <p>Nothing has been said yet.</p>
      ) : (
        <ol className="review-thread">
          {review.thread.map((entry) => (
            <li key={entry.id} className={`review-thread__entry review-thread__entry--${entry.kind}`}>
              <p className="review-thread__meta">
                <strong>{REVIEW_KIND_LABELS[entry.kind]}</strong> · {entry.author}
                {entry.authorIsReviewer ? " (reviewer)" : ""} · {formatDateTime(entry.createdAt)} · round {entry.round},
                draft version {entry.draftVersion}
                {entry.nodeId ? (
                  <>
                    {" "}
                    · on the node{" "}
                    <Link to={`/studio/drafts/${review.draft.id}#node-${entry.nodeId}`}>
                      <code>{entry.nodeId}</code>
                    </Link>
                  </>
                ) : null}
              </p>
              {entry.body ? <p className="review-thread__body">{entry.body}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Review: ${data.draft.title}` : "Review"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
