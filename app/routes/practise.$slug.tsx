import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfidenceFieldset } from "~/components/confidence-fieldset";
import { OptionalConfidenceRating } from "~/domain/confidence";
import { getLatestLibraryVersion, startRun } from "~/models/practice-run.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { readFormData } from "~/services/form.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const StartSchema = z.object({ confidenceBefore: OptionalConfidenceRating });

async function loadScenario(slug: string | undefined) {
  const version = slug && slug.length <= 80 ? await getLatestLibraryVersion(slug) : null;
  if (!version) throw new Response("Not found", { status: 404 });
  return version;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:practice:own");
  const { scenario } = await loadScenario(params.slug);
  const skills = await skillVocabulary();
  return {
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
  const version = await loadScenario(params.slug);
  const submission = parseWithZod(await readFormData(request), { schema: StartSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const runId = await startRun({
    userId: user.id,
    organisationId: user.organisation.id,
    versionId: version.id,
    scenario: version.scenario,
    confidenceBefore: submission.value.confidenceBefore ?? null,
  });
  throw redirect(`/practise/runs/${runId}`);
}

export default function ScenarioIntro() {
  const scenario = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const errors = lastResult?.error?.confidenceBefore ?? undefined;
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
      <Form method="post" className="panel">
        <ConfidenceFieldset
          name="confidenceBefore"
          legend="How confident do you feel about this kind of conversation?"
          errors={errors}
        />
        <button type="submit" className="button">
          Start the conversation
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: scenario }) => [
  { title: `${scenario?.title ?? "Conversation"} · Practise · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
