import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { auditLabel } from "~/domain/audit-labels";
import { formatDateTime } from "~/domain/format";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "~/models/audit-log.server";
import { requireUserWithPermission } from "~/services/auth.server";

const PageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "read:audit-log:any");
  const page = PageParam.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { events, total } = await listAuditEvents(admin.organisation.id, page);
  return { events, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export default function AuditLog() {
  const { events, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <p>Sign-ins and changes to people, teams and invitations in your organisation, newest first.</p>
      <div className="table-wrap">
        <table>
          <caption>
            Page {page} of {pages}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
              <th scope="col">Address used</th>
            </tr>
          </thead>
          <tbody>
            {events.length === 0 ? (
              <tr>
                <td colSpan={4}>Nothing recorded yet.</td>
              </tr>
            ) : (
              events.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.createdAt)}</td>
                  <td>{auditLabel(event.type)}</td>
                  <td>{event.actor ?? event.email ?? "Unknown"}</td>
                  <td>{event.ipAddress ?? ""}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit log pages" className="actions">
        {page > 1 ? <Link to={`?page=${page - 1}`}>Newer events</Link> : null}
        {page < pages ? <Link to={`?page=${page + 1}`}>Older events</Link> : null}
      </nav>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Audit log · Admin · Heartwork" }];
