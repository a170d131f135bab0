import type { LoaderFunctionArgs } from "@remix-run/node";
import { publishedVersionSource } from "~/models/studio-scenario.server";
import { nothingToDownload, requireStudioDownloader, yamlAttachment } from "~/services/studio-download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStudioDownloader(request);
  const id = params.scenarioId ?? "";
  const number = Number(new URL(request.url).searchParams.get("version"));
  const version =
    id.length <= 40 && Number.isInteger(number) && number >= 1 && number <= 1_000_000
      ? await publishedVersionSource(user.organisation.id, id, number)
      : null;
  if (!version) nothingToDownload();
  return yamlAttachment(version.source, `${version.slug}-v${number}`);
}
