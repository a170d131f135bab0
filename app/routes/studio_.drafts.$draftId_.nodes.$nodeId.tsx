import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  ConflictNotice,
  DraftFormPage,
  NotEditable,
  VersionField,
  draftPath,
  nodePath,
} from "~/components/draft-forms";
import { ErrorSummary, FieldError, UnclaimedProblems } from "~/components/forms";
import {
  NODE_LABELS,
  NODE_TYPES,
  NodeFields,
  buildNode,
  nodeFormFields,
  nodeFormValues,
  nodePart,
  nodeTheirs,
  type NodeFormInput,
} from "~/components/node-form";
import {
  asText,
  choicesOf,
  deleteChoice,
  deleteNode,
  findNode,
  formVersion,
  moveChoice,
  moveNode,
  nodeIds,
  nodeIndex,
  partSchema,
  records,
  updateNode,
  type DraftDocument,
} from "~/domain/scenario/edit";
import { draftForForms, draftSummary, saveDocument, savedRedirect } from "~/services/draft-forms.server";
import { readFormData } from "~/services/form.server";

const direction = z.enum(["up", "down"], { error: "choose up or down" });
const place = z.number({ error: "This form is out of date. Reload the page and try again." }).int().min(1).max(1000);

const saveSchema = partSchema(z.object({ ...nodeFormFields, intent: z.literal("save") }), nodePart, buildNode);
const moveSchema = z.object({ intent: z.literal("move"), direction, version: formVersion });
const deleteSchema = z.object({
  intent: z.literal("delete"),
  confirm: z.literal("yes", { error: "tick the box to confirm that this node should be deleted" }),
  version: formVersion,
});
const moveChoiceSchema = z.object({ intent: z.literal("move-choice"), index: place, direction, version: formVersion });
const deleteChoiceSchema = z.object({ intent: z.literal("delete-choice"), index: place, version: formVersion });

const SCHEMAS = {
  save: saveSchema,
  move: moveSchema,
  delete: deleteSchema,
  "move-choice": moveChoiceSchema,
  "delete-choice": deleteChoiceSchema,
} as const;
type Intent = keyof typeof SCHEMAS;
const intentSchema = z.object({
  intent: z.enum(Object.keys(SCHEMAS) as [Intent, ...Intent[]], { error: "This form is not one this page knows." }),
});

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const found = await draftForForms(request, params.draftId);
  const nodeId = params.nodeId ?? "";
  const node = found.read.ok && nodeId.length <= 80 ? findNode(found.read.document, nodeId) : undefined;
  if (found.read.ok && !node) throw new Response("Not found", { status: 404 });
  return { ...found, nodeId, node };
}

function choiceSummary(choice: Record<string, unknown>) {
  return { id: asText(choice.id), says: asText(choice.says), next: asText(choice.next), when: asText(choice.when) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, read, nodeId, node } = await load(request, params);
  const document = read.ok ? read.document : {};
  return {
    draft: await draftSummary(draft),
    notEditable: read.ok ? null : read.reason,
    nodeId,
    type: NODE_TYPES.find((t) => t === node?.type) ?? "line",
    values: node ? nodeFormValues(node) : {},
    place: nodeIndex(document, nodeId) + 1,
    count: nodeIds(document).length,
    choices: choicesOf(document, nodeId).map(choiceSummary),
    personas: records(document, "personas").map((p) => ({ id: asText(p.id), name: asText(p.name) })),
    nodes: nodeIds(document),
  };
}

type Outcome = { document: DraftDocument; to: string; message: string };

function apply(intent: Intent, value: unknown, document: DraftDocument, draftId: string, nodeId: string): Outcome {
  const here = nodePath(draftId, nodeId);
  if (intent === "save") {
    const { part } = value as z.output<typeof saveSchema>;
    return {
      document: updateNode(document, nodeId, part),
      to: nodePath(draftId, part.id),
      message: `The node ${part.id} is saved.`,
    };
  }
  if (intent === "move") {
    const { direction } = value as z.output<typeof moveSchema>;
    return {
      document: moveNode(document, nodeId, direction),
      to: here,
      message: `The node ${nodeId} is moved ${direction}.`,
    };
  }
  if (intent === "delete") {
    return {
      document: deleteNode(document, nodeId),
      to: draftPath(draftId),
      message: `The node ${nodeId} is deleted. The checker lists any choice that still leads to it.`,
    };
  }
  const { index } = value as z.output<typeof deleteChoiceSchema>;
  if (intent === "move-choice") {
    const { direction } = value as z.output<typeof moveChoiceSchema>;
    return {
      document: moveChoice(document, nodeId, index - 1, direction),
      to: here,
      message: `The choice is moved ${direction}.`,
    };
  }
  return { document: deleteChoice(document, nodeId, index - 1), to: here, message: "The choice is deleted." };
}

