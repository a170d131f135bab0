import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice, DraftFormPage, NotEditable, VersionField, draftPath } from "~/components/draft-forms";
import { ErrorSummary, TextField } from "~/components/forms";
import {
  asText,
  formText,
  formVersion,
  partSchema,
  records,
  saveListItem,
  wholeNumber,
  type DraftDocument,
} from "~/domain/scenario/edit";
import { meterSchema } from "~/domain/scenario/schema";
import { draftForForms, draftSummary, itemIndex, savePart } from "~/services/draft-forms.server";
import { readFormData } from "~/services/form.server";

const LABELS = {
  id: "Meter id",
  label: "What it measures",
  start: "Value at the start",
  min: "Lowest value",
  max: "Highest value",
  visible: "The learner sees this meter while playing",
} as const;

const formSchema = z.object({
  version: formVersion,
  id: formText(80),
  label: formText(300),
  start: formText(12),
  min: formText(12),
  max: formText(12),
  visible: z.literal("on").optional(),
});

const schema = partSchema(formSchema, meterSchema, (fields) => ({
  id: fields.id ?? "",
  label: fields.label ?? "",
  start: wholeNumber(fields.start),
  min: wholeNumber(fields.min),
  max: wholeNumber(fields.max),
  visible: fields.visible === "on",
}));

function formValues(meter: Record<string, unknown>) {
  return {
    id: asText(meter.id),
    label: asText(meter.label),
    start: asText(meter.start),
    min: asText(meter.min),
    max: asText(meter.max),
    visible: meter.visible === true ? "on" : undefined,
  };
}

function theirs(index: number | null) {
  return (document: DraftDocument | null): [string, string][] => {
    const meter = document && index !== null ? records(document, "meters")[index] : undefined;
    if (!meter) return [];
    const values = formValues(meter);
    return [
      [LABELS.id, values.id],
      [LABELS.label, values.label],
      [LABELS.start, values.start],
      [LABELS.min, values.min],
      [LABELS.max, values.max],
      [LABELS.visible, values.visible ? "yes" : "no"],
    ];
  };
}

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const found = await draftForForms(request, params.draftId);
  const meters = found.read.ok ? records(found.read.document, "meters") : [];
  const index = found.read.ok ? itemIndex(params.index, meters.length) : null;
  return { ...found, meters, index };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, read, meters, index } = await load(request, params);
  return {
    draft: await draftSummary(draft),
    notEditable: read.ok ? null : read.reason,
    isNew: index === null,
    values: index === null ? { start: "0", min: "0", max: "5", visible: "on" } : formValues(meters[index]!),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, read, meters, index } = await load(request, params);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const { part: meter, form } = submission.value;
  return savePart({
    reply: submission.reply,
    user,
    draftId: draft.id,
    read,
    version: form.version,
    idTaken: meters.some((other, i) => i !== index && other.id === meter.id)
      ? "another meter already has this id: choose a different one"
      : null,
    change: (document) => saveListItem(document, "meters", index, meter),
    theirs: theirs(index),
    redirectTo: `${draftPath(draft.id)}/people`,
    message: `The meter ${meter.id} is saved.`,
  });
}

export default function MeterForm() {
  const { draft, notEditable, isNew, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof formSchema>>({
    id: "meter",
    lastResult: actionData?.result,
    defaultValue: values,
  });
  const heading = isNew ? "Add a meter" : "Edit a meter";
  const visibleId = `${fields.visible.id}-box`;
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
              hint="How effects and conditions name it, like trust."
              spellCheck={false}
            />
            <TextField
              meta={fields.label}
              label={LABELS.label}
              hint="In the persona's terms, for example: How far Grace trusts you."
            />
            <TextField meta={fields.start} label={LABELS.start} hint="A whole number between the lowest and highest." />
            <TextField meta={fields.min} label={LABELS.min} hint="A whole number." />
            <TextField meta={fields.max} label={LABELS.max} hint="A whole number, greater than the lowest." />
            <div className="choice">
              <input
                type="checkbox"
                id={visibleId}
                name="visible"
                value="on"
                defaultChecked={fields.visible.value === "on"}
                key={String(fields.visible.value)}
              />
              <label htmlFor={visibleId}>{LABELS.visible}</label>
            </div>
            <div className="actions">
              <button type="submit" className="button">
                Save the meter
              </button>
            </div>
          </Form>
        </>
      )}
    </DraftFormPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.isNew ? "Add a meter" : "Edit a meter"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
