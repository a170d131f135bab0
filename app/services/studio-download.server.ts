import { redirect } from "@remix-run/node";
import { hasPermission } from "~/domain/roles";
import { requireUser } from "./auth.server";

/**
 * The studio's YAML downloads (a draft, a library scenario, a published version) have no page of
 * their own: without the studio, or without the record, they go to the studio rather than an error.
 */
export async function requireStudioDownloader(request: Request) {
  const user = await requireUser(request);
  if (!hasPermission(user.roles, "read:studio:any")) throw redirect("/studio");
  return user;
}

export function nothingToDownload(): never {
  throw redirect("/studio");
}

/** A scenario file as an attachment named `<name>.yaml`, the name reduced to safe characters. */
export function yamlAttachment(text: string, name: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name.replace(/[^a-z0-9-]/gi, "-")}.yaml"`,
    },
  });
}
