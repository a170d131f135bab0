import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { wholeNumber } from "~/domain/form-fields";
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { ErrorSummary, TextField, UnclaimedProblems } from "~/components/forms";
import { londonMonth } from "~/domain/london-time";
import { FRAMEWORK_IDS, FRAMEWORKS } from "~/domain/reflection";
import { MAX_REQUIRED_APPROVALS, MIN_REQUIRED_APPROVALS } from "~/domain/scenario/review";
import { organisationFramework } from "~/models/reflection.server";
import {
  aiRunsBetween,
  aiTokensUsed,
  getAiSettings,
  getRequiredApprovals,
  setAiSettings,
  setOrganisationFramework,
  setRequiredApprovals,
} from "~/models/organisation.server";
import { formatDateTime } from "~/domain/format";
import { aiAvailability } from "~/services/ai.server";
import { recordAudit } from "~/services/audit.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";

const FrameworkSchema = z.object({
  intent: z.literal("framework"),
  reflectionFramework: z.enum(FRAMEWORK_IDS, { error: "Choose one of the reflective models offered." }),
});

const AiSchema = z.object({
  intent: z.literal("ai"),
  aiRoleplayEnabled: z.literal("on").optional(),
  aiMonthlyTokenBudget: wholeNumber("the monthly allowance", 1_000, 100_000_000),
  transcriptRetentionDays: wholeNumber("the number of days", 1, 365),
});

const StudioSchema = z.object({
  intent: z.literal("studio"),
  requiredApprovals: wholeNumber("the number of approvals", MIN_REQUIRED_APPROVALS, MAX_REQUIRED_APPROVALS),
});

