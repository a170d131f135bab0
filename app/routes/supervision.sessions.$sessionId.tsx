import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SelectField, TextAreaField, TextField, UnclaimedProblems } from "~/components/forms";
import { Label } from "~/components/ui/label";
import { formatDate, formatDateTime } from "~/domain/format";
import { isLondonDate, londonWallClock } from "~/domain/london-time";
import { checkSchedule, findOverlaps } from "~/domain/supervision/schedule";
import {
  activeSessionsBetween,
  actionsAgreedAt,
  addAgendaItem,
  agendaOf,
  cancelSessions,
  confirmRecord,
  getSessionFor,
  moveSessions,
  openActionsBetween,
  plannedMoves,
  recordSession,
  sessionChanges,
  setActionDone,
  sharedReflectionsOf,
  type SessionForUser,
} from "~/models/supervision.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";

const NOTE_LIMIT = 10_000;
const ACTION_ROWS = 3;

const notes = (label: string) =>
  z
    .string()
    .max(
      NOTE_LIMIT,
      `Keep ${label} to ${NOTE_LIMIT.toLocaleString("en-GB")} characters or fewer. Nothing has been lost.`,
    )
    .optional();

const AgendaSchema = z.object({
  intent: z.literal("agenda"),
  text: z
    .string({ error: "Write what you would like to talk about." })
    .trim()
    .min(1, "Write what you would like to talk about.")
    .max(1000, "Keep an agenda item to 1,000 characters or fewer."),
  reflectionId: z.string().max(40, "That reflection was not recognised.").optional(),
});

const ActionDoneSchema = z.object({
  intent: z.literal("action-done"),
  actionId: z.string({ error: "That action was not recognised." }).max(40, "That action was not recognised."),
  done: z.enum(["yes", "no"], { error: "Say whether the action is done." }),
});

const Scope = z.enum(["one", "rest"], { error: "Choose this session only, or this and the rest of the series." });

const RescheduleSchema = z.object({
  intent: z.literal("reschedule"),
  start: z
    .string({ error: "Enter the new date and time." })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter the new date and time, like 2026-12-01 10:00."),
  location: z
    .string({ error: "Say where: a room or an online link." })
    .trim()
    .min(1, "Say where: a room or an online link.")
    .max(300, "Use 300 characters or fewer."),
  scope: Scope.optional(),
});

const CancelSchema = z.object({ intent: z.literal("cancel"), scope: Scope.optional() });

const ActionRow = z.object({
  text: z.string().trim().max(500, "Keep an action to 500 characters or fewer.").optional(),
  owner: z.enum(["supervisor", "supervisee"], { error: "Choose who owns the action." }).optional(),
  dueOn: z.string().optional(),
});

const RecordSchema = z
  .object({
    intent: z.literal("record"),
    heldMinutes: z.coerce
      .number({ error: "Enter how many minutes the session lasted." })
      .int("Enter whole minutes.")
      .min(5, "Enter at least 5 minutes.")
      .max(480, "Enter at most 480 minutes."),
    notesManagement: notes("the management notes"),
    notesSupport: notes("the support notes"),
    notesDevelopment: notes("the development notes"),
    notesMediation: notes("the mediation notes"),
    actions: z.array(ActionRow).max(ACTION_ROWS).optional(),
  })
  .superRefine((value, ctx) => {
    (value.actions ?? []).forEach((row, i) => {
      const touched = Boolean(row.text || row.dueOn || row.owner);
      if (!touched) return;
      if (!row.text)
        ctx.addIssue({ code: "custom", path: ["actions", i, "text"], message: "Write the action, or clear this row." });
      if (!row.owner)
        ctx.addIssue({ code: "custom", path: ["actions", i, "owner"], message: "Choose who owns the action." });
      if (!row.dueOn || !isLondonDate(row.dueOn)) {
        ctx.addIssue({ code: "custom", path: ["actions", i, "dueOn"], message: "Enter a due date like 2026-12-31." });
      }
    });
  });

const ConfirmSchema = z.object({
  intent: z.literal("confirm"),
  comment: z.string().max(2000, "Keep the comment to 2,000 characters or fewer. Nothing has been lost.").optional(),
});

const ActionSchema = z.discriminatedUnion(
  "intent",
  [AgendaSchema, ActionDoneSchema, RescheduleSchema, CancelSchema, RecordSchema, ConfirmSchema],
  { error: "This form was not recognised. Reload the page and try again." },
);

