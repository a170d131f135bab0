import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ConversationMap, ConversationOutline } from "~/components/conversation-map";
import { checkScenarioSource, formatSummary, scenarioHeader, scenarioToYaml } from "~/domain/scenario";
import { copySlug, writeDraft } from "~/domain/scenario/edit";
import { hasPermission } from "~/domain/roles";
import { createDraft, draftSlugs, libraryVersionSource } from "~/models/scenario-draft.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { conversationMap, conversationOutline } from "~/domain/scenario/map";
import { getLatestLibraryVersion } from "~/models/practice-run.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { loadCheckContext } from "~/services/scenario-library.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const slug = params.slug ?? "";
  const version = slug.length <= 80 ? await getLatestLibraryVersion(slug) : null;
  if (!version) throw new Response("Not found", { status: 404 });
  const { scenario } = version;
  const fileName = `scenarios/${scenario.id}.yaml`;
  // The stored version passed the checker when it was loaded; checking it again gives the summary
  // and the problems the map marks. Its canonical YAML is the same scenario as the file.
  const { context } = await loadCheckContext();
  const check = context ? checkScenarioSource(scenarioToYaml(scenario), fileName, context) : undefined;
  const map = conversationMap(scenario, check);
  return {
    slug: scenario.id,
    // Trainers only: the figures from practice.
    practiceHref: hasPermission(user.roles, "write:scenario:any")
      ? `/studio/scenarios/${version.scenarioId}/practice`
      : null,
    title: scenario.title,
    canWrite: hasPermission(user.roles, "write:scenario:any"),
    summary: scenario.summary,
    version: version.number,
    checkerSummary: check?.summary ? formatSummary(fileName, check.summary) : null,
    map,
    outline: conversationOutline(scenario, map),
  };
}

/** A draft copied from the newest library version, under an id no draft of the organisation uses yet. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "write:scenario:any");
  await readFormData(request);
  const slug = params.slug ?? "";
  const version = slug.length <= 80 ? await getLatestLibraryVersion(slug) : null;
  const source = version ? await libraryVersionSource(slug) : null;
  if (!version || source === null) throw new Response("Not found", { status: 404 });
  const id = copySlug(slug, await draftSlugs(user.organisation.id));
  const title = `${version.scenario.title} (copy)`;
  const copy = writeDraft({ ...version.scenario, id, title }, scenarioHeader(source));
  const draftId = await createDraft({ organisationId: user.organisation.id, userId: user.id, source: copy });
  throw redirect(`/studio/drafts/${draftId}`, {
    headers: {
      "Set-Cookie": await flashCookie({ kind: "success", message: `A copy is saved as a draft, with the id ${id}.` }),
    },
  });
}

export default function LibraryScenarioMap() {
  const { slug, title, summary, version, checkerSummary, map, outline, practiceHref, canWrite } =
    useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to="/studio">Studio</Link>
      </p>
      <p className="eyebrow">Library scenario · version {version} · read-only</p>
      <h1>{title}</h1>
      <p className="lede">{summary}</p>
      <p>
        <a href={`/studio/library/${slug}/download`} download>
          Download as YAML
        </a>
      </p>
      {practiceHref ? (
        <p>
          <Link to={practiceHref}>What happened in practice</Link>
        </p>
      ) : null}
      {canWrite ? (
        <Form method="post">
          <p className="hint">
            A copy becomes a draft of your organisation that you can change; this scenario stays as it is.
          </p>
          <button type="submit" className="button button--secondary">
            Make a copy to edit
          </button>
        </Form>
      ) : null}
      <p className="conversation-summary">
        <strong>The checker&apos;s summary:</strong>{" "}
        {checkerSummary ?? "not available, because the skills vocabulary could not be read."}
      </p>
      <section aria-labelledby="map-heading" className="stack">
        <h2 id="map-heading">Map of the conversation</h2>
        <p>
          <a href="#list-heading">Skip the map and read the conversation as a list</a>
        </p>
        <ConversationMap title={title} map={map} />
      </section>
      <section aria-labelledby="list-heading" className="stack">
        <h2 id="list-heading" tabIndex={-1}>
          The conversation, node by node
        </h2>
        <p className="hint">In reading order, from the start. Each choice links to the node it leads to.</p>
        <ConversationOutline outline={outline} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Map: ${data.title}` : "Scenario map"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
