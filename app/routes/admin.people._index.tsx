import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "~/domain/roles";
import { listPeople } from "~/models/people.server";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:people:any");
  return { people: await listPeople(user.organisation.id) };
}

export default function People() {
  const { people } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>People</h1>
      <p>
        <Link to="/admin/invitations" className="button">
          Invite someone
        </Link>
      </p>
      <div className="table-wrap">
        <table>
          <caption>Everyone in your organisation ({people.length})</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Teams</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td>
                  <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                </td>
                <td>{person.email}</td>
                <td>
                  {person.roles.map((role) => (
                    <span className="tag" key={role}>
                      {ROLE_LABELS[role].label}
                    </span>
                  ))}
                </td>
                <td>
                  {person.memberships.length
                    ? person.memberships
                        .map((membership) => `${membership.team.name}${membership.role === "manager" ? " (manager)" : ""}`)
                        .join(", ")
                    : "None"}
                </td>
                <td>{person.deactivatedAt ? <span className="tag tag--muted">Deactivated</span> : "Active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "People · Admin · Heartwork" }];
