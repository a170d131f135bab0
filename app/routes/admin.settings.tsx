import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { UnclaimedProblems } from "~/components/forms";
import { FRAMEWORK_IDS, FRAMEWORKS } from "~/domain/reflection";
import { organisationFramework } from "~/models/reflection.server";
import { setOrganisationFramework } from "~/models/organisation.server";
import { recordAudit } from "~/services/audit.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";

const SettingsSchema = z.object({
  reflectionFramework: z.enum(FRAMEWORK_IDS, { error: "Choose one of the reflective models offered." }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  return { reflectionFramework: await organisationFramework(admin.organisation.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const submission = parseWithZod(await readFormData(request), { schema: SettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await setOrganisationFramework(admin.organisation.id, submission.value.reflectionFramework);
  await recordAudit({
    type: "settings.changed",
    organisationId: admin.organisation.id,
    actorId: admin.id,
    ipAddress: clientAddress(context),
    detail: { reflectionFramework: submission.value.reflectionFramework },
  });
  throw redirect("/admin/settings", {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "Settings saved." }) },
  });
}

export default function Settings() {
  const { reflectionFramework } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Settings</h1>
      <UnclaimedProblems result={lastResult} claimed={false} />
      <Form method="post" className="panel">
        <fieldset className="field">
          <legend>The reflective model offered first</legend>
          <span className="hint">People can still choose the other one when they start a reflection.</span>
          {FRAMEWORK_IDS.map((id) => (
            <div className="choice" key={id}>
              <input
                type="radio"
                id={`framework-${id}`}
                name="reflectionFramework"
                value={id}
                defaultChecked={id === reflectionFramework}
                aria-describedby={`framework-${id}-hint`}
              />
              <label htmlFor={`framework-${id}`}>
                {FRAMEWORKS[id].label}
                <span id={`framework-${id}-hint`} className="hint">
                  {FRAMEWORKS[id].description}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Save settings
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Settings · Admin · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
