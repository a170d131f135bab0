import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SkillSelect } from "~/components/forms";
import { Label } from "~/components/ui/label";
import { formatDate } from "~/domain/format";
import { fitsLength, LENGTHS, suggestWithRecommendations, type Length } from "~/domain/suggestions";
import { listCatalogue } from "~/models/practice-run.server";
import { recommendationsFor } from "~/models/recommendation.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const FilterSchema = z.object({
  skill: z.string().max(60).optional().catch(undefined),
  length: z.enum(["short", "medium", "long"]).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const params = new URL(request.url).searchParams;
  const filter = FilterSchema.parse({
    skill: params.get("skill") || undefined,
    length: params.get("length") || undefined,
  });
  const [{ scenarios, inProgress }, skills, recommendations] = await Promise.all([
    listCatalogue(user.id, user.organisation.id),
    skillVocabulary(),
    recommendationsFor(user.id),
  ]);
  const label = (id: string) => skills.get(id)?.label ?? id;
  const shown = scenarios.filter(
    (scenario) =>
      (!filter.skill || scenario.skills.includes(filter.skill)) && fitsLength(scenario.minutes, filter.length),
  );
  const withLabels = <T extends { skills: readonly string[] }>(scenario: T) => ({
    ...scenario,
    skillLabels: scenario.skills.map(label),
  });
  return {
    filter,
    skillOptions: [...new Set(scenarios.flatMap((scenario) => scenario.skills))].map((id) => ({
      id,
      label: label(id),
    })),
    scenarios: shown.map(withLabels),
    suggested: suggestWithRecommendations(scenarios, recommendations).map((scenario) => ({
      ...withLabels(scenario),
      recommendation: scenario.recommendation && {
        from: scenario.recommendation.from,
        note: scenario.recommendation.note,
        on: formatDate(scenario.recommendation.at),
      },
    })),
    inProgress,
  };
}

function ScenarioCard({
  scenario,
  headingLevel: Heading = "h3",
}: {
  scenario: {
    slug: string;
    title: string;
    summary: string;
    minutes: number;
    completed: number;
    ownOrganisation: boolean;
    skillLabels: string[];
    recommendation?: { from: string; note: string; on: string } | null;
  };
  headingLevel?: "h2" | "h3";
}) {
  return (
    <li className="card">
      <Heading>
        <Link to={`/practise/${scenario.slug}`}>{scenario.title}</Link>
      </Heading>
      {scenario.recommendation ? (
        <div className="recommendation">
          <p>
            <strong>
              Recommended by {scenario.recommendation.from} on {scenario.recommendation.on}
            </strong>
          </p>
          {scenario.recommendation.note ? <p>“{scenario.recommendation.note}”</p> : null}
        </div>
      ) : null}
      <p>{scenario.summary}</p>
      <p className="hint">
        {scenario.ownOrganisation ? "Written by your organisation · " : ""}About {scenario.minutes} minutes ·{" "}
        {scenario.completed === 0
          ? "not played yet"
          : `played ${scenario.completed} ${scenario.completed === 1 ? "time" : "times"}`}
      </p>
      <p>
        {scenario.skillLabels.map((skill) => (
          <span className="tag" key={skill}>
            {skill}
          </span>
        ))}
      </p>
    </li>
  );
}

export default function Practise() {
  const { filter, skillOptions, scenarios, suggested, inProgress } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Practise</h1>
      <p className="lede">Rehearse a difficult conversation one moment at a time, then read the debrief.</p>
      {inProgress.length > 0 ? (
        <section aria-labelledby="continue-heading" className="notice">
          <h2 id="continue-heading">Carry on where you left off</h2>
          <ul>
            {inProgress.map((run) => (
              <li key={run.id}>
                <Link to={`/practise/runs/${run.id}`}>{run.title}</Link> ({run.steps}{" "}
                {run.steps === 1 ? "move" : "moves"} so far)
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {suggested.length > 0 ? (
        <section aria-labelledby="suggested-heading" className="stack">
          <h2 id="suggested-heading">Suggested for you</h2>
          <p className="hint">
            {suggested.some((scenario) => scenario.recommendation)
              ? "Conversations your manager recommended, then ones that practise the skills you have practised least."
              : "Conversations that practise the skills you have practised least."}
          </p>
          <ul className="cards">
            {suggested.map((scenario) => (
              <ScenarioCard scenario={scenario} key={scenario.slug} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="all-heading" className="stack">
        <h2 id="all-heading">All conversations</h2>
        <Form method="get" className="filters">
          <SkillSelect id="filter-skill" skills={skillOptions} value={filter.skill} />
          <div className="field">
            <Label htmlFor="filter-length">Length</Label>
            <select id="filter-length" name="length" defaultValue={filter.length ?? ""}>
              <option value="">Any length</option>
              {(Object.keys(LENGTHS) as Length[]).map((length) => (
                <option value={length} key={length}>
                  {LENGTHS[length].label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            Show conversations
          </button>
        </Form>
        {scenarios.length === 0 ? (
          <p>No conversations match. Try another skill or length.</p>
        ) : (
          <ul className="cards">
            {scenarios.map((scenario) => (
              <ScenarioCard scenario={scenario} key={scenario.slug} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Practise · Heartwork" }];
