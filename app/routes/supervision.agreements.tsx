import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { wholeNumber } from "~/domain/form-fields";
import { ErrorSummary, TextField, UnclaimedProblems } from "~/components/forms";
import { listAgreementsBySupervisor, saveAgreement } from "~/models/supervision.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

const AgreementSchema = z.object({
  superviseeId: z.string({ error: "That person was not recognised." }).max(40, "That person was not recognised."),
  frequencyWeeks: wholeNumber("how many weeks apart", 1, 12),
  durationMinutes: wholeNumber("the length in minutes", 15, 240),
  location: z
    .string({ error: "Say where you usually meet: a room or an online link." })
    .trim()
    .min(1, "Say where you usually meet: a room or an online link.")
    .max(300, "Use 300 characters or fewer."),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const manager = await requireUserWithPermission(request, "read:team-dashboard:own-teams");
  const rows = await listAgreementsBySupervisor(manager.id, manager.organisation.id);
  return {
    rows: rows.map(({ person, agreement }) => ({
      person,
      agreement: agreement && {
        frequencyWeeks: agreement.frequencyWeeks,
        durationMinutes: agreement.durationMinutes,
        location: agreement.location,
      },
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const manager = await requireUserWithPermission(request, "read:team-dashboard:own-teams");
  const submission = parseWithZod(await readFormData(request), { schema: AgreementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { superviseeId, ...agreement } = submission.value;
  const outcome = await saveAgreement(manager.id, manager.organisation.id, superviseeId, agreement);
  if (outcome === "not-found") throw new Response("Not found", { status: 404 });
  throw redirect("/supervision/agreements", {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "The supervision agreement is saved." }) },
  });
}

export default function Agreements() {
  const { rows } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const answeredFor =
    typeof lastResult?.initialValue?.superviseeId === "string" ? lastResult.initialValue.superviseeId : null;
  return (
    <div className="stack">
      <p>
        <Link to="/supervision">Back to supervision</Link>
      </p>
      <h1>Supervision agreements</h1>
      <p className="lede">
        How often you meet each person you supervise, for how long and where. The team dashboard shows when supervision
        is overdue against it.
      </p>
      <UnclaimedProblems result={lastResult} claimed={rows.some((row) => row.person.id === answeredFor)} />
      {rows.length === 0 ? <p>Nobody is in a team you lead yet.</p> : null}
      {rows.map((row) => (
        <AgreementForm
          key={row.person.id}
          person={row.person}
          agreement={row.agreement}
          lastResult={answeredFor === row.person.id ? lastResult : undefined}
        />
      ))}
    </div>
  );
}

function AgreementForm({
  person,
  agreement,
  lastResult,
}: {
  person: { id: string; name: string };
  agreement: { frequencyWeeks: number; durationMinutes: number; location: string } | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<{ frequencyWeeks: string; durationMinutes: string; location: string }>({
    id: `agreement-${person.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      frequencyWeeks: String(agreement?.frequencyWeeks ?? 4),
      durationMinutes: String(agreement?.durationMinutes ?? 60),
      location: agreement?.location ?? "",
    },
  });
  const labels = { frequencyWeeks: "Every how many weeks", durationMinutes: "Length in minutes", location: "Where" };
  return (
    <section aria-labelledby={`${form.id}-heading`} className="panel stack">
      <h2 id={`${form.id}-heading`}>{person.name}</h2>
      <p className="hint">{agreement ? "Agreed." : "No agreement yet."}</p>
      <ErrorSummary form={form} fields={fields} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="superviseeId" value={person.id} />
        <TextField meta={fields.frequencyWeeks} label={labels.frequencyWeeks} type="number" />
        <TextField meta={fields.durationMinutes} label={labels.durationMinutes} type="number" />
        <TextField meta={fields.location} label={labels.location} hint="A room, or an online meeting link." />
        <button type="submit" className="button button--secondary">
          Save the agreement with {person.name}
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Supervision agreements · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
