import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:people:any");
  return { organisation: user.organisation.name };
}

const SECTIONS = [
  { to: "/admin", label: "Overview", end: true },
  { to: "/admin/people", label: "People", end: false },
  { to: "/admin/invitations", label: "Invitations", end: false },
  { to: "/admin/teams", label: "Teams", end: false },
  { to: "/admin/coaching", label: "Coaching time", end: false },
  { to: "/admin/settings", label: "Settings", end: false },
  { to: "/admin/audit", label: "Audit log", end: false },
];

export default function AdminLayout() {
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="eyebrow">Admin · {organisation}</p>
      <nav aria-label="Admin" className="subnav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
