import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SkillSelect } from "~/components/forms";
import { GuidanceCards } from "~/components/guidance-cards";
import { requireUser } from "~/services/auth.server";
import { listGuidancePages } from "~/services/guidance.server";
import { skillVocabulary } from "~/services/scenario-library.server";

const FilterSchema = z.object({ skill: z.string().max(60).optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const filter = FilterSchema.parse({ skill: new URL(request.url).searchParams.get("skill") || undefined });
  const [pages, skills] = await Promise.all([listGuidancePages(), skillVocabulary()]);
  const used = new Set(pages.flatMap((page) => page.skills));
  return {
    filter,
    skillOptions: [...skills].filter(([id]) => used.has(id)).map(([id, skill]) => ({ id, label: skill.label })),
    pages: pages.filter((page) => !filter.skill || page.skills.includes(filter.skill)),
  };
}

export default function GuidanceList() {
  const { pages, filter, skillOptions } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Guidance</h1>
      <p className="lede">Short, practical notes on the conversations Heartwork helps you practise.</p>
      <Form method="get" className="filters">
        <SkillSelect id="guidance-skill" skills={skillOptions} value={filter.skill} />
        <button type="submit" className="button button--secondary">
          Show guidance
        </button>
      </Form>
      {pages.length === 0 ? (
        <p>No guidance for that skill yet. Choose another skill.</p>
      ) : (
        <GuidanceCards pages={pages} headingLevel="h2" />
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Guidance · Heartwork" }];
