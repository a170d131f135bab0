import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:supervision:own");
  return null;
}

export default function Supervision() {
  return (
    <ComingSoon
      title="Supervision"
      description={AREA_DESCRIPTIONS["/supervision"] ?? ""}
      plans={[
        "See your next supervision session and add to its agenda",
        "Confirm the record of a session and comment on it",
        "Follow the actions you agreed",
      ]}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Supervision · Heartwork" }];
