import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice, DraftFormPage, NotEditable, VersionField, nodePath } from "~/components/draft-forms";
import { CheckboxGroup, ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import {
  asList,
  asText,
  choicesOf,
  findNode,
  formText,
  formVersion,
  isRecord,
  nodeIds,
  partSchema,
  records,
  saveChoice,
  wholeNumber,
  type DraftDocument,
} from "~/domain/scenario/edit";
import { choiceSchema } from "~/domain/scenario/schema";
import { draftForForms, draftSummary, itemIndex, savePart } from "~/services/draft-forms.server";
import { readFormData } from "~/services/form.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const LABELS = {
  id: "Choice id",
  says: "What the practitioner says or does",
  next: "Leads to",
  when: "Only offered when",
  effects: "Effect on the meters",
  note: "Coach's note",
  skills: "Skills this choice practises",
} as const;

const formSchema = z.object({
  version: formVersion,
  id: formText(80),
  says: formText(4000),
  next: formText(80),
  when: formText(1000),
  effects: z.record(z.string().max(80), formText(12)).optional(),
  note: formText(4000),
  skills: z.array(z.string().max(80)).max(50).optional(),
});

const schema = partSchema(
  formSchema,
  choiceSchema,
  (fields) => ({
    id: fields.id ?? "",
    says: fields.says ?? "",
    next: fields.next ?? "",
    when: fields.when,
    // An empty box or 0 is no effect.
    effects: Object.fromEntries(
      Object.entries(fields.effects ?? {})
        .map(([meter, amount]) => [meter, wholeNumber(amount)] as const)
        .filter(([, amount]) => amount !== undefined && amount !== 0),
    ),
    note: fields.note,
    skills: fields.skills ?? [],
  }),
  (path) => (path[0] === "effects" ? path.slice(0, 2) : path.slice(0, 1)),
);

function formValues(choice: Record<string, unknown>) {
  const effects = isRecord(choice.effects) ? choice.effects : {};
  return {
    id: asText(choice.id),
    says: asText(choice.says),
    next: asText(choice.next),
    when: asText(choice.when),
    effects: Object.fromEntries(Object.entries(effects).map(([meter, amount]) => [meter, asText(amount)])),
    note: asText(choice.note),
    skills: asList(choice.skills),
  };
}

function theirs(nodeId: string, index: number | null) {
  return (document: DraftDocument | null): [string, string][] => {
    const choice = document && index !== null ? choicesOf(document, nodeId)[index] : undefined;
    if (!choice || !findNode(document!, nodeId)) return [];
    const values = formValues(choice);
    const effects = Object.entries(values.effects).map(([meter, amount]) => `${meter} ${amount}`);
    return [
      [LABELS.id, values.id],
      [LABELS.when, values.when],
      [LABELS.says, values.says],
      [LABELS.next, values.next],
      [LABELS.effects, effects.join(", ")],
      [LABELS.note, values.note],
      [LABELS.skills, values.skills.join(", ")],
    ];
  };
}

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const found = await draftForForms(request, params.draftId);
  const nodeId = params.nodeId ?? "";
  const node = found.read.ok && nodeId.length <= 80 ? findNode(found.read.document, nodeId) : undefined;
  if (found.read.ok && node?.type !== "line") throw new Response("Not found", { status: 404 });
  const choices = found.read.ok ? choicesOf(found.read.document, nodeId) : [];
  const index = found.read.ok ? itemIndex(params.index, choices.length) : null;
  return { ...found, nodeId, choices, index };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, read, nodeId, choices, index } = await load(request, params);
  const document = read.ok ? read.document : {};
  const vocabulary = await skillVocabulary();
  return {
    draft: await draftSummary(draft),
    notEditable: read.ok ? null : read.reason,
    nodeId,
    isNew: index === null,
    values: index === null ? { skills: [] as string[], effects: {} } : formValues(choices[index]!),
    nodes: nodeIds(document),
    meters: records(document, "meters").flatMap((m) =>
      typeof m.id === "string" ? [{ id: m.id, label: asText(m.label) }] : [],
    ),
    skills: [...vocabulary].map(([id, skill]) => ({ value: id, label: skill.label, hint: skill.description })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, read, nodeId, choices, index } = await load(request, params);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const { part: choice, form } = submission.value;
  return savePart({
    reply: submission.reply,
    user,
    draftId: draft.id,
    read,
    version: form.version,
    idTaken: choices.some((other, i) => i !== index && other.id === choice.id)
      ? "another choice of this line already has this id: choose a different one"
      : null,
    change: (document) => saveChoice(document, nodeId, index, choice),
    theirs: theirs(nodeId, index),
    redirectTo: nodePath(draft.id, nodeId),
    message: `The choice ${choice.id} is saved.`,
  });
}

