import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { FRAMEWORK_IDS } from "~/domain/reflection";
import { createReflection, organisationFramework } from "~/models/reflection.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { readFormData } from "~/services/form.server";

const NewReflectionSchema = z.object({
  framework: z.enum(FRAMEWORK_IDS, { error: "Choose one of the reflective models offered." }).optional(),
  runId: z.string().max(40, "That practice run was not recognised.").optional(),
});

// Starting a reflection is a POST from the journal or a debrief; a GET goes to the journal.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:journal:own");
  throw redirect("/journal");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:journal:own");
  const submission = parseWithZod(await readFormData(request), { schema: NewReflectionSchema });
  if (submission.status !== "success") {
    const messages = Object.values(submission.reply().error ?? {}).flat();
    throw data({ formError: messages.join(" ") }, { status: 400 });
  }
  const id = await createReflection({
    userId: user.id,
    organisationId: user.organisation.id,
    framework: submission.value.framework ?? (await organisationFramework(user.organisation.id)),
    runId: submission.value.runId ?? null,
  });
  if (!id) throw new Response("Not found", { status: 404 });
  throw redirect(`/journal/${id}`);
}

// Only seen when starting a reflection went wrong: offers the button again.
export default function NewReflection() {
  return (
    <div className="panel stack">
      <h1>Write a reflection</h1>
      <Form method="post">
        <button type="submit" className="button">
          Start writing
        </button>
      </Form>
    </div>
  );
}

export { ErrorBoundary } from "~/components/route-error-boundary";
