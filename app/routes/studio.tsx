import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { formatDateTime } from "~/domain/format";
import { hasPermission } from "~/domain/roles";
import { requireUserWithPermission } from "~/services/auth.server";
import { listLibraryProblems, listLibraryScenarios } from "~/services/scenario-library.server";
import { LibraryProblems } from "~/components/library-problems";
import { listDrafts } from "~/models/scenario-draft.server";
import { listOrganisationScenarios } from "~/models/studio-scenario.server";
import { DRAFT_STATUS_LABELS } from "~/domain/scenario/review";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const canWrite = hasPermission(user.roles, "write:scenario:any");
  const [scenarios, problems, drafts, published] = await Promise.all([
    listLibraryScenarios(),
    canWrite ? listLibraryProblems() : [],
    listDrafts(user.organisation.id),
    listOrganisationScenarios(user.organisation.id),
  ]);
  return {
    canWrite,
    drafts,
    published: published.map((scenario) => ({
      id: scenario.id,
      slug: scenario.slug,
      title: scenario.title,
      archived: scenario.archivedAt !== null,
      version: scenario.versions[0]?.number ?? 0,
      publishedAt: scenario.versions[0]?.createdAt ?? null,
    })),
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      slug: scenario.slug,
      version: scenario.versions[0]?.number ?? 0,
      updatedAt: scenario.versions[0]?.createdAt ?? null,
    })),
    problems,
  };
}

export default function Studio() {
  const { scenarios, problems, drafts, published, canWrite } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Studio</h1>
      <p className="lede">{AREA_DESCRIPTIONS["/studio"]}</p>
      <LibraryProblems problems={problems} />
      <section aria-labelledby="drafts-heading" className="stack">
        <h2 id="drafts-heading">Your organisation&apos;s drafts</h2>
        {canWrite ? (
          <p>
            <Link to="/studio/drafts/new">Start a draft by importing a file</Link>
          </p>
        ) : null}
        {drafts.length === 0 ? (
          <p>There are no drafts yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Drafts</caption>
              <thead>
                <tr>
                  <th scope="col">Draft</th>
                  <th scope="col">Scenario id</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last saved</th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((draft) => (
                  <tr key={draft.id}>
                    <td>
                      <Link to={`/studio/drafts/${draft.id}`}>{draft.title}</Link>
                    </td>
                    <td>
                      <code>{draft.slug}</code>
                    </td>
                    <td>
                      {DRAFT_STATUS_LABELS[draft.status]}
                      {draft.status === "in-review" ? (
                        <>
                          {" "}
                          (<Link to={`/studio/drafts/${draft.id}/review`}>the review</Link>)
                        </>
                      ) : null}
                    </td>
                    <td>{formatDateTime(draft.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="published-heading" className="stack">
        <h2 id="published-heading">Your organisation&apos;s published scenarios</h2>
        {published.length === 0 ? (
          <p>None yet. A draft is published once reviewers have approved it.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Published scenarios</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Scenario id</th>
                  <th scope="col">Newest version</th>
                  <th scope="col">Offered for practice</th>
                </tr>
              </thead>
              <tbody>
                {published.map((scenario) => (
                  <tr key={scenario.id}>
                    <td>
                      <Link to={`/studio/scenarios/${scenario.id}`}>{scenario.title}</Link>
                    </td>
                    <td>
                      <code>{scenario.slug}</code>
                    </td>
                    <td>
                      {scenario.version}
                      {scenario.publishedAt ? `, ${formatDateTime(scenario.publishedAt)}` : ""}
                    </td>
                    <td>{scenario.archived ? "No: archived" : "Yes"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="library-heading" className="stack">
        <h2 id="library-heading">The scenario library that ships with Heartwork</h2>
        {scenarios.length === 0 ? (
          <p>No scenarios are loaded yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Library scenarios</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">File</th>
                  <th scope="col">Version</th>
                  <th scope="col">Loaded</th>
                  {canWrite ? <th scope="col">In practice</th> : null}
                </tr>
              </thead>
              <tbody>
                {scenarios.map((scenario) => (
                  <tr key={scenario.id}>
                    <td>
                      <Link to={`/studio/library/${scenario.slug}`}>{scenario.title}</Link>
                    </td>
                    <td>
                      <code>scenarios/{scenario.slug}.yaml</code>
                    </td>
                    <td>{scenario.version}</td>
                    <td>{scenario.updatedAt ? formatDateTime(scenario.updatedAt) : ""}</td>
                    {canWrite ? (
                      <td>
                        <Link to={`/studio/scenarios/${scenario.id}/practice`}>
                          What happened in practice<span className="visually-hidden"> ({scenario.slug})</span>
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Studio · Heartwork" }];
