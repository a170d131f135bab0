import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { readingTime } from "~/components/guidance-cards";
import { requireUser } from "~/services/auth.server";
import { getGuidancePage } from "~/services/guidance.server";
import { skillVocabulary } from "~/services/scenario-library.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const page = await getGuidancePage(params.slug ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  const skills = await skillVocabulary();
  return { ...page, skillLabels: page.skills.map((id) => skills.get(id)?.label ?? id) };
}

export default function Guidance() {
  const page = useLoaderData<typeof loader>();
  return (
    <article className="stack guidance">
      <p>
        <Link to="/guidance">All guidance</Link>
      </p>
      <p className="eyebrow">Guidance</p>
      <h1>{page.title}</h1>
      <p className="lede">{page.summary}</p>
      <p className="hint">
        {readingTime(page.readingMinutes)} · Skills: {page.skillLabels.join(", ")}
      </p>
      {/* Rendered from our own Markdown files in content/guidance/. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: page.html }} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: `${page?.title ?? "Guidance"} · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
