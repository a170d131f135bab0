import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { hasPermission } from "~/domain/roles";
import { scenarioHeader, scenarioToYaml } from "~/domain/scenario";
import { getLatestLibraryVersion } from "~/models/practice-run.server";
import { libraryVersionSource } from "~/models/scenario-draft.server";
import { requireUser } from "~/services/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A download has no page of its own: without the studio, or without the scenario, go to the studio.
  if (!hasPermission(user.roles, "read:studio:any")) throw redirect("/studio");
  const slug = params.slug ?? "";
  const version = slug.length <= 80 ? await getLatestLibraryVersion(slug) : null;
  const source = version ? await libraryVersionSource(slug) : null;
  if (!version || source === null) throw redirect("/studio");
  // Exported, not copied: the canonical layout, with the file's own header, is the same bytes as the file.
  const yaml = scenarioToYaml(version.scenario, { header: scenarioHeader(source) });
  return new Response(yaml, {
    headers: {
      "Content-Type": "text/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${version.scenario.id}.yaml"`,
    },
  });
}
