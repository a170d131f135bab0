import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { journalToMarkdown } from "~/domain/journal-export";
import { exportJournal } from "~/models/reflection.server";
import { hasPermission } from "~/domain/roles";
import { requireUser } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A download has no page of its own: without the journal, go to the journal's explanation (403).
  if (!hasPermission(user.roles, "read:journal:own")) throw redirect("/journal");
  const markdown = journalToMarkdown(await exportJournal(user.id));
  return new Response(markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": 'attachment; filename="heartwork-journal.md"',
    },
  });
}
