import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { journalToJson } from "~/domain/journal-export";
import { exportJournal } from "~/models/reflection.server";
import { hasPermission } from "~/domain/roles";
import { requireUser } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A download has no page of its own: without the journal, go to the journal's explanation (403).
  if (!hasPermission(user.roles, "read:journal:own")) throw redirect("/journal");
  return new Response(journalToJson(await exportJournal(user.id)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="heartwork-journal.json"',
    },
  });
}
