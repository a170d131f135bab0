import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDraft } from "~/models/scenario-draft.server";
import { nothingToDownload, requireStudioDownloader, yamlAttachment } from "~/services/studio-download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStudioDownloader(request);
  const id = params.draftId ?? "";
  const draft = id.length <= 40 ? await getDraft(user.organisation.id, id) : null;
  if (!draft) nothingToDownload();
  return yamlAttachment(draft.source, draft.slug);
}