async function loadSession(request: Request, sessionId: string | undefined) {
  const user = await requireUserWithPermission(request, "read:supervision:own");
  const session = await getSessionFor(user.id, user.organisation.id, sessionId ?? "");
  if (!session) throw new Response("Not found", { status: 404 });
  return { user, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session } = await loadSession(request, params.sessionId);
  const [agenda, openActions, agreed, changes, reflections] = await Promise.all([
    agendaOf(session.id),
    openActionsBetween(session.supervisorId, session.superviseeId),
    actionsAgreedAt(session.id),
    sessionChanges(session.id),
    session.role === "supervisee" ? sharedReflectionsOf(user.id) : Promise.resolve([]),
  ]);
  const nameOf = (id: string) => (id === session.supervisorId ? session.supervisor.name : session.supervisee.name);
  return {
    session: {
      id: session.id,
      role: session.role,
      status: session.status,
      inSeries: session.seriesId !== null,
      startsAt: session.startsAt,
      startLocal: londonWallClock(session.startsAt),
      minutes: Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000),
      location: session.location,
      supervisor: session.supervisor.name,
      supervisee: session.supervisee.name,
      started: session.startsAt.getTime() <= Date.now(),
      heldMinutes: session.heldMinutes,
      recordedAt: session.recordedAt,
      confirmedAt: session.confirmedAt,
      superviseeComment: session.superviseeComment,
      notes: {
        management: session.notesManagement,
        support: session.notesSupport,
        development: session.notesDevelopment,
        mediation: session.notesMediation,
      },
    },
    agenda: agenda.map((item) => ({ ...item, author: nameOf(item.authorId) })),
    openActions: openActions.map((action) => ({ ...action, owner: nameOf(action.ownerId) })),
    agreed: agreed.map((action) => ({ ...action, owner: nameOf(action.ownerId) })),
    changes,
    reflections,
  };
}

function supervisorOnly(session: SessionForUser) {
  if (session.role !== "supervisor") {
    throw new Response("Only the supervisor can change this.", { status: 403, statusText: "Forbidden" });
  }
}

