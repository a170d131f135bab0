import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, FieldError, TextAreaField, TextField } from "~/components/forms";
import { Label } from "~/components/ui/label";
import { importTwee } from "~/domain/scenario";
import { draftSkeleton, suggestSlug } from "~/domain/scenario/edit";
import { slug } from "~/domain/scenario/schema";
import { createDraft } from "~/models/scenario-draft.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

/** Larger than any scenario in the library by far; the whole form stays under the server's 2 MB. */
const SOURCE_LIMIT = 500 * 1024;
const FILE_TYPES = /\.(ya?ml|twee|tw)$/i;
const TWEE = /\.(twee|tw)$/i;
const LABELS = { file: "File to import", source: "Or paste the scenario's YAML" };
const BLANK_LABELS = { title: "Title", slug: "Scenario id" };

const blankSchema = z.object({
  intent: z.literal("start-from-nothing"),
  title: z
    .string({ error: `${BLANK_LABELS.title}: give the scenario a title.` })
    .trim()
    .min(1, { error: `${BLANK_LABELS.title}: give the scenario a title.` })
    .max(200, { error: `${BLANK_LABELS.title}: keep it under 200 characters.` }),
  slug: z
    .string()
    .max(80, { error: `${BLANK_LABELS.slug}: keep it under 80 characters.` })
    .pipe(slug)
    .optional(),
});

const importSchema = z
  .object({
    file: z
      .instanceof(File, { error: `${LABELS.file}: choose a file from your computer.` })
      .refine((file) => FILE_TYPES.test(file.name), {
        error: `${LABELS.file}: choose a .yaml, .yml, .twee or .tw file.`,
      })
      .refine((file) => file.size <= SOURCE_LIMIT, {
        error: `${LABELS.file}: the file is over 500 KB. A scenario file is far smaller: check it is the right file.`,
      })
      .optional(),
    source: z
      .string({ error: `${LABELS.source}: paste the YAML as text.` })
      .max(SOURCE_LIMIT, { error: `${LABELS.source}: this is over 500 KB. A scenario file is far smaller.` })
      .optional(),
  })
  .refine((value) => value.file || value.source, {
    error: "Choose a file to import, or paste the scenario's YAML.",
    path: ["source"],
  });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "write:scenario:any");
  return null;
}

/** The draft's YAML, and for a Twine file the report of what had no place in the format. */
async function draftSource(file: File | undefined, pasted: string | undefined) {
  if (!file) return { source: pasted ?? "", report: null };
  const text = await file.text();
  if (!TWEE.test(file.name)) return { source: text, report: null };
  const imported = importTwee(text);
  const notes = imported.notes.map((note) => `line ${note.line}: ${note.message}`);
  const report = notes.length
    ? `Imported from Twine. Left out, to redo by hand: ${notes.join("; ")}`.slice(0, 1500)
    : "Imported from Twine. Review every TODO and add the coach's notes.";
  return { source: imported.yaml, report };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "write:scenario:any");
  const formData = await readFormData(request);
  if (formData.get("intent") === "start-from-nothing") {
    const blank = parseWithZod(formData, { schema: blankSchema });
    if (blank.status !== "success") return data({ form: "blank", result: blank.reply() }, { status: 400 });
    const { title } = blank.value;
    const source = draftSkeleton(blank.value.slug ?? suggestSlug(title), title);
    const id = await createDraft({ organisationId: user.organisation.id, userId: user.id, source });
    throw redirect(`/studio/drafts/${id}`, {
      headers: {
        "Set-Cookie": await flashCookie({
          kind: "success",
          message: "Your draft is started. Fill in its details, people and nodes: the checker lists what is missing.",
        }),
      },
    });
  }
  const submission = parseWithZod(formData, { schema: importSchema });
  if (submission.status !== "success") return data({ form: "import", result: submission.reply() }, { status: 400 });
  const { source, report } = await draftSource(submission.value.file, submission.value.source);
  // Saved even when the checker complains: a draft may be unfinished, and nothing typed is lost.
  const id = await createDraft({ organisationId: user.organisation.id, userId: user.id, source });
  const message = report ?? "Your draft is saved. The checker's findings are listed below.";
  throw redirect(`/studio/drafts/${id}`, {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message }) },
  });
}

export default function NewDraft() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof importSchema>>({
    id: "import-draft",
    lastResult: actionData?.form === "import" ? actionData.result : undefined,
  });
  const [blankForm, blankFields] = useForm<z.input<typeof blankSchema>>({
    id: "start-from-nothing",
    lastResult: actionData?.form === "blank" ? actionData.result : undefined,
  });
  const fileErrorId = fields.file.errorId;
  const fileHasErrors = Boolean(fields.file.errors?.length);
  return (
    <div className="stack">
      <p>
        <Link to="/studio">Studio</Link>
      </p>
      <h1>Start a draft by importing a file</h1>
      <p className="lede">
        Upload a scenario file (YAML, or a Twine story in Twee 3), or paste the YAML. The draft is saved even if the
        checker finds problems, so you can fix them in the studio. Or <a href="#blank-heading">start from nothing</a>{" "}
        and build it in forms.
      </p>
      <ErrorSummary form={form} fields={fields} labels={LABELS} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <div className={fileHasErrors ? "field field--error" : "field"}>
          <Label htmlFor={fields.file.id}>{LABELS.file}</Label>
          <span id={`${fields.file.id}-hint`} className="hint">
            A .yaml or .yml file in the scenario format, or a .twee or .tw file from Twine. Up to 500 KB.
          </span>
          <FieldError id={fileErrorId} errors={fields.file.errors} />
          <input
            {...getInputProps(fields.file, { type: "file", ariaAttributes: false })}
            accept=".yaml,.yml,.twee,.tw"
            aria-invalid={fileHasErrors || undefined}
            aria-describedby={[`${fields.file.id}-hint`, fileHasErrors ? fileErrorId : ""].filter(Boolean).join(" ")}
          />
        </div>
        <TextAreaField
          meta={fields.source}
          label={LABELS.source}
          hint="Used when no file is chosen. Up to 500 KB."
          rows={16}
        />
        <div className="actions">
          <button type="submit" className="button">
            Save as a draft
          </button>
        </div>
      </Form>
      <section aria-labelledby="blank-heading" className="stack">
        <h2 id="blank-heading">Start from nothing</h2>
        <p>Build the scenario in forms, step by step, without writing any YAML.</p>
        <ErrorSummary form={blankForm} fields={blankFields} labels={BLANK_LABELS} />
        <Form method="post" {...getFormProps(blankForm)} className="stack">
          <input type="hidden" name="intent" value="start-from-nothing" />
          <TextField meta={blankFields.title} label={BLANK_LABELS.title} hint="Shown in the library." />
          <TextField
            meta={blankFields.slug}
            label={BLANK_LABELS.slug}
            hint="Optional: lowercase letters, digits and single hyphens, like before-the-review. Left empty, it is made from the title."
            spellCheck={false}
          />
          <div className="actions">
            <button type="submit" className="button">
              Start the draft
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Import a scenario · Studio · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
