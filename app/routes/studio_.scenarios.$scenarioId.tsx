import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { UnclaimedProblems } from "~/components/forms";
import { formatDate, formatDateTime } from "~/domain/format";
import { hasPermission } from "~/domain/roles";
import { DRAFT_STATUS_LABELS } from "~/domain/scenario/review";
import { getOrganisationScenario, setArchived } from "~/models/studio-scenario.server";
import { recordAudit } from "~/services/audit.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";

const ActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("archive") }), z.object({ intent: z.literal("restore") })],
  { error: "This form was not recognised. Reload the page and try again." },
);

async function findScenario(organisationId: string, scenarioId: string | undefined) {
  const scenario = scenarioId ? await getOrganisationScenario(organisationId, scenarioId) : null;
  if (!scenario) throw new Response("Not found", { status: 404 });
  return scenario;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const scenario = await findScenario(user.organisation.id, params.scenarioId);
  return {
    ...scenario,
    canWrite: hasPermission(user.roles, "write:scenario:any"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "write:scenario:any");
  const scenario = await findScenario(user.organisation.id, params.scenarioId);
  const submission = parseWithZod(await readFormData(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const archive = submission.value.intent === "archive";
  await setArchived(user.organisation.id, scenario.id, archive);
  await recordAudit({
    type: archive ? "scenario.archived" : "scenario.restored",
    organisationId: user.organisation.id,
    actorId: user.id,
    ipAddress: clientAddress(context),
    detail: { scenario: scenario.slug },
  });
  throw redirect(`/studio/scenarios/${scenario.id}`, {
    headers: {
      "Set-Cookie": await flashCookie({
        kind: "success",
        message: archive
          ? "The scenario is archived: it is no longer offered for practice. Its history is kept."
          : "The scenario is back in the catalogue.",
      }),
    },
  });
}

export default function PublishedScenario() {
  const scenario = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const latest = scenario.versions[0];
  const archived = scenario.archivedAt !== null;
  return (
    <div className="stack">
      <p>
        <Link to="/studio">Studio</Link>
      </p>
      <p className="eyebrow">
        Your organisation&apos;s scenario · <code>{scenario.slug}</code> ·{" "}
        {archived ? `archived on ${formatDate(scenario.archivedAt!)}` : "published"}
      </p>
      <h1>{scenario.title}</h1>
      <UnclaimedProblems result={lastResult} claimed={false} />
      {archived ? (
        <p className="notice">
          Archived: it is not offered for practice. Its versions, the runs played on them and people&apos;s reflections
          are kept.
        </p>
      ) : (
        <p>
          People in your organisation practise version {latest?.number ?? 0}:{" "}
          <Link to={`/practise/${scenario.slug}`}>open it as they see it</Link>.
        </p>
      )}
      <ul>
        {scenario.drafts.map((draft) => (
          <li key={draft.id}>
            <Link to={`/studio/drafts/${draft.id}`}>The draft it is published from</Link> (
            {DRAFT_STATUS_LABELS[draft.status].toLowerCase()})
          </li>
        ))}
        {scenario.canWrite ? (
          <li>
            <Link to={`/studio/scenarios/${scenario.id}/practice`}>What happened in practice</Link>
          </li>
        ) : null}
      </ul>
      <section aria-labelledby="versions-heading" className="stack">
        <h2 id="versions-heading">Versions</h2>
        <p className="hint">A published version never changes. Each run keeps the version it was played on.</p>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Published versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">By</th>
                <th scope="col">Runs played on it</th>
                <th scope="col">Changes</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {scenario.versions.map((version, index) => {
                const previous = scenario.versions[index + 1];
                return (
                  <tr key={version.id}>
                    <th scope="row">{version.number}</th>
                    <td>{formatDateTime(version.createdAt)}</td>
                    <td>{version.publishedBy}</td>
                    <td>{version.runs}</td>
                    <td>
                      {previous ? (
                        <Link to={`/studio/scenarios/${scenario.id}/diff?from=${previous.number}&to=${version.number}`}>
                          Compare with version {previous.number}
                        </Link>
                      ) : (
                        "The first version"
                      )}
                    </td>
                    <td>
                      <a href={`/studio/scenarios/${scenario.id}/download?version=${version.number}`} download>
                        Download version {version.number} as YAML
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {scenario.canWrite ? (
        <section aria-labelledby="archive-heading" className="stack">
          <h2 id="archive-heading">{archived ? "Offer it again" : "Archive"}</h2>
          <p>
            {archived
              ? "Put the scenario back in the catalogue at its newest version."
              : "Archiving takes the scenario out of the catalogue. Nothing is deleted: its versions, runs and reflections stay, and you can offer it again."}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
            <button type="submit" className="button button--secondary">
              {archived ? "Offer it for practice again" : "Archive this scenario"}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Scenario"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
