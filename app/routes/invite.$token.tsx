import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/domain/password-policy";
import { ROLE_LABELS } from "~/domain/roles";
import { acceptInvitation, findInvitationByToken, type InvitationForAcceptance } from "~/models/invitation.server";
import { recordAudit } from "~/services/audit.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { judgePassword } from "~/services/password.server";
import { clientAddress } from "~/services/request-context.server";
import { createSession, destroySession } from "~/services/session.server";

const SetPasswordSchema = z
  .object({
    password: z
      .string({ error: "Choose a password." })
      .max(PASSWORD_MAX_LENGTH * 4, `Use ${PASSWORD_MAX_LENGTH} characters or fewer.`),
    confirmPassword: z
      .string({ error: "Type the password again." })
      .max(PASSWORD_MAX_LENGTH * 4, `Use ${PASSWORD_MAX_LENGTH} characters or fewer.`),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are different. Type the same password twice.",
  });

const GONE_MESSAGES = {
  accepted: "This link has already been used. If that was you, sign in with your email address and password.",
  revoked: "This link was withdrawn. Ask your organisation's Heartwork admin for a new one.",
  expired: "This link has expired. Ask your organisation's Heartwork admin for a new one.",
} as const;

async function usableInvitation(token: string | undefined): Promise<InvitationForAcceptance> {
  const invitation = token ? await findInvitationByToken(token) : null;
  if (!invitation) throw new Response("Not found", { status: 404 });
  return invitation;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await usableInvitation(params.token);
  const view = {
    name: invitation.name,
    email: invitation.email,
    organisation: invitation.organisation.name,
    roles: invitation.roles.map((role) => ROLE_LABELS[role].label),
    isPasswordReset: invitation.isPasswordReset,
    gone: invitation.state === "pending" ? null : GONE_MESSAGES[invitation.state],
  };
  return data(view, { status: view.gone ? 410 : 200 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await usableInvitation(token);
  if (invitation.state !== "pending") {
    throw new Response("This invitation link no longer works.", { status: 410 });
  }
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SetPasswordSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const verdict = judgePassword(submission.value.password, [invitation.email, invitation.name]);
  if (!verdict.ok) {
    return data(submission.reply({ hideFields, fieldErrors: { password: [verdict.message] } }), { status: 400 });
  }
  const outcome = await acceptInvitation(token, submission.value.password);
  if (outcome.status === "account-exists") {
    return data(
      submission.reply({
        hideFields,
        formErrors: ["There is already an account with this email address. Sign in instead, or ask your admin."],
      }),
      { status: 409 },
    );
  }
  if (outcome.status === "unavailable") {
    throw new Response("This invitation link no longer works.", { status: 410 });
  }
  await recordAudit({
    type: invitation.isPasswordReset ? "password-reset.used" : "invitation.accepted",
    organisationId: invitation.organisation.id,
    actorId: outcome.userId,
    email: invitation.email,
    ipAddress: clientAddress(context),
  });
  const headers = new Headers();
  // Whoever was signed in on this browser before is signed out first.
  headers.append("Set-Cookie", await destroySession(request));
  headers.append(
    "Set-Cookie",
    await createSession(outcome.userId, { ipAddress: clientAddress(context), userAgent: request.headers.get("User-Agent") }),
  );
  headers.append(
    "Set-Cookie",
    await flashCookie({
      kind: "success",
      message: invitation.isPasswordReset ? "Your new password is set." : `Welcome to Heartwork, ${invitation.name}.`,
    }),
  );
  throw redirect("/home", { headers });
}

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetPasswordSchema }),
  });
  if (invitation.gone) {
    return (
      <div className="panel stack">
        <h1>This link no longer works</h1>
        <p>{invitation.gone}</p>
        <p>
          <Link to="/login">Go to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="panel stack">
      {invitation.isPasswordReset ? (
        <>
          <h1>Set a new password</h1>
          <p>For {invitation.email}. When you save it, you will be signed out on every other device.</p>
        </>
      ) : (
        <>
          <h1>Welcome to Heartwork, {invitation.name}</h1>
          <p>
            {invitation.organisation} has invited you to join as {invitation.roles.join(", ")}. You will sign in with{" "}
            <strong>{invitation.email}</strong>.
          </p>
        </>
      )}
      <ErrorSummary
        form={form}
        fields={fields}
        labels={{ password: "Password", confirmPassword: "Password again" }}
      />
      <Form method="post" {...getFormProps(form)}>
        <TextField
          meta={fields.password}
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong password that is easy to remember.`}
        />
        <TextField meta={fields.confirmPassword} label="Password again" type="password" autoComplete="new-password" />
        <button type="submit" className="button">
          {invitation.isPasswordReset ? "Save new password" : "Join Heartwork"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your invitation · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
