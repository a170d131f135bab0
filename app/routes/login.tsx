import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { PASSWORD_MAX_LENGTH } from "~/domain/password-policy";
import { attemptSignIn, getOptionalUser, safeRedirect } from "~/services/auth.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";
import { flashCookie } from "~/services/flash.server";
import { isHoldingSubmissions, saveHeldSubmissions } from "~/services/held-submission.server";
import { createSession } from "~/services/session.server";

const SignInSchema = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .max(254, "An email address has at most 254 characters.")
    .pipe(z.email("Enter an email address in the right form, like name@example.org.")),
  password: z
    .string({ error: "Enter your password." })
    // Longer than any password we accept, but bounded so nobody can make us hash a megabyte.
    .max(PASSWORD_MAX_LENGTH * 4, "That password is longer than any Heartwork accepts."),
  redirectTo: z.string().max(2000, "That return address is too long.").optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return { holding: await isHoldingSubmissions(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const ipAddress = clientAddress(context);
  const result = await attemptSignIn({ email, password, ipAddress });
  if (result.status === "limited") {
    const seconds = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000));
    return data(
      submission.reply({
        hideFields: ["password"],
        formErrors: [
          `There have been too many attempts to sign in. For your security, please wait and try again ${result.wait}.`,
        ],
      }),
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }
  if (result.status === "invalid") {
    return data(
      submission.reply({
        hideFields: ["password"],
        formErrors: ["The email address or password is not right. Check them and try again."],
      }),
      { status: 400 },
    );
  }
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await createSession(result.userId, { ipAddress, userAgent: request.headers.get("User-Agent") }),
  );
  // What they wrote when a session timed out, held in this browser for them: saved now.
  const saved = await saveHeldSubmissions(request, result.userId);
  if (saved > 0) {
    const message =
      saved === 1
        ? "We have saved the reflection you were writing when you were signed out."
        : `We have saved the ${saved} reflections you were writing when you were signed out.`;
    headers.append("Set-Cookie", await flashCookie({ kind: "success", message }));
  }
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const loaderData = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <div className="panel stack">
      <h1>Sign in</h1>
      {loaderData?.holding ? (
        <div className="notice" role="status">
          <p>
            You were signed out before your writing was saved. We are keeping it for you: sign in again and it will be
            saved to your reflection.
          </p>
        </div>
      ) : null}
      <p>Sign in with the email address and password for your Heartwork account.</p>
      <ErrorSummary form={form} fields={fields} labels={{ email: "Email address", password: "Password" }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField meta={fields.email} label="Email address" type="email" autoComplete="username" spellCheck={false} />
        <TextField meta={fields.password} label="Password" type="password" autoComplete="current-password" />
        <div className="actions">
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            Sign in
          </button>
        </div>
      </Form>
      <p className="hint">
        New to Heartwork? Your organisation&apos;s admin sends you an invitation link. Forgotten your password? Your
        admin can give you a link to set a new one.
      </p>
    </div>
  );
}

// Document responses take their headers from here, so the pause reaches the browser.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const meta: MetaFunction = () => [{ title: "Sign in · Heartwork" }];
