import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/services/audit.server";
import { getOptionalUser } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";
import { destroySession } from "~/services/session.server";

// Signing out changes state, so it is a POST; a GET is sent home.
export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readFormData(request);
  const user = await getOptionalUser(request);
  const clearCookie = await destroySession(request);
  if (user) {
    await recordAudit({
      type: "sign-out",
      organisationId: user.organisation.id,
      actorId: user.id,
      email: user.email,
      ipAddress: clientAddress(context),
    });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", clearCookie);
  headers.append("Set-Cookie", await flashCookie({ kind: "info", message: "You have signed out. See you next time." }));
  return redirect("/login", { headers });
}
