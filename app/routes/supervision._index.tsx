import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ComingSoon } from "~/components/coming-soon";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { formatDateTime } from "~/domain/format";
import { listSharedWithSupervisor } from "~/models/reflection.server";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:supervision:own");
  return { shared: await listSharedWithSupervisor(user.id, user.organisation.id) };
}

export default function Supervision() {
  const { shared } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      {shared.length > 0 ? (
        <section aria-labelledby="shared-heading" className="stack">
          <h2 id="shared-heading">Reflections shared with you</h2>
          <p className="hint">The people you supervise chose to share these. They can stop sharing at any time.</p>
          <ul className="cards">
            {shared.map((reflection) => (
              <li className="card" key={reflection.id}>
                <h3>
                  <Link to={`/supervision/shared/${reflection.id}`}>{reflection.title || "Untitled reflection"}</Link>
                </h3>
                <p className="hint">
                  {reflection.writer} · {reflection.frameworkLabel} · shared {reflection.sharedAt ? formatDateTime(reflection.sharedAt) : ""}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ComingSoon
        title="Supervision"
        description={AREA_DESCRIPTIONS["/supervision"] ?? ""}
        plans={[
          "See your next supervision session and add to its agenda",
          "Confirm the record of a session and comment on it",
          "Follow the actions you agreed",
        ]}
      />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Supervision · Heartwork" }];