/** The version the form was loaded at: the node form keeps it beside the node, the others carry it directly. */
function expectedVersion(intent: Intent, value: Record<string, unknown>): number {
  return intent === "save" ? (value as z.output<typeof saveSchema>).form.version : (value.version as number);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, read, nodeId, node } = await load(request, params);
  const formData = await readFormData(request);
  const known = parseWithZod(formData, { schema: intentSchema });
  if (known.status !== "success") return data({ intent: null, result: known.reply(), conflict: null }, { status: 400 });
  const { intent } = known.value;
  const submission = parseWithZod(formData, { schema: SCHEMAS[intent] });
  if (submission.status !== "success")
    return data({ intent, result: submission.reply(), conflict: null }, { status: 400 });
  if (!read.ok || !node) {
    return data(
      { intent, result: submission.reply({ formErrors: ["This draft cannot be edited in forms."] }), conflict: null },
      { status: 400 },
    );
  }
  const value = submission.value as Record<string, unknown>;
  if (intent === "save") {
    const { part } = value as z.output<typeof saveSchema>;
    if (part.id !== nodeId && nodeIds(read.document).includes(part.id)) {
      const fieldErrors = { id: ["another node already has this id: choose a different one"] };
      return data({ intent, result: submission.reply({ fieldErrors }), conflict: null }, { status: 400 });
    }
    if (part.type !== node.type && node.type !== undefined) {
      const formErrors = ["A node's type cannot change here: add a new node of the other type instead."];
      return data({ intent, result: submission.reply({ formErrors }), conflict: null }, { status: 400 });
    }
  }
  if (
    (intent === "move-choice" || intent === "delete-choice") &&
    !choicesOf(read.document, nodeId)[(value.index as number) - 1]
  ) {
    const gone = "That choice is no longer in the draft: the list below is up to date.";
    return data({ intent, result: submission.reply({ formErrors: [gone] }), conflict: null }, { status: 400 });
  }
  const outcome = apply(intent, value, read.document, draft.id, nodeId);
  const saved = await saveDocument({
    draftId: draft.id,
    organisationId: user.organisation.id,
    userId: user.id,
    expectedVersion: expectedVersion(intent, value),
    document: outcome.document,
    header: read.header,
    theirs: (current) => nodeTheirs(current ? findNode(current, nodeId) : undefined),
  });
  if (saved.status === "conflict") {
    return data(
      { intent, result: submission.reply({ formErrors: [saved.message] }), conflict: saved.conflict },
      { status: 409 },
    );
  }
  throw await savedRedirect(outcome.to, outcome.message);
}

function SmallForm({
  intent,
  version,
  label,
  fields = {},
  warning = false,
}: {
  intent: Intent;
  version: number;
  label: string;
  fields?: Record<string, string | number>;
  warning?: boolean;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      <button type="submit" className={`button button--small ${warning ? "button--warning" : "button--secondary"}`}>
        {label}
      </button>
    </Form>
  );
}

