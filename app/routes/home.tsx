import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { ROLE_LABELS, navFor } from "~/domain/roles";
import { displayName } from "~/models/user.server";
import { requireUser } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
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
  const { name, organisation, roles, areas } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p className="eyebrow">{organisation}</p>
      <h1>{`Welcome, ${name}`}</h1>
      <p className="lede">
        Your {roles.length === 1 ? "role" : "roles"} in Heartwork: {roles.join(", ")}.
      </p>
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
