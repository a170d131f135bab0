import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice, DraftFormPage, NotEditable, VersionField, draftPath } from "~/components/draft-forms";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import {
  asText,
  formText,
  formVersion,
  partSchema,
  records,
  saveListItem,
  type DraftDocument,
} from "~/domain/scenario/edit";
import { personaSchema } from "~/domain/scenario/schema";
import { draftForForms, draftSummary, itemIndex, savePart } from "~/services/draft-forms.server";
import { readFormData } from "~/services/form.server";

const LABELS = {
  id: "Persona id",
  name: "Name",
  relationship: "Who they are to the child",
  background: "Background",
  wants: "What they want",
  fears: "What they fear",
  voice: "How they speak",
  kind: "Kind of person",
} as const;
type Key = keyof typeof LABELS;
const KEYS = Object.keys(LABELS) as Key[];

const formSchema = z.object({
  version: formVersion,
  id: formText(80),
  name: formText(200),
  relationship: formText(500),
  background: formText(4000),
  wants: formText(2000),
  fears: formText(2000),
  voice: formText(2000),
  kind: formText(20),
});

const schema = partSchema(formSchema, personaSchema, (fields) => ({
  ...Object.fromEntries(KEYS.map((key) => [key, fields[key] ?? ""])),
  kind: fields.kind ?? "family",
}));

function formValues(persona: Record<string, unknown>): Record<Key, string> {
  return {
    ...(Object.fromEntries(KEYS.map((key) => [key, asText(persona[key])])) as Record<Key, string>),
    kind: asText(persona.kind) || "family",
  };
}

function theirs(index: number | null) {
  return (document: DraftDocument | null): [string, string][] => {
    const persona = document && index !== null ? records(document, "personas")[index] : undefined;
    if (!persona) return [];
    const values = formValues(persona);
    return KEYS.map((key) => [LABELS[key], values[key]]);
  };
}

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const found = await draftForForms(request, params.draftId);
  const personas = found.read.ok ? records(found.read.document, "personas") : [];
  const index = found.read.ok ? itemIndex(params.index, personas.length) : null;
  return { ...found, personas, index };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, read, personas, index } = await load(request, params);
  return {
    draft: await draftSummary(draft),
    notEditable: read.ok ? null : read.reason,
    isNew: index === null,
    values: index === null ? { kind: "family" } : formValues(personas[index]!),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, read, personas, index } = await load(request, params);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const { part: persona, form } = submission.value;
  return savePart({
    reply: submission.reply,
    user,
    draftId: draft.id,
    read,
    version: form.version,
    idTaken: personas.some((other, i) => i !== index && other.id === persona.id)
      ? "another persona already has this id: choose a different one"
      : null,
    change: (document) => saveListItem(document, "personas", index, persona),
    theirs: theirs(index),
    redirectTo: `${draftPath(draft.id)}/people`,
    message: `The persona ${persona.name} is saved.`,
  });
}

export default function PersonaForm() {
  const { draft, notEditable, isNew, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof formSchema>>({
    id: "persona",
    lastResult: actionData?.result,
    defaultValue: values,
  });
  const heading = isNew ? "Add a persona" : "Edit a persona";
  return (
    <DraftFormPage
      draft={draft}
      heading={heading}
      crumbs={[{ to: `${draftPath(draft.id)}/people`, label: "People and meters" }]}
    >
      {notEditable ? (
        <NotEditable draftId={draft.id} reason={notEditable} />
      ) : (
        <>
          <ConflictNotice conflict={actionData?.conflict} />
          <ErrorSummary form={form} fields={fields} labels={LABELS} />
          <Form method="post" {...getFormProps(form)} className="stack">
            <VersionField version={draft.version} conflict={actionData?.conflict} />
            <TextField
              meta={fields.id}
              label={LABELS.id}
              hint="How lines name this person, like grace."
              spellCheck={false}
            />
            <TextField meta={fields.name} label={LABELS.name} hint="Full name, invented." />
            <TextField
              meta={fields.relationship}
              label={LABELS.relationship}
              hint="For example: Mother of Ruby, aged 9."
            />
            <TextAreaField
              meta={fields.background}
              label={LABELS.background}
              hint="What has happened so far."
              rows={4}
            />
            <TextAreaField meta={fields.wants} label={LABELS.wants} hint="From this conversation." rows={2} />
            <TextAreaField meta={fields.fears} label={LABELS.fears} rows={2} />
            <TextAreaField
              meta={fields.voice}
              label={LABELS.voice}
              hint="Pace, words, what they do when upset."
              rows={2}
            />
            <SelectField
              meta={fields.kind}
              label={LABELS.kind}
              hint="Family lines are checked for plain words."
              options={[
                { value: "family", label: "Family: a parent, carer, child or young person" },
                { value: "professional", label: "Professional: staff or an interpreter" },
              ]}
            />
            <div className="actions">
              <button type="submit" className="button">
                Save the persona
              </button>
            </div>
          </Form>
        </>
      )}
    </DraftFormPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.isNew ? "Add a persona" : "Edit a persona"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
