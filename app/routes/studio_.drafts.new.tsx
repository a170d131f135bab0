import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, FieldError, TextAreaField } from "~/components/forms";
import { Label } from "~/components/ui/label";
import { importTwee } from "~/domain/scenario";
import { createDraft } from "~/models/scenario-draft.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

/** Larger than any scenario in the library by far; the whole form stays under the server's 2 MB. */
const SOURCE_LIMIT = 500 * 1024;
const FILE_TYPES = /\.(ya?ml|twee|tw)$/i;
const TWEE = /\.(twee|tw)$/i;
const LABELS = { file: "File to import", source: "Or paste the scenario's YAML" };

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
  const submission = parseWithZod(formData, { schema: importSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
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
  const [form, fields] = useForm<z.input<typeof importSchema>>({ id: "import-draft", lastResult: actionData?.result });
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
        checker finds problems, so you can fix them in the studio.
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
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Import a scenario · Studio · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
