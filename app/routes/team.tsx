import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:team-dashboard:own-teams");
  return null;
}

export default function Team() {
  return (
    <ComingSoon
      title="Team"
      description={AREA_DESCRIPTIONS["/team"] ?? ""}
      plans={[
        "See the time each person in your teams has had for practice, reflection and supervision",
        "Schedule reflective supervision and record agreed actions",
        "Recommend a scenario to someone in your team",
      ]}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Team · Heartwork" }];
