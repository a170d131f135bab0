import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { TextAreaField, TextField, UnclaimedProblems, ErrorSummary } from "~/components/forms";
import { readLocalDraft, removeLocalDraft, textValues, writeLocalDraft } from "~/components/local-drafts";
import { formatDateTime } from "~/domain/format";
import {
  answersFor,
  FRAMEWORKS,
  REFLECTION_FIELD_LIMIT,
  reflectionSaveSchema,
  type FrameworkId,
} from "~/domain/reflection";
import { getOwnReflection, saveReflection, setShared, supervisorsOf } from "~/models/reflection.server";
import { getOptionalUser, requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { forgetHeldReflection, heldReflectionFields, holdReflectionForSignIn } from "~/services/held-submission.server";

const AUTOSAVE_MS = 4_000;

function actionSchema(framework: FrameworkId) {
  return z.discriminatedUnion(
    "intent",
    [
      reflectionSaveSchema(framework),
      z.object({ intent: z.literal("share") }),
      z.object({ intent: z.literal("unshare") }),
    ],
    { error: "This form was not recognised. Reload the page and try again." },
  );
}

async function loadOwn(request: Request, id: string | undefined) {
  const user = await requireUserWithPermission(request, "read:journal:own");
  const reflection = id && id.length <= 40 ? await getOwnReflection(user.id, id) : null;
  if (!reflection) throw new Response("Not found", { status: 404 });
  return { user, reflection };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, reflection } = await loadOwn(request, params.reflectionId);
  // Text kept from a timed-out session that could not be saved as it was: shown here to fix.
  const held = await heldReflectionFields(user.id, reflection.id);
  return {
    held: held ? parseWithZod(held, { schema: reflectionSaveSchema(reflection.framework) }).reply() : null,
    id: reflection.id,
    title: reflection.title,
    framework: { id: reflection.framework, label: FRAMEWORKS[reflection.framework].label },
    prompts: reflection.prompts,
    answers: reflection.answers,
    sharedAt: reflection.sharedAt,
    updatedAt: reflection.updatedAt,
    run: reflection.run ? { id: reflection.run.id, title: reflection.run.scenarioVersion.scenario.title } : null,
    supervisors: await supervisorsOf(user.id),
    limit: REFLECTION_FIELD_LIMIT,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  // Signed out while writing: keep the text for them rather than lose it at the sign-in page.
  if (!(await getOptionalUser(request))) await holdReflectionForSignIn(request, params.reflectionId ?? "", formData);
  const { user, reflection } = await loadOwn(request, params.reflectionId);
  const submission = parseWithZod(formData, { schema: actionSchema(reflection.framework) });
  if (submission.status !== "success") return data({ result: submission.reply(), savedAt: null }, { status: 400 });
  const value = submission.value;
  if (value.intent === "share" || value.intent === "unshare") {
    await setShared(user.id, reflection.id, value.intent === "share");
    const message =
      value.intent === "share"
        ? "Shared with your supervisor. You can stop sharing at any time."
        : "This reflection is private again. Only you can read it.";
    throw redirect(`/journal/${reflection.id}`, {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message }) },
    });
  }
  const answers = (value.answer ?? {}) as Record<string, string | undefined>;
  await saveReflection(user.id, reflection.id, {
    title: value.title ?? "",
    answers: answersFor(reflection.framework, answers),
  });
  await forgetHeldReflection(user.id, reflection.id);
  // Autosave (a fetcher) wants to know when; a plain form post goes back to the page.
  if (value.autosave) return { result: null, savedAt: new Date() };
  throw redirect(`/journal/${reflection.id}`, {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "Your reflection is saved." }) },
  });
}

/**
 * Keeps a copy in this browser while someone writes, and puts it back if the
 * page loads with older text (a session that timed out before the server had it).
 */
function useLocalCopy(
  formRef: React.RefObject<HTMLFormElement | null>,
  reflection: { id: string; updatedAt: string | Date; title: string; answers: Record<string, string> },
  onRestore: () => void,
) {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const form = formRef.current;
    const draft = readLocalDraft(reflection.id);
    if (!form || !draft) return;
    const server: Record<string, string> = { title: reflection.title };
    for (const [id, text] of Object.entries(reflection.answers)) server[`answer.${id}`] = text;
    const differs = Object.entries(draft.values).some(([name, value]) => (server[name] ?? "") !== value);
    if (!differs || draft.savedAt <= new Date(reflection.updatedAt).getTime()) {
      removeLocalDraft(reflection.id);
      return;
    }
    for (const [name, value] of Object.entries(draft.values)) {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = value;
    }
    setRestored(true);
    onRestore();
    // Only on arrival: afterwards the page itself is the newest copy.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reflection.id]);
  return {
    restored,
    remember: () => {
      if (formRef.current) writeLocalDraft(reflection.id, textValues(formRef.current));
    },
  };
}

