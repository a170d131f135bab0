import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:practice:own");
  return null;
}

export default function Practise() {
  return (
    <ComingSoon
      title="Practise"
      description={AREA_DESCRIPTIONS["/practise"] ?? ""}
      plans={[
        "Choose a conversation from your organisation's library",
        "Play it through one moment at a time, with a debrief at the end",
        "Try again, or from a moment that mattered",
      ]}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Practise · Heartwork" }];
