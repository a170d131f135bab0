import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SkillSelect } from "~/components/forms";
import { Label } from "~/components/ui/label";
import { formatDate } from "~/domain/format";
import { describeMinutes } from "~/domain/practice-time";
import { FRAMEWORKS, FRAMEWORK_IDS } from "~/domain/reflection";
import { listJournal, organisationFramework } from "~/models/reflection.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .optional()
  .catch(undefined);

const FilterSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  skill: z.string().max(60).optional().catch(undefined),
  from: DateParam,
  to: DateParam,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:journal:own");
  const params = new URL(request.url).searchParams;
  const raw = {
    q: params.get("q") || undefined,
    skill: params.get("skill") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
  const filter = FilterSchema.parse(raw);
  // "to" is inclusive for the person: everything up to the end of that day.
  const to = filter.to ? new Date(filter.to.getTime() + 24 * 60 * 60 * 1000) : undefined;
  const [journal, framework, skills] = await Promise.all([
    listJournal(user.id, { q: filter.q, skill: filter.skill, from: filter.from, to }),
    organisationFramework(user.organisation.id),
    skillVocabulary(),
  ]);
  return {
    ...journal,
    framework,
    skills: [...skills].map(([id, skill]) => ({ id, label: skill.label })),
    search: { q: raw.q ?? "", skill: raw.skill ?? "", from: raw.from ?? "", to: raw.to ?? "" },
  };
}

export default function Journal() {
  const { reflections, runs, framework, skills, search } = useLoaderData<typeof loader>();
  const filtering = Boolean(search.q || search.skill || search.from || search.to);
  return (
    <div className="stack">
      <h1>Journal</h1>
      <p className="lede">Your reflections, private to you unless you choose to share one with your supervisor.</p>
      <section className="panel" aria-labelledby="new-heading">
        <h2 id="new-heading">Write a reflection</h2>
        <p>On a real conversation, or on anything from your week.</p>
        <Form method="post" action="/journal/new">
          <div className="field">
            <Label htmlFor="framework">Reflective model</Label>
            <select id="framework" name="framework" defaultValue={framework}>
              {FRAMEWORK_IDS.map((id) => (
                <option value={id} key={id}>
                  {FRAMEWORKS[id].label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Start writing
          </button>
        </Form>
      </section>

      <Form method="get" className="filters" aria-label="Search your journal">
        <div className="field">
          <Label htmlFor="journal-q">Search</Label>
          <input type="search" id="journal-q" name="q" defaultValue={search.q} />
        </div>
        <SkillSelect id="journal-skill" skills={skills} value={search.skill} />
        <div className="field">
          <Label htmlFor="journal-from">From</Label>
          <input type="date" id="journal-from" name="from" defaultValue={search.from} />
        </div>
        <div className="field">
          <Label htmlFor="journal-to">To</Label>
          <input type="date" id="journal-to" name="to" defaultValue={search.to} />
        </div>
        <button type="submit" className="button button--secondary">
          Search
        </button>
      </Form>

      <p>
        Download everything you have written and practised:{" "}
        <a href="/journal/export.md" download>
          as a Markdown document
        </a>{" "}
        or{" "}
        <a href="/journal/export.json" download>
          as JSON
        </a>
        .
      </p>

      <section aria-labelledby="reflections-heading" className="stack">
        <h2 id="reflections-heading">Reflections</h2>
        {reflections.length === 0 ? (
          <p>{filtering ? "No reflections match." : "You have not written any reflections yet."}</p>
        ) : (
          <ul className="cards">
            {reflections.map((reflection) => (
              <li className="card" key={reflection.id}>
                <h3>
                  <Link to={`/journal/${reflection.id}`}>{reflection.title || "Untitled reflection"}</Link>
                </h3>
                <p className="hint">
                  {reflection.frameworkLabel} · {formatDate(reflection.updatedAt)}
                </p>
                <p>
                  {reflection.sharedAt ? (
                    <span className="tag">Shared with your supervisor</span>
                  ) : (
                    <span className="tag tag--muted">Private</span>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="runs-heading" className="stack">
        <h2 id="runs-heading">Conversations you practised</h2>
        {runs.length === 0 ? (
          filtering ? (
            <p>No practised conversations match.</p>
          ) : (
            <p>
              None yet. <Link to="/practise">Choose a conversation to practise.</Link>
            </p>
          )
        ) : (
          <ul className="link-list">
            {runs.map((run) => (
              <li key={run.id}>
                <Link to={`/practise/runs/${run.id}/debrief`}>{run.title}</Link>, {formatDate(run.startedAt)},{" "}
                {describeMinutes(run.practiceSeconds)}
                {run.status === "abandoned" ? " (stopped part way)" : ""}
                {run.reflectionId ? (
                  <>
                    {" "}
                    · <Link to={`/journal/${run.reflectionId}`}>your reflection</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Journal · Heartwork" }];
