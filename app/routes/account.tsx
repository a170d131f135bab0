import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, UnclaimedProblems } from "~/components/forms";
import { PASSWORD_MAX_LENGTH } from "~/domain/password-policy";
import { ROLE_LABELS } from "~/domain/roles";
import { changePassword, updateOwnDetails } from "~/models/account.server";
import { recordAudit } from "~/services/audit.server";
import { requireUser } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { judgePassword } from "~/services/password.server";
import { clientAddress } from "~/services/request-context.server";
import { createSession } from "~/services/session.server";

const DetailsSchema = z.object({
  intent: z.literal("details"),
  name: z
    .string({ error: "Enter your full name." })
    .trim()
    .min(1, "Enter your full name.")
    .max(120, "Use 120 characters or fewer."),
  preferredName: z.string().trim().max(60, "Use 60 characters or fewer.").optional(),
});

const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z
      .string({ error: "Enter your current password." })
      .max(PASSWORD_MAX_LENGTH * 4, "That is longer than any password Heartwork accepts."),
    newPassword: z
      .string({ error: "Enter a new password." })
      .max(PASSWORD_MAX_LENGTH * 4, `Use ${PASSWORD_MAX_LENGTH} characters or fewer.`),
    confirmPassword: z
      .string({ error: "Enter the new password again." })
      .max(PASSWORD_MAX_LENGTH * 4, `Use ${PASSWORD_MAX_LENGTH} characters or fewer.`),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords are different. Type the same password twice.",
  });

const AccountSchema = z.discriminatedUnion("intent", [DetailsSchema, PasswordSchema], { error: "This form was not recognised. Reload the page and try again." });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    name: user.name,
    preferredName: user.preferredName ?? "",
    email: user.email,
    organisation: user.organisation.name,
    roles: user.roles.map((role) => ROLE_LABELS[role].label),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: AccountSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["currentPassword", "newPassword", "confirmPassword"] }), {
      status: 400,
    });
  }
  const value = submission.value;
  if (value.intent === "details") {
    await updateOwnDetails(user.id, { name: value.name, preferredName: value.preferredName || null });
    throw redirect("/account", {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "Your details are saved." }) },
    });
  }
  const verdict = judgePassword(value.newPassword, [user.email, user.name]);
  const outcome = verdict.ok
    ? await changePassword(user.id, value.currentPassword, value.newPassword)
    : ("weak" as const);
  if (outcome !== "changed") {
    const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
    const fieldErrors: Record<string, string[]> =
      outcome === "wrong-current"
        ? { currentPassword: ["That is not your current password."] }
        : { newPassword: [verdict.ok ? "Choose a different password." : verdict.message] };
    return data(submission.reply({ hideFields, fieldErrors }), { status: 400 });
  }
  await recordAudit({
    type: "password.changed",
    organisationId: user.organisation.id,
    actorId: user.id,
    email: user.email,
    ipAddress: clientAddress(context),
  });
  // Every other session ended with the change; this one starts afresh.
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await createSession(user.id, { ipAddress: clientAddress(context), userAgent: request.headers.get("User-Agent") }),
  );
  headers.append(
    "Set-Cookie",
    await flashCookie({ kind: "success", message: "Your password is changed. You have been signed out everywhere else." }),
  );
  throw redirect("/account", { headers });
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const intent = lastResult?.initialValue?.intent;
  const [detailsForm, detailsFields] = useForm({
    id: "account-details",
    lastResult: intent === "details" ? lastResult : undefined,
    defaultValue: { name: account.name, preferredName: account.preferredName },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DetailsSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "account-password",
    lastResult: intent === "password" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  });
  return (
    <div className="stack">
      <h1>Your account</h1>
      <p>
        {account.email} · {account.organisation} · {account.roles.join(", ")}
      </p>
      <UnclaimedProblems result={lastResult} claimed={intent === "details" || intent === "password"} />
      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Your details</h2>
        <ErrorSummary
          form={detailsForm}
          fields={detailsFields}
          labels={{ name: "Full name", preferredName: "What you like to be called" }}
        />
        <Form method="post" {...getFormProps(detailsForm)}>
          <input type="hidden" name="intent" value="details" />
          <TextField meta={detailsFields.name} label="Full name" autoComplete="name" />
          <TextField
            meta={detailsFields.preferredName}
            label="What you like to be called (optional)"
            hint="Used to greet you in Heartwork."
            autoComplete="nickname"
          />
          <button type="submit" className="button">
            Save details
          </button>
        </Form>
      </section>
      <section className="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <ErrorSummary
          form={passwordForm}
          fields={passwordFields}
          labels={{
            currentPassword: "Current password",
            newPassword: "New password",
            confirmPassword: "New password again",
          }}
        />
        <Form method="post" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <TextField
            meta={passwordFields.currentPassword}
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
          <TextField
            meta={passwordFields.newPassword}
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
          />
          <TextField
            meta={passwordFields.confirmPassword}
            label="New password again"
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="button">
            Change password
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your account · Heartwork" }];
