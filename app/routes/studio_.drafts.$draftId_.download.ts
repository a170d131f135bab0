import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { hasPermission } from "~/domain/roles";
import { getDraft } from "~/models/scenario-draft.server";
import { requireUser } from "~/services/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A download has no page of its own: without the studio, or without the draft, go to the studio.
  if (!hasPermission(user.roles, "read:studio:any")) throw redirect("/studio");
  const id = params.draftId ?? "";
  const draft = id.length <= 40 ? await getDraft(user.organisation.id, id) : null;
  if (!draft) throw redirect("/studio");
  return new Response(draft.source, {
    headers: {
      "Content-Type": "text/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${draft.slug.replace(/[^a-z0-9-]/gi, "-")}.yaml"`,
    },
  });
}
