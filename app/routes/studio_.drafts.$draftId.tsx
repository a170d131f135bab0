import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConversationMap, ConversationOutline } from "~/components/conversation-map";
import { FormLinks, nodePath } from "~/components/draft-forms";
import { ErrorSummary, TextAreaField } from "~/components/forms";
import { checkScenarioSource, formatProblem } from "~/domain/scenario";
import { conversationOutline } from "~/domain/scenario/map";
import { formatDateTime } from "~/domain/format";
import { DRAFT_STATUS_LABELS } from "~/domain/scenario/review";
import { reviewCommentsByNode } from "~/models/scenario-review.server";
import { hasPermission } from "~/domain/roles";
import { getDraft, saveDraft } from "~/models/scenario-draft.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { conversationMapOf } from "~/services/conversation-map.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { loadCheckContext } from "~/services/scenario-library.server";

const SOURCE_LIMIT = 500 * 1024;
const LABELS = { source: "The scenario's YAML" };

const saveSchema = z.object({
  source: z
    .string({ error: `${LABELS.source}: write the scenario before saving.` })
    .max(SOURCE_LIMIT, { error: `${LABELS.source}: this is over 500 KB. A scenario file is far smaller.` }),
  version: z
    .number({ error: "This form is out of date. Reload the page and try again." })
    .int()
    .min(1)
    .max(1_000_000_000),
});

async function findDraft(organisationId: string, id: string | undefined) {
  const draft = id && id.length <= 40 ? await getDraft(organisationId, id) : null;
  if (!draft) throw new Response("Not found", { status: 404 });
  return draft;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const draft = await findDraft(user.organisation.id, params.draftId);
  const fileName = `${draft.slug}.yaml`;
  const { context, problems: contextProblems } = await loadCheckContext();
  const check = context ? checkScenarioSource(draft.source, fileName, context) : null;
  // Drawn whenever the draft matches the schema, so unreachable nodes and dead ends show on the map.
  const drawable = check?.parsed;
  const map = drawable ? conversationMapOf(draft.source, drawable, check) : null;
  return {
    id: draft.id,
    slug: draft.slug,
    title: draft.title,
    source: draft.source,
    version: draft.version,
    status: draft.status,
    reviewRound: draft.reviewRound,
    scenarioId: draft.scenarioId,
    updatedAt: draft.updatedAt,
    updatedBy: draft.updatedBy,
    canWrite: hasPermission(user.roles, "write:scenario:any"),
    problems: check ? check.problems.map((problem) => ({ line: problem.line, text: formatProblem(problem) })) : null,
    contextProblems,
    map,
    outline: map && drawable ? conversationOutline(drawable, map) : null,
    // Playing needs a draft the checker passes.
    playable: Boolean(check?.scenario),
    lineCount: draft.source.split(/\r?\n/).length,
    reviewComments: await reviewCommentsByNode(user.organisation.id, draft.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "write:scenario:any");
  const formData = await readFormData(request);
  const draft = await findDraft(user.organisation.id, params.draftId);
  const submission = parseWithZod(formData, { schema: saveSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const saved = await saveDraft({
    id: draft.id,
    organisationId: user.organisation.id,
    userId: user.id,
    expectedVersion: submission.value.version,
    source: submission.value.source,
  });
  if (saved.status === "not-found") throw new Response("Not found", { status: 404 });
  if (saved.status === "conflict") {
    // Nothing is saved: both versions go back to the page, and the next save is a choice made seeing both.
    return data({ result: null, conflict: { ...saved.current, yours: submission.value.source } }, { status: 409 });
  }
  throw redirect(`/studio/drafts/${draft.id}`, {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "Your draft is saved." }) },
  });
}

/** Above this many lines only the lines near the checker's problems are listed: the editor has them all. */
const FULL_LISTING_LINES = 1000;
const CONTEXT_LINES = 2;