export default function ChoiceForm() {
  const { draft, notEditable, nodeId, isNew, values, nodes, meters, skills } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof formSchema>>({
    id: "choice",
    lastResult: actionData?.result,
    defaultValue: values,
  });
  const effects = fields.effects.getFieldset();
  const typedSkills = fields.skills.value;
  const chosen = Array.isArray(typedSkills) ? typedSkills.map(String) : typedSkills ? [String(typedSkills)] : [];
  const next = fields.next.value;
  // A meter or skill the draft no longer declares, or a node it no longer has, stays listed so saving keeps it.
  const meterIds = [
    ...meters.map((m) => m.id),
    ...Object.keys(values.effects).filter((id) => !meters.some((m) => m.id === id)),
  ];
  const effectLabels = Object.fromEntries(
    meterIds.map((id) => {
      const label = meters.find((m) => m.id === id)?.label;
      return [`effects.${id}`, `Effect on ${label ? `${label} (${id})` : id}`];
    }),
  );
  const skillOptions = [
    ...skills,
    ...chosen
      .filter((id) => !skills.some((s) => s.value === id))
      .map((id) => ({ value: id, label: id, hint: "Not in the skills vocabulary" })),
  ];
  const nodeOptions = nodes.map((id) => ({ value: id, label: id }));
  if (typeof next === "string" && next && !nodes.includes(next))
    nodeOptions.push({ value: next, label: `${next} (not in this draft)` });
  return (
    <DraftFormPage
      draft={draft}
      heading={isNew ? `Add a choice to ${nodeId}` : `Edit a choice of ${nodeId}`}
      crumbs={[{ to: nodePath(draft.id, nodeId), label: `Node ${nodeId}` }]}
    >
      {notEditable ? (
        <NotEditable draftId={draft.id} reason={notEditable} />
      ) : (
        <>
          <ConflictNotice conflict={actionData?.conflict} />
          <ErrorSummary
            form={form}
            fields={{ ...fields, ...Object.fromEntries(meterIds.map((id) => [`effects.${id}`, effects[id]!])) }}
            labels={{ ...LABELS, ...effectLabels }}
          />
          <Form method="post" {...getFormProps(form)} className="stack">
            <VersionField version={draft.version} conflict={actionData?.conflict} />
            <TextField
              meta={fields.id}
              label={LABELS.id}
              hint="Unique among this line's choices, like ask-about-ola."
              spellCheck={false}
            />
            <TextAreaField meta={fields.says} label={LABELS.says} rows={3} />
            <SelectField
              meta={fields.next}
              label={LABELS.next}
              hint="The node this choice leads to."
              options={nodeOptions}
            />
            <fieldset className="field">
              <legend>{LABELS.effects}</legend>
              <span className="hint">
                {meterIds.length
                  ? "A whole number added to each meter, like 1 or -1. Leave empty for no change."
                  : "This scenario has no meters yet: add one under People and meters."}
              </span>
              {meterIds.map((id) => (
                <TextField key={id} meta={effects[id]!} label={effectLabels[`effects.${id}`]!} />
              ))}
            </fieldset>
            <TextAreaField
              meta={fields.note}
              label={LABELS.note}
              hint="Why this helps or hurts. The checker warns when it is missing."
              rows={3}
            />
            <TextField
              meta={fields.when}
              label={LABELS.when}
              hint="Optional, like: trust >= 3 and not visited(blame). Leave empty to always offer it."
              spellCheck={false}
            />
            <CheckboxGroup
              meta={fields.skills}
              legend={LABELS.skills}
              hint="Optional."
              options={skillOptions}
              selected={chosen}
            />
            <div className="actions">
              <button type="submit" className="button">
                Save the choice
              </button>
            </div>
          </Form>
        </>
      )}
    </DraftFormPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.isNew ? "Add a choice" : "Edit a choice"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
