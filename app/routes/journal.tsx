import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { AREA_DESCRIPTIONS } from "~/domain/areas";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:journal:own");
  return null;
}

export default function Journal() {
  return (
    <ComingSoon
      title="Journal"
      description={AREA_DESCRIPTIONS["/journal"] ?? ""}
      plans={[
        "Write a reflection after a practice or a real conversation",
        "Keep it private, or share it with your supervisor",
        "See your confidence change over time",
      ]}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Journal · Heartwork" }];