function back(session: { id: string }, message: string) {
  return async () =>
    redirect(`/supervision/sessions/${session.id}`, {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message }) },
    });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session } = await loadSession(request, params.sessionId);
  const submission = parseWithZod(await readFormData(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  switch (value.intent) {
    case "agenda": {
      const reflectionId = value.reflectionId || null;
      if (reflectionId) {
        // Only the supervisee brings a reflection, and only one they have shared.
        const shared = session.role === "supervisee" ? await sharedReflectionsOf(user.id) : [];
        if (!shared.some((reflection) => reflection.id === reflectionId)) {
          return data(
            submission.reply({ fieldErrors: { reflectionId: ["Choose one of the reflections you have shared."] } }),
            {
              status: 400,
            },
          );
        }
      }
      await addAgendaItem(session.id, user.id, value.text, reflectionId);
      throw await back(session, "Added to the agenda.")();
    }
    case "action-done": {
      if (!(await setActionDone(user.id, value.actionId, value.done === "yes")))
        throw new Response("Not found", { status: 404 });
      throw await back(session, value.done === "yes" ? "Marked as done." : "Marked as not done yet.")();
    }
    case "reschedule": {
      supervisorOnly(session);
      if (session.status !== "scheduled") {
        return data(submission.reply({ formErrors: ["Only a session still to happen can be moved."] }), {
          status: 400,
        });
      }
      const scope = session.seriesId ? (value.scope ?? "one") : "one";
      const length = session.endsAt.getTime() - session.startsAt.getTime();
      const problems = checkSchedule({ startLocal: value.start, durationMinutes: length / 60_000 }, new Date());
      if (problems.length > 0) {
        return data(submission.reply({ fieldErrors: { start: problems.map((problem) => problem.message) } }), {
          status: 400,
        });
      }
      const moves = await plannedMoves(session, value.start, scope);
      const others = (
        await activeSessionsBetween(
          [session.supervisorId, session.superviseeId],
          moves[0]!.startsAt,
          moves[moves.length - 1]!.endsAt,
        )
      ).filter((existing) => !moves.some((move) => move.id === existing.id));
      const clashes = findOverlaps(moves, others);
      if (clashes.length > 0) {
        const when = [...new Set(clashes.map((clash) => formatDateTime(moves[clash.proposedIndex]!.startsAt)))];
        return data(
          submission.reply({
            fieldErrors: {
              start: [`That overlaps another supervision session on ${when.join(", ")}. Nothing has been moved.`],
            },
          }),
          { status: 400 },
        );
      }
      await moveSessions(user.id, moves, value.location);
      throw await back(
        session,
        moves.length === 1 ? "The session has been moved." : `${moves.length} sessions have been moved.`,
      )();
    }
    case "cancel": {
      supervisorOnly(session);
      if (session.status !== "scheduled") {
        return data(submission.reply({ formErrors: ["Only a session still to happen can be cancelled."] }), {
          status: 400,
        });
      }
      const count = await cancelSessions(user.id, session, session.seriesId ? (value.scope ?? "one") : "one");
      throw await back(
        session,
        count === 1 ? "The session has been cancelled." : `${count} sessions have been cancelled.`,
      )();
    }
    case "record": {
      supervisorOnly(session);
      if (session.status === "cancelled" || session.startsAt.getTime() > Date.now()) {
        return data(
          submission.reply({ formErrors: ["A session can be recorded once it has started, unless it was cancelled."] }),
          {
            status: 400,
          },
        );
      }
      const rows = (value.actions ?? []).filter((row) => row.text && row.owner && row.dueOn);
      await recordSession(session, {
        heldMinutes: value.heldMinutes,
        notesManagement: value.notesManagement ?? "",
        notesSupport: value.notesSupport ?? "",
        notesDevelopment: value.notesDevelopment ?? "",
        notesMediation: value.notesMediation ?? "",
        actions: rows.map((row) => ({
          text: row.text!,
          dueOn: row.dueOn!,
          ownerId: row.owner === "supervisor" ? session.supervisorId : session.superviseeId,
        })),
      });
      throw await back(session, `Recorded. ${session.supervisee.name} is asked to confirm the record.`)();
    }
    case "confirm": {
      if (session.role !== "supervisee") {
        throw new Response("Only the supervisee confirms the record.", { status: 403, statusText: "Forbidden" });
      }
      if (session.status !== "held") {
        return data(submission.reply({ formErrors: ["There is no record to confirm yet."] }), { status: 400 });
      }
      await confirmRecord(session, value.comment?.trim() ?? "");
      throw await back(session, "Thank you: the record is confirmed.")();
    }
  }
}

const CHANGE_LABELS: Record<string, string> = {
  scheduled: "Booked",
  rescheduled: "Moved",
  cancelled: "Cancelled",
  recorded: "Recorded",
  confirmed: "Record confirmed",
};

type Reply = SubmissionResult<string[]> | undefined;

export default function SupervisionSession() {
  const { session, agenda, openActions, agreed, changes, reflections } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const intent = lastResult?.initialValue?.intent;
  const replyFor = (name: string): Reply => (intent === name ? lastResult : undefined);
  const other = session.role === "supervisor" ? session.supervisee : session.supervisor;
  const status =
    session.status === "cancelled"
      ? "Cancelled"
      : session.status === "scheduled"
        ? "Booked"
        : session.confirmedAt
          ? `Held and confirmed on ${formatDate(session.confirmedAt)}`
          : `Held: awaiting confirmation from ${session.supervisee}`;
  return (
    <div className="stack">
      <p>
        <Link to="/supervision">Back to supervision</Link>
      </p>
      <p className="eyebrow">Supervision with {other}</p>
      <h1>{formatDateTime(session.startsAt)}</h1>
      <p>
        {session.minutes} minutes · {session.location} · <strong>{status}</strong>
      </p>
      <p>
        <a href={`/supervision/sessions/${session.id}/calendar.ics`} download>
          Add to your calendar (.ics)
        </a>
      </p>
      <UnclaimedProblems
        result={lastResult}
        claimed={["agenda", "reschedule", "record", "confirm"].includes(String(intent))}
      />

      <section aria-labelledby="agenda-heading" className="panel stack">
        <h2 id="agenda-heading">Agenda</h2>
        {openActions.length > 0 ? (
          <>
            <h3>Open actions from before</h3>
            <ActionList actions={openActions} />
          </>
        ) : null}
        {agenda.length > 0 ? (
          <ul>
            {agenda.map((item) => (
              <li key={item.id}>
                {item.text} <span className="hint">({item.author})</span>
                {item.reflectionId ? (
                  <>
                    {" "}
                    {session.role === "supervisor" ? (
                      <Link to={`/supervision/shared/${item.reflectionId}`}>Read the shared reflection</Link>
                    ) : (
                      <Link to={`/journal/${item.reflectionId}`}>Your reflection</Link>
                    )}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Nothing added yet. Either of you can add something to talk about.</p>
        )}
        {session.status === "scheduled" ? (
          <AgendaForm reflections={reflections} lastResult={replyFor("agenda")} />
        ) : null}
      </section>

      {session.status === "held" ? (
        <section aria-labelledby="record-heading" className="panel stack">
          <h2 id="record-heading">The record</h2>
          <p>Held for {session.heldMinutes} minutes.</p>
          <dl className="record">
            {(
              [
                ["Management", session.notes.management],
                ["Support", session.notes.support],
                ["Development", session.notes.development],
                ["Mediation", session.notes.mediation],
              ] as const
            ).map(([label, text]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{text || "Nothing noted."}</dd>
              </div>
            ))}
          </dl>
          <h3>Actions agreed</h3>
          {agreed.length > 0 ? <ActionList actions={agreed} /> : <p>No actions were agreed.</p>}
          {session.superviseeComment ? (
            <p>
              <strong>{session.supervisee}&apos;s comment:</strong> {session.superviseeComment}
            </p>
          ) : null}
          {session.role === "supervisee" && !session.confirmedAt ? (
            <ConfirmForm lastResult={replyFor("confirm")} />
          ) : null}
        </section>
      ) : null}

      {session.role === "supervisor" && session.status !== "cancelled" && session.started ? (
        <RecordForm session={session} lastResult={replyFor("record")} />
      ) : null}

      {session.role === "supervisor" && session.status === "scheduled" ? (
        <section aria-labelledby="change-heading" className="panel stack">
          <h2 id="change-heading">Move or cancel</h2>
          <RescheduleForm session={session} lastResult={replyFor("reschedule")} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="cancel" />
            {session.inSeries ? <ScopeChoice name="cancel-scope" /> : null}
            <button type="submit" className="button button--secondary">
              Cancel {session.inSeries ? "" : "this session"}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="changes-heading" className="stack">
        <h2 id="changes-heading">Changes</h2>
        <ul>
          {changes.map((change) => (
            <li key={change.id}>
              {CHANGE_LABELS[change.kind] ?? change.kind} on {formatDateTime(change.at)}
              {change.detail ? `: ${change.detail}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ActionList({
  actions,
}: {
  actions: { id: string; text: string; dueOn: string; owner: string; doneAt?: string | Date | null }[];
}) {
  return (
    <ul className="actions-list">
      {actions.map((action) => (
        <li key={action.id}>
          {action.text}{" "}
          <span className="hint">
            ({action.owner}, due {formatDate(`${action.dueOn}T12:00:00Z`)})
          </span>{" "}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="action-done" />
            <input type="hidden" name="actionId" value={action.id} />
            <input type="hidden" name="done" value={action.doneAt ? "no" : "yes"} />
            <button type="submit" className="button button--small button--secondary">
              {action.doneAt ? "Mark as not done" : "Mark as done"}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

function AgendaForm({ reflections, lastResult }: { reflections: { id: string; title: string }[]; lastResult: Reply }) {
  const [form, fields] = useForm<{ text: string; reflectionId: string }>({
    id: "agenda",
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="agenda" />
      <ErrorSummary
        form={form}
        fields={fields}
        labels={{ text: "Add to the agenda", reflectionId: "Bring a reflection" }}
      />
      <TextAreaField meta={fields.text} label="Add to the agenda" rows={2} />
      {reflections.length > 0 ? (
        <SelectField
          meta={fields.reflectionId}
          label="Bring a reflection you have shared (optional)"
          placeholder="No reflection"
          options={reflections.map((reflection) => ({
            value: reflection.id,
            label: reflection.title || "Untitled reflection",
          }))}
        />
      ) : null}
      <button type="submit" className="button button--secondary">
        Add to the agenda
      </button>
    </Form>
  );
}

function ScopeChoice({ name }: { name: string }) {
  return (
    <fieldset>
      <legend>Which sessions?</legend>
      <div className="choice">
        <input type="radio" id={`${name}-one`} name="scope" value="one" defaultChecked />
        <Label htmlFor={`${name}-one`}>This session only</Label>
      </div>
      <div className="choice">
        <input type="radio" id={`${name}-rest`} name="scope" value="rest" />
        <Label htmlFor={`${name}-rest`}>This and the rest of the series</Label>
      </div>
    </fieldset>
  );
}

function RescheduleForm({
  session,
  lastResult,
}: {
  session: { startLocal: string; location: string; inSeries: boolean };
  lastResult: Reply;
}) {
  const [form, fields] = useForm<{ start: string; location: string }>({
    id: "reschedule",
    lastResult,
    defaultValue: { start: session.startLocal, location: session.location },
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="reschedule" />
      <ErrorSummary form={form} fields={fields} labels={{ start: "New start", location: "Where" }} />
      <TextField meta={fields.start} label="New start" type="datetime-local" hint="UK time." />
      <TextField meta={fields.location} label="Where" />
      {session.inSeries ? <ScopeChoice name="move-scope" /> : null}
      <button type="submit" className="button button--secondary">
        Move
      </button>
    </Form>
  );
}

type RecordShape = {
  heldMinutes: string;
  notesManagement: string;
  notesSupport: string;
  notesDevelopment: string;
  notesMediation: string;
  actions: { text: string; owner: string; dueOn: string }[];
};

function RecordForm({
  session,
  lastResult,
}: {
  session: {
    minutes: number;
    heldMinutes: number | null;
    notes: Record<"management" | "support" | "development" | "mediation", string>;
    supervisee: string;
  };
  lastResult: Reply;
}) {
  const [form, fields] = useForm<RecordShape>({
    id: "record",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      heldMinutes: String(session.heldMinutes ?? session.minutes),
      notesManagement: session.notes.management,
      notesSupport: session.notes.support,
      notesDevelopment: session.notes.development,
      notesMediation: session.notes.mediation,
      actions: Array.from({ length: ACTION_ROWS }, () => ({ text: "", owner: "", dueOn: "" })),
    },
  });
  const rows = fields.actions.getFieldList();
  const labels: Record<string, string> = {
    heldMinutes: "Minutes held",
    notesManagement: "Management",
    notesSupport: "Support",
    notesDevelopment: "Development",
    notesMediation: "Mediation",
  };
  rows.forEach((row, i) => {
    const parts = row.getFieldset();
    labels[parts.text.name] = `Action ${i + 1}`;
    labels[parts.owner.name] = `Action ${i + 1}: owner`;
    labels[parts.dueOn.name] = `Action ${i + 1}: due`;
  });
  const allFields = Object.fromEntries([
    ...Object.entries(fields).filter(([name]) => name !== "actions"),
    ...rows.flatMap((row) => Object.values(row.getFieldset()).map((meta) => [meta.name, meta] as const)),
  ]);
  return (
    <section aria-labelledby="record-form-heading" className="panel stack">
      <h2 id="record-form-heading">{session.heldMinutes === null ? "Record the session" : "Change the record"}</h2>
      <p className="hint">
        Notes under the four functions of supervision. {session.supervisee} is asked to confirm them.
      </p>
      <ErrorSummary form={form} fields={allFields} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="record" />
        <TextField meta={fields.heldMinutes} label={labels.heldMinutes!} type="number" />
        <TextAreaField
          meta={fields.notesManagement}
          label="Management"
          hint="Workload, priorities, procedures and accountability."
          rows={3}
        />
        <TextAreaField
          meta={fields.notesSupport}
          label="Support"
          hint="How they are, the emotional weight of the work."
          rows={3}
        />
        <TextAreaField
          meta={fields.notesDevelopment}
          label="Development"
          hint="Learning, skills, reflection on practice."
          rows={3}
        />
        <TextAreaField
          meta={fields.notesMediation}
          label="Mediation"
          hint="Links with the wider organisation and other agencies."
          rows={3}
        />
        <fieldset className="stack">
          <legend>Actions agreed (leave a row empty if not needed)</legend>
          {rows.map((row, i) => {
            const parts = row.getFieldset();
            return (
              <div className="action-row" key={row.key}>
                <TextField meta={parts.text} label={`Action ${i + 1}`} />
                <SelectField
                  meta={parts.owner}
                  label="Owner"
                  options={[
                    { value: "supervisee", label: session.supervisee },
                    { value: "supervisor", label: "You" },
                  ]}
                />
                <TextField meta={parts.dueOn} label="Due" type="date" />
              </div>
            );
          })}
        </fieldset>
        <button type="submit" className="button">
          Save the record
        </button>
      </Form>
    </section>
  );
}

function ConfirmForm({ lastResult }: { lastResult: Reply }) {
  const [form, fields] = useForm<{ comment: string }>({ id: "confirm", lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="confirm" />
      <ErrorSummary form={form} fields={fields} labels={{ comment: "A comment" }} />
      <TextAreaField
        meta={fields.comment}
        label="A comment (optional)"
        hint="Anything you would add or put differently."
        rows={3}
      />
      <button type="submit" className="button">
        Confirm the record
      </button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "Supervision session · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
