import type { LoaderFunctionArgs } from "@remix-run/node";
import { scenarioHeader, scenarioToYaml } from "~/domain/scenario";
import { getLatestLibraryVersion } from "~/models/practice-run.server";
import { libraryVersionSource } from "~/models/scenario-draft.server";
import { nothingToDownload, requireStudioDownloader, yamlAttachment } from "~/services/studio-download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStudioDownloader(request);
  const slug = params.slug ?? "";
  const version = slug.length <= 80 ? await getLatestLibraryVersion(slug) : null;
  const source = version ? await libraryVersionSource(slug) : null;
  if (!version || source === null) nothingToDownload();
  // Exported, not copied: the canonical layout, with the file's own header, is the same bytes as the file.
  return yamlAttachment(scenarioToYaml(version.scenario, { header: scenarioHeader(source) }), version.scenario.id);
}
