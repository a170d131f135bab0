import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  ConflictNotice,
  DraftFormPage,
  NotEditable,
  VersionField,
  draftPath,
  nodePath,
} from "~/components/draft-forms";
import { ErrorSummary, UnclaimedProblems } from "~/components/forms";
import {
  NODE_LABELS,
  NODE_TYPES,
  NODE_TYPE_LABELS,
  NodeFields,
  newNodeSchema,
  type NodeFormInput,
  type NodeType,
} from "~/components/node-form";
import { addNode, asText, nodeIds, records } from "~/domain/scenario/edit";
import { draftForForms, draftSummary, saveDocument, savedRedirect } from "~/services/draft-forms.server";
import { readFormData } from "~/services/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, read } = await draftForForms(request, params.draftId);
  const type = new URL(request.url).searchParams.get("type");
  return {
    draft: await draftSummary(draft),
    notEditable: read.ok ? null : read.reason,
    type: NODE_TYPES.find((t) => t === type) ?? null,
    personas: read.ok
      ? records(read.document, "personas").map((p) => ({ id: asText(p.id), name: asText(p.name) }))
      : [],
    nodes: read.ok ? nodeIds(read.document) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, read } = await draftForForms(request, params.draftId);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: newNodeSchema });
  // The form of the type that was sent is shown again, whatever the address says.
  const type = NODE_TYPES.find((t) => t === formData.get("type")) ?? null;
  if (submission.status !== "success")
    return data({ type, result: submission.reply(), conflict: null }, { status: 400 });
  if (!read.ok) {
    return data({ type, result: submission.reply({ formErrors: [read.reason] }), conflict: null }, { status: 400 });
  }
  const { part: node, form } = submission.value;
  if (nodeIds(read.document).includes(node.id)) {
    const fieldErrors = { id: ["another node already has this id: choose a different one"] };
    return data({ type, result: submission.reply({ fieldErrors }), conflict: null }, { status: 400 });
  }
  const saved = await saveDocument({
    draftId: draft.id,
    organisationId: user.organisation.id,
    userId: user.id,
    expectedVersion: form.version,
    document: addNode(read.document, node),
    header: read.header,
    theirs: () => [],
  });
  if (saved.status === "conflict") {
    return data(
      { type, result: submission.reply({ formErrors: [saved.message] }), conflict: saved.conflict },
      { status: 409 },
    );
  }
  const next = node.type === "line" ? " Now add its choices." : "";
  throw await savedRedirect(nodePath(draft.id, node.id), `The node ${node.id} is added.${next}`);
}

function ChooseType({ draftId }: { draftId: string }) {
  return (
    <Form method="get" action={`${draftPath(draftId)}/new-node`} className="stack">
      <fieldset className="field">
        <legend>What kind of node?</legend>
        {NODE_TYPES.map((type, i) => (
          <div className="choice" key={type}>
            <input type="radio" id={`type-${type}`} name="type" value={type} defaultChecked={i === 0} />
            <label htmlFor={`type-${type}`}>{NODE_TYPE_LABELS[type]}</label>
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button">
          Continue
        </button>
      </div>
    </Form>
  );
}

function NewNodeForm({
  type,
  draft,
  personas,
  nodes,
}: {
  type: NodeType;
  draft: { id: string; version: number };
  personas: { id: string; name: string }[];
  nodes: string[];
}) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<NodeFormInput>({
    id: `new-node-${type}`,
    lastResult: actionData?.result,
    defaultValue: { type, tone: type === "ending" ? "mixed" : undefined },
  });
  return (
    <>
      <ConflictNotice conflict={actionData?.conflict} />
      <ErrorSummary form={form} fields={fields} labels={NODE_LABELS} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <VersionField version={draft.version} conflict={actionData?.conflict} />
        <NodeFields type={type} fields={fields} personas={personas} nodes={nodes} />
        <div className="actions">
          <button type="submit" className="button">
            Add the node
          </button>
        </div>
      </Form>
    </>
  );
}

export default function NewNode() {
  const { draft, notEditable, personas, nodes, ...loaded } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const type = actionData?.type ?? loaded.type;
  return (
    <DraftFormPage draft={draft} heading={type ? `Add ${type === "ending" ? "an" : "a"} ${type}` : "Add a node"}>
      {notEditable ? (
        <NotEditable draftId={draft.id} reason={notEditable} />
      ) : type ? (
        <NewNodeForm type={type} draft={draft} personas={personas} nodes={nodes} />
      ) : (
        <>
          <UnclaimedProblems result={actionData?.result} claimed={false} />
          <ChooseType draftId={draft.id} />
        </>
      )}
    </DraftFormPage>
  );
}

export const meta: MetaFunction<typeof loader> = () => [{ title: "Add a node · Studio · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