function NumberedSource({
  source,
  label,
  idPrefix = "line",
  near,
}: {
  source: string;
  label: string;
  idPrefix?: string;
  /** When given, only these lines and a couple either side are listed, with gaps marked. */
  near?: readonly number[];
}) {
  const lines = source.split(/\r?\n/);
  const shown = near ? linesNear(near, lines.length) : null;
  const rows: ({ gap: true; key: string } | { gap: false; number: number; text: string })[] = [];
  lines.forEach((text, index) => {
    const number = index + 1;
    if (!shown || shown.has(number)) rows.push({ gap: false, number, text });
    else if (shown.has(number - 1) || (number === 1 && !shown.has(1))) rows.push({ gap: true, key: `gap-${number}` });
  });
  return (
    <div className="table-wrap">
      <table className="source-view">
        <caption className="visually-hidden">{label}, line by line</caption>
        <tbody>
          {rows.map((row) =>
            row.gap ? (
              <tr key={row.key}>
                <th scope="row">…</th>
                <td>
                  <span className="hint">Lines not shown here</span>
                </td>
              </tr>
            ) : (
              <tr key={row.number} id={`${idPrefix}-${row.number}`}>
                <th scope="row">{row.number}</th>
                <td>
                  <code>{row.text || " "}</code>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function linesNear(near: readonly number[], count: number): Set<number> {
  const shown = new Set<number>();
  for (const line of near) {
    for (let n = Math.max(1, line - CONTEXT_LINES); n <= Math.min(count, line + CONTEXT_LINES); n += 1) shown.add(n);
  }
  return shown;
}

function Problems({
  problems,
  contextProblems,
}: {
  problems: { line: number; text: string }[] | null;
  contextProblems: string[];
}) {
  if (!problems) {
    return (
      <p>The checker could not run, because the skills vocabulary could not be read: {contextProblems.join("; ")}</p>
    );
  }
  if (problems.length === 0) return <p>The checker found no problems.</p>;
  return (
    <ul className="problem-list">
      {problems.map((problem, index) => (
        <li key={index}>
          <a href={`#line-${problem.line}`}>
            <code>{problem.text}</code>
          </a>
        </li>
      ))}
    </ul>
  );
}

export default function Draft() {
  const draft = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;
  const editNode = draft.canWrite ? (nodeId: string) => nodePath(draft.id, nodeId) : undefined;
  const playFrom = draft.playable
    ? (nodeId: string) => `/studio/drafts/${draft.id}/playtest?from=${encodeURIComponent(nodeId)}`
    : undefined;
  const version = conflict ? conflict.version : draft.version;
  const [form, fields] = useForm<z.input<typeof saveSchema>>({
    id: `draft-source-${version}`,
    lastResult: actionData?.result ?? undefined,
    defaultValue: { source: conflict ? conflict.yours : draft.source, version: String(version) },
  });
  return (
    <div className="stack">
      <p>
        <Link to="/studio">Studio</Link>
      </p>
      <p className="eyebrow">
        Draft · <code>{draft.slug}.yaml</code> · last saved by {draft.updatedBy}, {formatDateTime(draft.updatedAt)}
      </p>
      <h1>{draft.title}</h1>
      <p className="draft-status">
        {DRAFT_STATUS_LABELS[draft.status]}
        {draft.status === "in-review" ? ` (round ${draft.reviewRound})` : ""}:{" "}
        <Link to={`/studio/drafts/${draft.id}/review`}>
          {draft.status === "draft" && draft.reviewRound === 0
            ? "send it for review"
            : "the review, its thread and publishing"}
        </Link>
        {draft.scenarioId ? (
          <>
            {" "}
            · <Link to={`/studio/scenarios/${draft.scenarioId}`}>the published scenario</Link>
          </>
        ) : null}
      </p>
      <p>
        <a href={`/studio/drafts/${draft.id}/download`} download>
          Download as YAML
        </a>
      </p>
      {draft.canWrite ? <FormLinks draftId={draft.id} /> : null}
      {draft.playable ? (
        <p>
          <Link to={`/studio/drafts/${draft.id}/playtest`}>Playtest from the start</Link>
        </p>
      ) : null}
      {conflict ? (
        <section className="notice" role="alert" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">Another trainer saved this draft first</h2>
          <p>
            {conflict.updatedBy} saved it on {formatDateTime(conflict.updatedAt)}, after you opened it. Your changes
            have not been saved. Their version is below, and yours is still in the editor: copy what you need from
            theirs, then save to replace it with yours.
          </p>
          <h3>Their version (read-only)</h3>
          <NumberedSource source={conflict.source} label="Their version" idPrefix="theirs-line" />
        </section>
      ) : null}
      <section aria-labelledby="problems-heading" className="stack">
        <h2 id="problems-heading">What the checker found</h2>
        <Problems problems={draft.problems} contextProblems={draft.contextProblems} />
      </section>
      {draft.map && draft.outline ? (
        <>
          <section aria-labelledby="map-heading" className="stack">
            <h2 id="map-heading">Map of the conversation</h2>
            <p>
              <a href="#list-heading">Skip the map and read the conversation as a list</a>
            </p>
            <ConversationMap title={draft.title} map={draft.map} nodeHref={editNode} />
          </section>
          <section aria-labelledby="list-heading" className="stack">
            <h2 id="list-heading" tabIndex={-1}>
              The conversation, node by node
            </h2>
            <ConversationOutline
              outline={draft.outline}
              editHref={editNode}
              playHref={playFrom}
              reviewComments={{
                counts: draft.reviewComments,
                href: `/studio/drafts/${draft.id}/review#thread-heading`,
              }}
            />
          </section>
        </>
      ) : (
        <p className="hint">
          The map of the conversation appears once the draft has everything a scenario needs (the checker lists what is
          missing).
        </p>
      )}
      {draft.canWrite ? (
        <section aria-labelledby="editor-heading" className="stack">
          <h2 id="editor-heading">Edit the source</h2>
          <ErrorSummary form={form} fields={fields} labels={LABELS} />
          <Form method="post" {...getFormProps(form)}>
            <input {...getInputProps(fields.version, { type: "hidden" })} />
            <TextAreaField
              meta={fields.source}
              label={LABELS.source}
              hint="In the format of the files in scenarios/. Saved even when the checker finds problems."
              rows={24}
            />
            <div className="actions">
              <button type="submit" className="button">
                Save the draft
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="source-heading" className="stack">
        <h2 id="source-heading">The source, line by line</h2>
        {draft.lineCount > FULL_LISTING_LINES ? (
          <p className="hint">
            This draft has {draft.lineCount.toLocaleString("en-GB")} lines, so only the lines the checker points to are
            listed here, with two either side. {draft.canWrite ? "The editor above has them all; " : ""}
            &ldquo;Download as YAML&rdquo; gives the whole file.
          </p>
        ) : null}
        <NumberedSource
          source={draft.source}
          label={`${draft.slug}.yaml`}
          near={
            draft.lineCount > FULL_LISTING_LINES ? (draft.problems ?? []).map((problem) => problem.line) : undefined
          }
        />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Draft: ${data.title}` : "Draft"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
