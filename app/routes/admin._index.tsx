import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LibraryProblems } from "~/components/library-problems";
import { organisationSummary } from "~/models/people.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { listLibraryProblems } from "~/services/scenario-library.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:people:any");
  const [summary, libraryProblems] = await Promise.all([organisationSummary(user.organisation.id), listLibraryProblems()]);
  return { summary, libraryProblems };
}

export default function AdminOverview() {
  const { summary, libraryProblems } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Your organisation</h1>
      <LibraryProblems problems={libraryProblems} />
      <ul className="cards">
        <li className="card">
          <h2>People</h2>
          <p>
            {summary.active} active{summary.deactivated ? `, ${summary.deactivated} deactivated` : ""}.
          </p>
          <Link to="/admin/people">See and change people&apos;s roles</Link>
        </li>
        <li className="card">
          <h2>Invitations</h2>
          <p>{summary.pendingInvitations} waiting to be accepted.</p>
          <Link to="/admin/invitations">Invite someone</Link>
        </li>
        <li className="card">
          <h2>Teams</h2>
          <p>
            {summary.teams} {summary.teams === 1 ? "team" : "teams"}.
          </p>
          <Link to="/admin/teams">Add or rename teams</Link>
        </li>
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Admin · Heartwork" }];
