import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:studio:any");
  return null;
}

export default function Studio() {
  return (
    <ComingSoon
      title="Studio"
      description={AREA_DESCRIPTIONS["/studio"] ?? ""}
      plans={[
        "Write a branching scenario in the browser",
        "Send it to parent-carer reviewers and answer their comments",
        "Publish it to your organisation's library",
      ]}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Studio · Heartwork" }];
