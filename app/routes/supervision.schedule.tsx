import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { wholeNumber } from "~/domain/form-fields";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { formatDateTime } from "~/domain/format";
import { checkSchedule, findOverlaps, occurrences, ruleText, type Recurrence } from "~/domain/supervision/schedule";
import { activeSessionsBetween, createSessions, isSupervisorOf, superviseesOf } from "~/models/supervision.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

export const ScheduleSchema = z
  .object({
    superviseeId: z.string({ error: "Choose who the supervision is with." }).max(40, "Choose someone from the list."),
    start: z
      .string({ error: "Enter the date and time it starts." })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter the date and time it starts, like 2026-12-01 10:00."),
    durationMinutes: wholeNumber("the length in minutes", 15, 240),
    location: z
      .string({ error: "Say where: a room or an online link." })
      .trim()
      .min(1, "Say where: a room or an online link.")
      .max(300, "Use 300 characters or fewer."),
    repeat: z.enum(["none", "weekly", "monthly"], { error: "Choose whether it repeats." }),
    interval: wholeNumber("how often it repeats", 1, 12).optional(),
    count: wholeNumber("the number of sessions", 1, 60).optional(),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the last date like 2027-06-30.")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.repeat !== "none" && value.count === undefined && value.until === undefined) {
      ctx.addIssue({ code: "custom", path: ["count"], message: "Say how many sessions, or the last date." });
    }
  });

function recurrenceOf(value: z.output<typeof ScheduleSchema>): Recurrence | undefined {
  if (value.repeat === "none") return undefined;
  return {
    frequency: value.repeat,
    interval: value.interval ?? 1,
    ...(value.count !== undefined ? { count: value.count } : {}),
    ...(value.until !== undefined ? { until: value.until } : {}),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const manager = await requireUserWithPermission(request, "read:team-dashboard:own-teams");
  const people = await superviseesOf(manager.id, manager.organisation.id);
  const chosen = new URL(request.url).searchParams.get("with");
  return { people, chosen: people.some((person) => person.id === chosen) ? chosen : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const manager = await requireUserWithPermission(request, "read:team-dashboard:own-teams");
  const submission = parseWithZod(await readFormData(request), { schema: ScheduleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const person = await isSupervisorOf(manager.id, value.superviseeId, manager.organisation.id);
  // Someone outside the manager's teams is not theirs to see.
  if (!person) throw new Response("Not found", { status: 404 });

  const recurrence = recurrenceOf(value);
  const now = new Date();
  const problems = checkSchedule({ startLocal: value.start, durationMinutes: value.durationMinutes, recurrence }, now);
  if (problems.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const problem of problems)
      (fieldErrors[problem.field === "duration" ? "durationMinutes" : problem.field] ??= []).push(problem.message);
    return data(submission.reply({ fieldErrors }), { status: 400 });
  }
  const starts = recurrence
    ? occurrences(value.start, recurrence)
    : occurrences(value.start, { frequency: "weekly", interval: 1, count: 1 });
  const length = value.durationMinutes * 60_000;
  const proposed = starts.map((startsAt) => ({ startsAt, endsAt: new Date(startsAt.getTime() + length) }));
  const existing = await activeSessionsBetween(
    [manager.id, person.id],
    proposed[0]!.startsAt,
    proposed[proposed.length - 1]!.endsAt,
  );
  const clashes = findOverlaps(proposed, existing);
  if (clashes.length > 0) {
    const when = clashes.map((clash) => formatDateTime(proposed[clash.proposedIndex]!.startsAt));
    const message = `This overlaps another supervision session for you or ${person.name} on ${[...new Set(when)].join(", ")}. Choose another time; nothing has been saved.`;
    return data(submission.reply({ fieldErrors: { start: [message] } }), { status: 400 });
  }
  const ids = await createSessions({
    organisationId: manager.organisation.id,
    supervisorId: manager.id,
    superviseeId: person.id,
    durationMinutes: value.durationMinutes,
    location: value.location,
    starts,
    ...(recurrence ? { series: { rule: ruleText(recurrence), firstStartLocal: value.start } } : {}),
  });
  const message =
    ids.length === 1
      ? `Supervision with ${person.name} is booked for ${formatDateTime(starts[0]!)}.`
      : `${ids.length} supervision sessions with ${person.name} are booked, starting ${formatDateTime(starts[0]!)}.`;
  throw redirect(`/supervision/sessions/${ids[0]}`, {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message }) },
  });
}

export default function ScheduleSupervision() {
  const { people, chosen } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const labels = {
    superviseeId: "Who with",
    start: "Starts",
    durationMinutes: "Length in minutes",
    location: "Where",
    repeat: "Repeats",
    interval: "Every",
    count: "Number of sessions",
    until: "Last date",
  };
  const [form, fields] = useForm<Record<keyof typeof labels, string>>({
    id: "schedule",
    lastResult,
    defaultValue: { superviseeId: chosen ?? "", durationMinutes: "60", repeat: "none", interval: "1" },
    shouldValidate: "onSubmit",
  });

  return (
    <div className="stack">
      <p>
        <Link to="/supervision">Back to supervision</Link>
      </p>
      <h1>Schedule supervision</h1>
      {people.length === 0 ? (
        <p>Nobody is in a team you lead yet. An admin can add people to your team.</p>
      ) : (
        <>
          <ErrorSummary form={form} fields={fields} labels={labels} />
          <Form method="post" {...getFormProps(form)} className="panel stack">
            <SelectField
              meta={fields.superviseeId}
              label={labels.superviseeId}
              options={people.map((person) => ({ value: person.id, label: person.name }))}
            />
            <TextField
              meta={fields.start}
              label={labels.start}
              type="datetime-local"
              hint="UK time. For a series, this is the first session."
            />
            <TextField meta={fields.durationMinutes} label={labels.durationMinutes} type="number" />
            <TextField meta={fields.location} label={labels.location} hint="A room, or an online meeting link." />
            <SelectField
              meta={fields.repeat}
              label={labels.repeat}
              placeholder="Choose…"
              options={[
                { value: "none", label: "Does not repeat" },
                { value: "weekly", label: "Weekly" },
                { value: "monthly", label: "Monthly, on the same date" },
              ]}
            />
            <fieldset className="stack">
              <legend>If it repeats</legend>
              <TextField
                meta={fields.interval}
                label={labels.interval}
                type="number"
                hint="1 for every week or month, 2 for every other, and so on."
              />
              <TextField meta={fields.count} label={labels.count} type="number" hint="Or give a last date instead." />
              <TextField meta={fields.until} label={labels.until} type="date" />
            </fieldset>
            <button type="submit" className="button">
              Book supervision
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Schedule supervision · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
