import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/domain/format";
import { getSharedReflection } from "~/models/reflection.server";
import { requireUserWithPermission } from "~/services/auth.server";

// Read-only: a supervisor reads what was shared with them; a private or unshared reflection is not found.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:supervision:own");
  const id = params.reflectionId ?? "";
  const reflection = id.length <= 40 ? await getSharedReflection(user.id, user.organisation.id, id) : null;
  if (!reflection) throw new Response("Not found", { status: 404 });
  return reflection;
}

export default function SharedReflection() {
  const reflection = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <p>
        <Link to="/supervision">Back to supervision</Link>
      </p>
      <p className="eyebrow">Shared with you by {reflection.writer}</p>
      <h1>{reflection.title || "Untitled reflection"}</h1>
      <p className="hint">
        {reflection.frameworkLabel} · shared {reflection.sharedAt ? formatDateTime(reflection.sharedAt) : ""}. Only{" "}
        {reflection.writer} can change it or stop sharing it.
      </p>
      {reflection.prompts.map((prompt) => (
        <section key={prompt.id} aria-labelledby={`prompt-${prompt.id}`}>
          <h2 id={`prompt-${prompt.id}`}>{prompt.label}</h2>
          <p className="written">{reflection.answers[prompt.id]?.trim() || "Nothing written here."}</p>
        </section>
      ))}
    </article>
  );
}

export const meta: MetaFunction = () => [{ title: "Shared reflection · Supervision · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
