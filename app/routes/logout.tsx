import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
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

// Only seen when a sign-out could not be read: offers the button again.
export default function SignOut() {
  return (
    <div className="panel stack">
      <h1>Sign out</h1>
      <Form method="post">
        <button type="submit" className="button">
          Sign out
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign out · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