export default function EditNode() {
  const loaded = useLoaderData<typeof loader>();
  const { draft, notEditable, nodeId, type, values, place, count, choices, personas, nodes } = loaded;
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict;
  const version = conflict?.version ?? draft.version;
  const [form, fields] = useForm<NodeFormInput & { intent: string }>({
    id: `node-${nodeId}`,
    lastResult: actionData?.intent === "save" ? actionData.result : undefined,
    defaultValue: values,
  });
  const [deleteForm, deleteFields] = useForm<{ confirm: string; intent: string; version: string }>({
    id: `delete-node-${nodeId}`,
    lastResult: actionData?.intent === "delete" ? actionData.result : undefined,
  });
  const claimed = actionData?.intent === "save" || actionData?.intent === "delete";
  const base = draftPath(draft.id);
  return (
    <DraftFormPage draft={draft} heading={`Edit the ${type} ${nodeId}`}>
      {notEditable ? (
        <NotEditable draftId={draft.id} reason={notEditable} />
      ) : (
        <>
          <ConflictNotice conflict={conflict} />
          <UnclaimedProblems result={actionData?.result ?? undefined} claimed={claimed} />
          <section aria-labelledby="fields-heading" className="stack">
            <h2 id="fields-heading">The node</h2>
            <ErrorSummary form={form} fields={fields} labels={NODE_LABELS} />
            <Form method="post" {...getFormProps(form)} className="stack">
              <input type="hidden" name="intent" value="save" />
              <VersionField version={draft.version} conflict={conflict} />
              <NodeFields type={type} fields={fields} personas={personas} nodes={nodes} />
              <div className="actions">
                <button type="submit" className="button">
                  Save the node
                </button>
              </div>
            </Form>
          </section>
          {type === "line" ? (
            <section aria-labelledby="choices-heading" className="stack">
              <h2 id="choices-heading">Choices</h2>
              {choices.length === 0 ? <p>This line has no choices yet: a line needs at least one.</p> : null}
              <ol className="actions-list">
                {choices.map((choice, i) => (
                  <li key={i}>
                    <Link to={`${nodePath(draft.id, nodeId)}/choices/${i + 1}`}>
                      Edit the choice {choice.id || i + 1}
                    </Link>
                    : “{choice.says}” → <code>{choice.next || "nowhere yet"}</code>
                    {choice.when ? <span className="hint"> (only when {choice.when})</span> : null}
                    <div>
                      {i > 0 ? (
                        <SmallForm
                          intent="move-choice"
                          version={version}
                          label={`Move the choice ${choice.id || i + 1} up`}
                          fields={{ index: i + 1, direction: "up" }}
                        />
                      ) : null}{" "}
                      {i < choices.length - 1 ? (
                        <SmallForm
                          intent="move-choice"
                          version={version}
                          label={`Move the choice ${choice.id || i + 1} down`}
                          fields={{ index: i + 1, direction: "down" }}
                        />
                      ) : null}{" "}
                      <SmallForm
                        intent="delete-choice"
                        version={version}
                        label={`Delete the choice ${choice.id || i + 1}`}
                        fields={{ index: i + 1 }}
                        warning
                      />
                    </div>
                  </li>
                ))}
              </ol>
              <p>
                <Link to={`${nodePath(draft.id, nodeId)}/choices/new`}>Add a choice</Link>
              </p>
            </section>
          ) : null}
          <section aria-labelledby="order-heading" className="stack">
            <h2 id="order-heading">Place in the file</h2>
            <p>
              This is node {place} of {count}. The order changes how the file reads, not how the conversation plays.
            </p>
            <div>
              {place > 1 ? (
                <SmallForm intent="move" version={version} label="Move this node up" fields={{ direction: "up" }} />
              ) : null}{" "}
              {place < count ? (
                <SmallForm intent="move" version={version} label="Move this node down" fields={{ direction: "down" }} />
              ) : null}
            </div>
          </section>
          <section aria-labelledby="delete-heading" className="stack">
            <h2 id="delete-heading">Delete this node</h2>
            <p>
              Deleting a node cannot be undone here. Any choice or pause that leads to it will then lead nowhere, and
              the checker will list each one so you can point it somewhere else.
            </p>
            <ErrorSummary form={deleteForm} fields={deleteFields} labels={{ confirm: "Confirm" }} />
            <Form method="post" {...getFormProps(deleteForm)} className="stack">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="version" value={version} />
              <div className={deleteFields.confirm.errors?.length ? "field field--error" : "field"}>
                <FieldError id={deleteFields.confirm.errorId} errors={deleteFields.confirm.errors} />
                <div className="choice">
                  <input {...getInputProps(deleteFields.confirm, { type: "checkbox", value: "yes" })} />
                  <label htmlFor={deleteFields.confirm.id}>Yes, delete the node {nodeId}</label>
                </div>
              </div>
              <div className="actions">
                <button type="submit" className="button button--warning">
                  Delete the node
                </button>
                <Link to={base}>Back to the draft</Link>
              </div>
            </Form>
          </section>
        </>
      )}
    </DraftFormPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Node ${data.nodeId}` : "Node"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