/** Saves the draft every few seconds while someone is writing, when JavaScript is available. */
function useAutosave(formRef: React.RefObject<HTMLFormElement | null>) {
  const fetcher = useFetcher<typeof action>();
  const dirty = useRef(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useEffect(() => {
    const timer = window.setInterval(() => {
      const form = formRef.current;
      if (!form || !dirty.current || fetcher.state !== "idle") return;
      dirty.current = false;
      const formData = new FormData(form);
      formData.set("intent", "save");
      formData.set("autosave", "1");
      fetcher.submit(formData, { method: "post" });
    }, AUTOSAVE_MS);
    return () => window.clearInterval(timer);
  }, [fetcher, formRef]);
  useEffect(() => {
    if (fetcher.data?.savedAt) setSavedAt(formatDateTime(fetcher.data.savedAt));
  }, [fetcher.data]);
  return { markDirty: () => (dirty.current = true), savedAt, failed: fetcher.data?.result?.status === "error" };
}

export default function ReflectionPage() {
  const reflection = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result ?? reflection.held ?? undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave(formRef);
  const localCopy = useLocalCopy(formRef, reflection, autosave.markDirty);
  const onInput = () => {
    autosave.markDirty();
    localCopy.remember();
  };
  const [form, fields] = useForm({
    id: "reflection",
    lastResult: lastResult?.initialValue?.intent === "save" ? lastResult : undefined,
    defaultValue: { title: reflection.title, answer: reflection.answers },
  });
  const answerFields = fields.answer.getFieldset();
  const summaryFields = {
    title: fields.title,
    ...Object.fromEntries(Object.entries(answerFields).map(([id, meta]) => [`answer.${id}`, meta])),
  };
  const summaryLabels = {
    title: "Title",
    ...Object.fromEntries(reflection.prompts.map((prompt) => [`answer.${prompt.id}`, prompt.label])),
  };
  return (
    <div className="stack">
      <p>
        <Link to="/journal">Back to your journal</Link>
      </p>
      <h1>{reflection.title || "Your reflection"}</h1>
      <p className="hint">
        {reflection.framework.label}
        {reflection.run ? (
          <>
            {" "}
            · on <Link to={`/practise/runs/${reflection.run.id}/debrief`}>{reflection.run.title}</Link>
          </>
        ) : null}
      </p>
      <section
        className={reflection.sharedAt ? "sharing sharing--shared" : "sharing"}
        aria-labelledby="sharing-heading"
      >
        <h2 id="sharing-heading">{reflection.sharedAt ? "Shared with your supervisor" : "Private"}</h2>
        <p>
          {reflection.sharedAt
            ? `${reflection.supervisors.length ? reflection.supervisors.join(" and ") : "Your supervisor"} can read this reflection, shared on ${formatDateTime(reflection.sharedAt)}.`
            : "Only you can read this reflection. Nobody else can, administrators included."}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value={reflection.sharedAt ? "unshare" : "share"} />
          <button type="submit" className="button button--secondary">
            {reflection.sharedAt ? "Stop sharing" : "Share with my supervisor"}
          </button>
        </Form>
      </section>
      {localCopy.restored ? (
        <div className="notice" role="status">
          <p>We put back what you were writing before your session ended. It is being saved now.</p>
        </div>
      ) : null}
      {reflection.held && !actionData ? (
        <div className="notice" role="status">
          <p>
            This is what you wrote before you were signed out. It could not be saved as it was: check the problems
            below, then save.
          </p>
        </div>
      ) : null}
      <UnclaimedProblems result={lastResult} claimed={lastResult?.initialValue?.intent === "save"} />
      <ErrorSummary form={form} fields={summaryFields} labels={summaryLabels} />
      <Form method="post" {...getFormProps(form)} ref={formRef} onInput={onInput}>
        <TextField meta={fields.title} label="Title (optional)" autoComplete="off" />
        {reflection.prompts.map((prompt) => {
          const meta = answerFields[prompt.id as keyof typeof answerFields];
          return meta ? (
            <TextAreaField
              key={prompt.id}
              meta={meta}
              label={prompt.label}
              hint={`${prompt.hint} Up to ${reflection.limit.toLocaleString("en-GB")} characters.`}
            />
          ) : null;
        })}
        <div className="actions">
          <button type="submit" name="intent" value="save" className="button">
            Save
          </button>
          <p role="status" className="hint">
            {autosave.failed
              ? "Your draft could not be saved automatically: press Save to see why."
              : autosave.savedAt
                ? `Draft saved at ${autosave.savedAt}.`
                : `Last saved ${formatDateTime(reflection.updatedAt)}.`}
          </p>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Reflection · Journal · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
