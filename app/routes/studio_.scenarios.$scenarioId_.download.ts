import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { hasPermission } from "~/domain/roles";
import { publishedVersionSource } from "~/models/studio-scenario.server";
import { requireUser } from "~/services/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A download has no page of its own: without the studio, or without the version, go to the studio.
  if (!hasPermission(user.roles, "read:studio:any")) throw redirect("/studio");
  const id = params.scenarioId ?? "";
  const number = Number(new URL(request.url).searchParams.get("version"));
  const version =
    id.length <= 40 && Number.isInteger(number) && number >= 1 && number <= 1_000_000
      ? await publishedVersionSource(user.organisation.id, id, number)
      : null;
  if (!version) throw redirect("/studio");
  return new Response(version.source, {
    headers: {
      "Content-Type": "text/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${version.slug.replace(/[^a-z0-9-]/gi, "-")}-v${number}.yaml"`,
    },
  });
}
