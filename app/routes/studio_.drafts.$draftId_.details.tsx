import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  ConflictNotice,
  DraftFormPage,
  type ConflictOnPage,
  NotEditable,
  VersionField,
  draftPath,
} from "~/components/draft-forms";
import { CheckboxGroup, ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import {
  asList,
  asText,
  formText,
  formVersion,
  linesOf,
  nodeIds,
  partSchema,
  setDetails,
  wholeNumber,
  type DraftDocument,
} from "~/domain/scenario/edit";
import { coachNoteTimings, conversationMedia, practitionerRoles, scenarioSchema } from "~/domain/scenario/schema";
import { draftForForms, draftSummary, saveDocument, savedRedirect } from "~/services/draft-forms.server";
import { readFormData } from "~/services/form.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const LABELS = {
  title: "Title",
  id: "Scenario id",
  summary: "Summary",
  audience: "Who it is for",
  skills: "Skills practised",
  minutes: "Minutes to play",
  medium: "How the conversation happens",
  coachNotes: "When the learner reads the coach's notes",
  contentNotes: "Content notes",
  start: "First node",
} as const;

const ROLE_LABELS: Record<(typeof practitionerRoles)[number], string> = {
  "send-caseworker": "SEND caseworkers",
  senco: "SENCOs",
  teacher: "Teachers",
  "teaching-assistant": "Teaching assistants",
  "educational-psychologist": "Educational psychologists",
  "health-professional": "Health professionals",
  "social-worker": "Social workers",
  "early-years-practitioner": "Early years practitioners",
  "team-manager": "Team managers",
};
const MEDIUM_LABELS = { phone: "A phone call", "in-person": "In person", online: "Online" } as const;
const TIMING_LABELS = {
  "after-each-choice": "After each choice",
  "in-debrief": "Only in the debrief at the end",
} as const;

const formSchema = z.object({
  version: formVersion,
  title: formText(200),
  id: formText(80),
  summary: formText(2000),
  audience: z.array(z.string().max(40)).max(20).optional(),
  skills: z.array(z.string().max(80)).max(50).optional(),
  minutes: formText(10),
  medium: formText(20),
  coachNotes: formText(20),
  contentNotes: formText(4000),
  start: formText(80),
});

const detailsPart = scenarioSchema.pick({
  id: true,
  title: true,
  summary: true,
  audience: true,
  skills: true,
  minutes: true,
  medium: true,
  coachNotes: true,
  contentNotes: true,
  start: true,
});

const DETAIL_KEYS = Object.fromEntries(Object.keys(detailsPart.shape).map((key) => [key, undefined]));

/** With no node yet there is nothing to start at: the checker says so, and the rest still saves. */
function detailsSchema(hasNodes: boolean) {
  const part = hasNodes ? detailsPart : detailsPart.extend({ start: detailsPart.shape.start.optional() });
  return partSchema(formSchema, part, (fields) => ({
    id: fields.id ?? "",
    title: fields.title ?? "",
    summary: fields.summary ?? "",
    audience: fields.audience ?? [],
    skills: fields.skills ?? [],
    minutes: wholeNumber(fields.minutes),
    medium: fields.medium,
    coachNotes: fields.coachNotes ?? "after-each-choice",
    contentNotes: linesOf(fields.contentNotes),
    start: fields.start ?? (hasNodes ? "" : undefined),
  }));
}

function formValues(document: DraftDocument) {
  return {
    title: asText(document.title),
    id: asText(document.id),
    summary: asText(document.summary),
    audience: asList(document.audience),
    skills: asList(document.skills),
    minutes: asText(document.minutes),
    medium: asText(document.medium),
    coachNotes: asText(document.coachNotes) || "after-each-choice",
    contentNotes: asText(document.contentNotes),
    start: asText(document.start),
  };
}

function theirValues(document: DraftDocument | null): [string, string][] {
  if (!document) return [];
  const values = formValues(document);
  return Object.entries(LABELS).map(([key, label]) => {
    const value = values[key as keyof typeof values];
    return [label, Array.isArray(value) ? value.join(", ") : value];
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, read } = await draftForForms(request, params.draftId);
  const vocabulary = await skillVocabulary();
  return {
    draft: await draftSummary(draft),
    notEditable: read.ok ? null : read.reason,
    values: read.ok ? formValues(read.document) : null,
    nodes: read.ok ? nodeIds(read.document) : [],
    skills: [...vocabulary].map(([id, skill]) => ({ value: id, label: skill.label, hint: skill.description })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, read } = await draftForForms(request, params.draftId);
  const formData = await readFormData(request);
  if (!read.ok) return data({ result: null, conflict: null, notEditable: read.reason }, { status: 400 });
  const submission = parseWithZod(formData, { schema: detailsSchema(nodeIds(read.document).length > 0) });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), conflict: null, notEditable: null }, { status: 400 });
  }
  const saved = await saveDocument({
    draftId: draft.id,
    organisationId: user.organisation.id,
    userId: user.id,
    expectedVersion: submission.value.form.version,
    // Every detail is named, so a cleared optional one (medium, start) leaves the file.
    document: setDetails(read.document, { ...DETAIL_KEYS, ...submission.value.part }),
    header: read.header,
    theirs: theirValues,
  });
  if (saved.status === "conflict") {
    const result = submission.reply({ formErrors: [saved.message] });
    return data({ result, conflict: saved.conflict, notEditable: null }, { status: 409 });
  }
  throw await savedRedirect(draftPath(draft.id), "The details are saved.");
}

