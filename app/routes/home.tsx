import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { formatDate, formatDateTime } from "~/domain/format";
import { hasPermission, ROLE_LABELS, navFor } from "~/domain/roles";
import { supervisionAtAGlance } from "~/models/supervision.server";
import { displayName } from "~/models/user.server";
import { requireUser } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const glance = hasPermission(user.roles, "read:supervision:own")
    ? await supervisionAtAGlance(user.id, user.organisation.id, new Date())
    : null;
  return {
    glance,
    name: displayName(user),
    organisation: user.organisation.name,
    roles: user.roles.map((role) => ROLE_LABELS[role].label),
    areas: navFor(user.roles).map((item) => ({
      to: item.to,
      label: item.label,
      description: AREA_DESCRIPTIONS[item.to] ?? "",
    })),
  };
}

export default function Home() {
  const { name, organisation, roles, areas, glance } = useLoaderData<typeof loader>();
  const anything = glance && (glance.next || glance.toConfirm.length > 0 || glance.actions.length > 0);
  return (
    <div className="stack">
      <p className="eyebrow">{organisation}</p>
      <h1>{`Welcome, ${name}`}</h1>
      <p className="lede">
        Your {roles.length === 1 ? "role" : "roles"} in Heartwork: {roles.join(", ")}.
      </p>
      {anything ? (
        <section aria-labelledby="glance-heading" className="panel stack">
          <h2 id="glance-heading">Coming up</h2>
          <ul>
            {glance.next ? (
              <li>
                <Link to={`/supervision/sessions/${glance.next.id}`}>
                  Supervision with {glance.next.with}, {formatDateTime(glance.next.startsAt)}
                </Link>
              </li>
            ) : null}
            {glance.toConfirm.map((session) => (
              <li key={session.id}>
                <Link to={`/supervision/sessions/${session.id}`}>
                  Confirm the record of your supervision on {formatDate(session.startsAt)}
                </Link>
              </li>
            ))}
            {glance.actions.map((action) => (
              <li key={action.id}>
                <Link to={`/supervision/sessions/${action.sessionId}`}>{action.text}</Link> (due{" "}
                {formatDate(`${action.dueOn}T12:00:00Z`)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ul className="cards">
        {areas.map((area) => (
          <li className="card" key={area.to}>
            <h2>
              <Link to={area.to}>{area.label}</Link>
            </h2>
            <p>{area.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Home · Heartwork" }];