const SettingsSchema = z.discriminatedUnion("intent", [FrameworkSchema, AiSchema, StudioSchema], {
  error: "This form was not recognised. Reload the page and try again.",
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const now = new Date();
  const month = londonMonth(now);
  const [reflectionFramework, ai, used, runs, requiredApprovals] = await Promise.all([
    organisationFramework(admin.organisation.id),
    getAiSettings(admin.organisation.id),
    aiTokensUsed(admin.organisation.id, month.start, month.end),
    aiRunsBetween(admin.organisation.id, month.start, month.end),
    getRequiredApprovals(admin.organisation.id),
  ]);
  return {
    reflectionFramework,
    ai,
    used,
    runs,
    requiredApprovals,
    monthLabel: month.label,
    provider: aiAvailability(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const formData = await readFormData(request);
  // The model form predates intents: a post without one is that form.
  if (!formData.has("intent")) formData.set("intent", "framework");
  const submission = parseWithZod(formData, { schema: SettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  let detail: Record<string, string | number | boolean>;
  if (value.intent === "framework") {
    await setOrganisationFramework(admin.organisation.id, value.reflectionFramework);
    detail = { reflectionFramework: value.reflectionFramework };
  } else if (value.intent === "studio") {
    await setRequiredApprovals(admin.organisation.id, value.requiredApprovals);
    detail = { requiredApprovals: value.requiredApprovals };
  } else {
    detail = {
      aiRoleplayEnabled: value.aiRoleplayEnabled === "on",
      aiMonthlyTokenBudget: value.aiMonthlyTokenBudget,
      transcriptRetentionDays: value.transcriptRetentionDays,
    };
    await setAiSettings(admin.organisation.id, {
      aiRoleplayEnabled: value.aiRoleplayEnabled === "on",
      aiMonthlyTokenBudget: value.aiMonthlyTokenBudget,
      transcriptRetentionDays: value.transcriptRetentionDays,
    });
  }
  await recordAudit({
    type: "settings.changed",
    organisationId: admin.organisation.id,
    actorId: admin.id,
    ipAddress: clientAddress(context),
    detail,
  });
  throw redirect("/admin/settings", {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "Settings saved." }) },
  });
}

export default function Settings() {
  const { reflectionFramework, ai, used, runs, monthLabel, provider, requiredApprovals } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const aiResult = lastResult?.initialValue?.intent === "ai" ? lastResult : undefined;
  const studioResult = lastResult?.initialValue?.intent === "studio" ? lastResult : undefined;
  return (
    <div className="stack">
      <h1>Settings</h1>
      <UnclaimedProblems result={lastResult} claimed={Boolean(aiResult) || Boolean(studioResult)} />
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value="framework" />
        <fieldset className="field">
          <legend>The reflective model offered first</legend>
          <span className="hint">People can still choose the other one when they start a reflection.</span>
          {FRAMEWORK_IDS.map((id) => (
            <div className="choice" key={id}>
              <input
                type="radio"
                id={`framework-${id}`}
                name="reflectionFramework"
                value={id}
                defaultChecked={id === reflectionFramework}
                aria-describedby={`framework-${id}-hint`}
              />
              <label htmlFor={`framework-${id}`}>
                {FRAMEWORKS[id].label}
                <span id={`framework-${id}-hint`} className="hint">
                  {FRAMEWORKS[id].description}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Save settings
        </button>
      </Form>
      <StudioSettingsForm requiredApprovals={requiredApprovals} lastResult={studioResult} />
      <AiSettingsForm ai={ai} used={used} monthLabel={monthLabel} provider={provider} lastResult={aiResult} />
      {runs.length > 0 ? (
        <section aria-labelledby="ai-runs-heading" className="stack">
          <h2 id="ai-runs-heading">Conversations in {monthLabel}</h2>
          <p className="hint">What the allowance went on, per conversation. Who practised is not shown here.</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Conversation</th>
                  <th scope="col">Tokens sent</th>
                  <th scope="col">Tokens received</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td>{formatDateTime(run.startedAt)}</td>
                    <td>{run.title}</td>
                    <td>{run.tokensIn.toLocaleString("en-GB")}</td>
                    <td>{run.tokensOut.toLocaleString("en-GB")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function AiSettingsForm({
  ai,
  used,
  monthLabel,
  provider,
  lastResult,
}: {
  ai: { aiRoleplayEnabled: boolean; aiMonthlyTokenBudget: number; transcriptRetentionDays: number };
  used: { in: number; out: number; runs: number };
  monthLabel: string;
  provider: "ready" | "off";
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<{
    aiRoleplayEnabled: string;
    aiMonthlyTokenBudget: string;
    transcriptRetentionDays: string;
  }>({
    id: "ai-settings",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      aiRoleplayEnabled: ai.aiRoleplayEnabled ? "on" : "",
      aiMonthlyTokenBudget: String(ai.aiMonthlyTokenBudget),
      transcriptRetentionDays: String(ai.transcriptRetentionDays),
    },
  });
  const total = used.in + used.out;
  const labels = {
    aiRoleplayEnabled: "Practising in your own words",
    aiMonthlyTokenBudget: "Monthly allowance, in tokens",
    transcriptRetentionDays: "Keep transcripts for (days)",
  };
  return (
    <section aria-labelledby="ai-heading" className="panel stack">
      <h2 id="ai-heading">Practising in your own words</h2>
      <p>
        An AI model plays the parent and the practitioner answers in their own words. What they type is stripped of
        names, contact details and identifiers before it is sent, and the provider is asked not to keep it.
      </p>
      {provider === "off" ? (
        <p className="notice">
          No AI provider is set up on this server, so this stays unavailable whatever is chosen here. Whoever runs
          Heartwork sets <code>OPENAI_API_KEY</code> (see the README) to make it available.
        </p>
      ) : null}
      <p>
        Used in {monthLabel}: {total.toLocaleString("en-GB")} of {ai.aiMonthlyTokenBudget.toLocaleString("en-GB")}{" "}
        tokens ({used.in.toLocaleString("en-GB")} sent, {used.out.toLocaleString("en-GB")} received) over {used.runs}{" "}
        {used.runs === 1 ? "conversation" : "conversations"}.
      </p>
      <ErrorSummary form={form} fields={fields} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="ai" />
        <div className="choice">
          <input {...getInputProps(fields.aiRoleplayEnabled, { type: "checkbox", value: "on" })} />
          <label htmlFor={fields.aiRoleplayEnabled.id}>
            Let people in this organisation practise in their own words
          </label>
        </div>
        <TextField
          meta={fields.aiMonthlyTokenBudget}
          label={labels.aiMonthlyTokenBudget}
          type="number"
          hint="When it is used up, people are offered the scripted version until the month ends."
        />
        <TextField
          meta={fields.transcriptRetentionDays}
          label={labels.transcriptRetentionDays}
          type="number"
          hint="Transcripts are deleted after this many days."
        />
        <button type="submit" className="button">
          Save
        </button>
      </Form>
    </section>
  );
}

function StudioSettingsForm({
  requiredApprovals,
  lastResult,
}: {
  requiredApprovals: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<{ requiredApprovals: string }>({
    id: "studio-settings",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { requiredApprovals: String(requiredApprovals) },
  });
  const labels = { requiredApprovals: "Reviewer approvals needed to publish" };
  return (
    <section aria-labelledby="studio-settings-heading" className="panel stack">
      <h2 id="studio-settings-heading">Publishing scenarios</h2>
      <p>
        Trainers send the scenarios they write to reviewers, the parent-carer representatives, before anyone practises
        them. Choose how many reviewers must approve a version before it can be published.
      </p>
      <ErrorSummary form={form} fields={fields} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="studio" />
        <TextField
          meta={fields.requiredApprovals}
          label={labels.requiredApprovals}
          type="number"
          hint={`From ${MIN_REQUIRED_APPROVALS} to ${MAX_REQUIRED_APPROVALS}. Approvals from trainers do not count towards this.`}
        />
        <button type="submit" className="button">
          Save the number of approvals
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Settings · Admin · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
