import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RECOMMENDATION_NOTE_HINT, RecommendationNote } from "~/domain/suggestions";
import { ConfidenceFieldset } from "~/components/confidence-fieldset";
import { ErrorSummary, SelectField, TextAreaField, UnclaimedProblems } from "~/components/forms";
import { OptionalConfidenceRating } from "~/domain/confidence";
import { getLatestPractisableVersion, startRun } from "~/models/practice-run.server";
import { hasPermission } from "~/domain/roles";
import { recommendScenario } from "~/models/recommendation.server";
import { startOwnWordsRun } from "~/models/roleplay.server";
import { membersLedBy } from "~/models/team.server";
import { ownWordsAvailability } from "~/services/roleplay.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const StartSchema = z.object({ intent: z.literal("start"), confidenceBefore: OptionalConfidenceRating });

const RecommendSchema = z.object({
  intent: z.literal("recommend"),
  toUserId: z.string({ error: "Choose who to recommend it to." }).max(40, "Choose someone from the list."),
  note: RecommendationNote,
});

const OwnWordsSchema = z.object({ intent: z.literal("own-words") });

const ActionSchema = z.discriminatedUnion("intent", [StartSchema, RecommendSchema, OwnWordsSchema], {
  error: "This form was not recognised. Reload the page and try again.",
});

async function loadScenario(organisationId: string, slug: string | undefined) {
  const version = slug && slug.length <= 80 ? await getLatestPractisableVersion(organisationId, slug) : null;
  if (!version) throw new Response("Not found", { status: 404 });
  return version;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const { scenario } = await loadScenario(user.organisation.id, params.slug);
  const skills = await skillVocabulary();
  const canRecommend = hasPermission(user.roles, "write:recommendation:own-teams");
  const teamMembers = canRecommend ? await membersLedBy(user.id, user.organisation.id) : [];
  // From a person's coaching timeline: that person is chosen already.
  const to = new URL(request.url).searchParams.get("to");
  const ownWords = await ownWordsAvailability(user.organisation.id, scenario, new Date());
  return {
    ownWords: ownWords.available
      ? { available: true as const }
      : { available: false as const, message: ownWords.message },
    teamMembers,
    recommendTo: teamMembers.some((member) => member.id === to) ? to : null,
    slug: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    minutes: scenario.minutes,
    contentNotes: scenario.contentNotes,
    personas: scenario.personas.map((persona) => ({ name: persona.name, relationship: persona.relationship })),
    skills: scenario.skills.map((skill) => skills.get(skill)?.label ?? skill),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const version = await loadScenario(user.organisation.id, params.slug);
  const formData = await readFormData(request);
  // The start form predates intents: a post without one starts a run.
  if (!formData.has("intent")) formData.set("intent", "start");
  if (formData.get("intent") === "recommend" && !hasPermission(user.roles, "write:recommendation:own-teams")) {
    throw new Response("You do not have access to this page.", { status: 403, statusText: "Forbidden" });
  }
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  if (value.intent === "recommend") {
    const outcome = await recommendScenario({
      managerId: user.id,
      organisationId: user.organisation.id,
      toUserId: value.toUserId,
      scenarioSlug: version.scenario.id,
      note: value.note?.trim() ?? "",
    });
    // Someone outside the manager's teams is not theirs to see: the same answer as no such person.
    if (outcome.status === "not-found") throw new Response("Not found", { status: 404 });
    const message = `Recommended to ${outcome.name}. It is suggested to them when they next open Practise.`;
    throw redirect(`/practise/${version.scenario.id}`, {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message }) },
    });
  }
  if (value.intent === "own-words") {
    const availability = await ownWordsAvailability(user.organisation.id, version.scenario, new Date());
    if (!availability.available) return data(submission.reply({ formErrors: [availability.message] }), { status: 400 });
    const ownRun = await startOwnWordsRun({
      userId: user.id,
      organisationId: user.organisation.id,
      versionId: version.id,
      scenario: version.scenario,
      confidenceBefore: null,
    });
    throw redirect(`/practise/own/${ownRun}`);
  }
  const runId = await startRun({
    userId: user.id,
    organisationId: user.organisation.id,
    versionId: version.id,
    scenario: version.scenario,
    confidenceBefore: value.confidenceBefore ?? null,
  });
  throw redirect(`/practise/runs/${runId}`);
}

export default function ScenarioIntro() {
  const scenario = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const startResult = lastResult?.initialValue?.intent === "start" ? lastResult : undefined;
  const errors = startResult?.error?.confidenceBefore ?? undefined;
  return (
    <div className="stack">
      <p>
        <Link to="/practise">All conversations</Link>
      </p>
      <h1>{scenario.title}</h1>
      <p className="lede">{scenario.summary}</p>
      <p>
        About {scenario.minutes} minutes. You will talk with{" "}
        {scenario.personas.map((persona) => `${persona.name} (${persona.relationship})`).join(" and ")}.
      </p>
      <p>
        {scenario.skills.map((skill) => (
          <span className="tag" key={skill}>
            {skill}
          </span>
        ))}
      </p>
      {scenario.contentNotes.length > 0 ? (
        <div className="notice">
          <h2>Before you start</h2>
          <ul>
            {scenario.contentNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <UnclaimedProblems result={lastResult} claimed={lastResult?.initialValue?.intent === "recommend"} />
      <Form method="post" className="panel">
        <input type="hidden" name="intent" value="start" />
        <ConfidenceFieldset
          name="confidenceBefore"
          legend="How confident do you feel about this kind of conversation?"
          errors={errors}
        />
        <button type="submit" className="button">
          Start the conversation
        </button>
      </Form>
      <section aria-labelledby="own-words-heading" className="panel stack">
        <h2 id="own-words-heading">Practise in your own words</h2>
        <p>An AI plays the parent, and you answer in your own words instead of choosing a reply.</p>
        {scenario.ownWords.available ? (
          <Form method="post">
            <input type="hidden" name="intent" value="own-words" />
            <button type="submit" className="button button--secondary">
              Start in your own words
            </button>
          </Form>
        ) : (
          <p className="hint">{scenario.ownWords.message}</p>
        )}
      </section>
      {scenario.teamMembers.length > 0 ? (
        <RecommendForm
          members={scenario.teamMembers}
          chosen={scenario.recommendTo}
          lastResult={lastResult?.initialValue?.intent === "recommend" ? lastResult : undefined}
        />
      ) : null}
    </div>
  );
}

/** For managers: suggest this conversation to someone in a team they lead. */
function RecommendForm({
  members,
  chosen,
  lastResult,
}: {
  members: { id: string; name: string }[];
  chosen: string | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<z.input<typeof RecommendSchema>>({
    id: "recommend",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { toUserId: chosen ?? "" },
  });
  return (
    <section aria-labelledby="recommend-heading" className="panel stack">
      <h2 id="recommend-heading">Recommend this conversation</h2>
      <p className="hint">It appears first in their “Suggested for you”, with your note, until they complete it.</p>
      <ErrorSummary form={form} fields={fields} labels={{ toUserId: "Team member", note: "A note" }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="recommend" />
        <SelectField
          meta={fields.toUserId}
          label="Team member"
          options={members.map((member) => ({ value: member.id, label: member.name }))}
        />
        <TextAreaField meta={fields.note} label="A note (optional)" hint={RECOMMENDATION_NOTE_HINT} rows={3} />
        <button type="submit" className="button button--secondary">
          Recommend
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: scenario }) => [
  { title: `${scenario?.title ?? "Conversation"} · Practise · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