export default function DraftDetails() {
  const { draft, notEditable, values, nodes, skills } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reason = actionData?.notEditable ?? notEditable;
  return (
    <DraftFormPage draft={draft} heading="Edit details">
      {reason || !values ? (
        <NotEditable draftId={draft.id} reason={reason ?? "it cannot be read"} />
      ) : (
        <DetailsForm
          draft={draft}
          values={values}
          nodes={nodes}
          skills={skills}
          result={actionData?.result ?? undefined}
          conflict={actionData?.conflict}
        />
      )}
    </DraftFormPage>
  );
}

function DetailsForm({
  draft,
  values,
  nodes,
  skills,
  result,
  conflict,
}: {
  draft: { id: string; version: number };
  values: ReturnType<typeof formValues>;
  nodes: string[];
  skills: { value: string; label: string; hint: string }[];
  result: SubmissionResult<string[]> | undefined;
  conflict: ConflictOnPage | null | undefined;
}) {
  const [form, fields] = useForm<z.input<typeof formSchema>>({
    id: "draft-details",
    lastResult: result,
    defaultValue: values,
    shouldRevalidate: "onBlur",
  });
  const typed = (value: unknown) => (Array.isArray(value) ? value.map(String) : value ? [String(value)] : []);
  const audience = typed(fields.audience.value);
  const chosenSkills = typed(fields.skills.value);
  // A skill the vocabulary does not have stays listed, so saving never drops it unseen.
  const skillOptions = [
    ...skills,
    ...chosenSkills
      .filter((id) => !skills.some((s) => s.value === id))
      .map((id) => ({ value: id, label: id, hint: "Not in the skills vocabulary" })),
  ];
  // A start naming no node stays listed, so saving keeps it until someone picks another.
  const start = fields.start.value;
  const startOptions = nodes.map((id) => ({ value: id, label: id }));
  if (typeof start === "string" && start && !nodes.includes(start)) {
    startOptions.push({ value: start, label: `${start} (not in this draft)` });
  }
  return (
    <>
      <ConflictNotice conflict={conflict} />
      <ErrorSummary form={form} fields={fields} labels={LABELS} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <VersionField version={draft.version} conflict={conflict} />
        <TextField meta={fields.title} label={LABELS.title} hint="Shown in the library." />
        <TextField
          meta={fields.id}
          label={LABELS.id}
          hint="Lowercase letters, digits and single hyphens, starting with a letter, like before-the-review."
          spellCheck={false}
        />
        <TextAreaField
          meta={fields.summary}
          label={LABELS.summary}
          hint="One or two sentences on what the learner will practise."
          rows={3}
        />
        <CheckboxGroup
          meta={fields.audience}
          legend={LABELS.audience}
          hint="At least one."
          options={practitionerRoles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          selected={audience}
        />
        <CheckboxGroup
          meta={fields.skills}
          legend={LABELS.skills}
          hint="At least one."
          options={skillOptions}
          selected={chosenSkills}
        />
        <TextField meta={fields.minutes} label={LABELS.minutes} hint="A whole number from 1 to 120." />
        <SelectField
          meta={fields.medium}
          label={LABELS.medium}
          hint="Optional."
          placeholder="Not said"
          options={conversationMedia.map((medium) => ({ value: medium, label: MEDIUM_LABELS[medium] }))}
        />
        <SelectField
          meta={fields.coachNotes}
          label={LABELS.coachNotes}
          options={coachNoteTimings.map((timing) => ({ value: timing, label: TIMING_LABELS[timing] }))}
        />
        <TextAreaField
          meta={fields.contentNotes}
          label={LABELS.contentNotes}
          hint="Warnings about upsetting content, shown before starting. One per line; leave empty for none."
          rows={3}
        />
        <SelectField
          meta={fields.start}
          label={LABELS.start}
          hint={
            nodes.length
              ? "Where the conversation starts."
              : "Add a node first; the first node you add becomes the start."
          }
          options={startOptions}
        />
        <div className="actions">
          <button type="submit" className="button">
            Save the details
          </button>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Details: ${data.draft.title}` : "Details"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
