import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice, DraftFormPage, NotEditable, draftPath } from "~/components/draft-forms";
import { UnclaimedProblems } from "~/components/forms";
import { asText, deleteListItem, formVersion, records, type ListName } from "~/domain/scenario/edit";
import { draftForForms, draftSummary, saveDocument, savedRedirect } from "~/services/draft-forms.server";
import { readFormData } from "~/services/form.server";

const deleteSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("delete-persona"), index: z.number().int().min(1).max(1000), version: formVersion }),
  z.object({ intent: z.literal("delete-meter"), index: z.number().int().min(1).max(1000), version: formVersion }),
]);

const LIST: Record<z.output<typeof deleteSchema>["intent"], ListName> = {
  "delete-persona": "personas",
  "delete-meter": "meters",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, read } = await draftForForms(request, params.draftId);
  return {
    draft: await draftSummary(draft),
    notEditable: read.ok ? null : read.reason,
    personas: read.ok
      ? records(read.document, "personas").map((p) => ({
          id: asText(p.id),
          name: asText(p.name),
          relationship: asText(p.relationship),
        }))
      : [],
    meters: read.ok ? records(read.document, "meters").map((m) => ({ id: asText(m.id), label: asText(m.label) })) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, read } = await draftForForms(request, params.draftId);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: deleteSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  if (!read.ok)
    return data({ result: submission.reply({ formErrors: [read.reason] }), conflict: null }, { status: 400 });
  const { intent, index, version } = submission.value;
  const list = LIST[intent];
  const item = records(read.document, list)[index - 1];
  if (!item) {
    const gone = "That is no longer in the draft: someone may have removed it. The list below is up to date.";
    return data({ result: submission.reply({ formErrors: [gone] }), conflict: null }, { status: 400 });
  }
  const saved = await saveDocument({
    draftId: draft.id,
    organisationId: user.organisation.id,
    userId: user.id,
    expectedVersion: version,
    document: deleteListItem(read.document, list, index - 1),
    header: read.header,
    theirs: () => [],
  });
  if (saved.status === "conflict") {
    return data(
      { result: submission.reply({ formErrors: [saved.message] }), conflict: saved.conflict },
      { status: 409 },
    );
  }
  const what = list === "personas" ? "persona" : "meter";
  throw await savedRedirect(
    `${draftPath(draft.id)}/people`,
    `The ${what} ${asText(item.id)} is deleted. The checker lists anything that still names it.`,
  );
}

function DeleteButton({
  intent,
  index,
  version,
  label,
}: {
  intent: string;
  index: number;
  version: number;
  label: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="index" value={index} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="button button--warning button--small">
        {label}
      </button>
    </Form>
  );
}

export default function DraftPeople() {
  const { draft, notEditable, personas, meters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = draftPath(draft.id);
  return (
    <DraftFormPage draft={draft} heading="People and meters">
      {notEditable ? (
        <NotEditable draftId={draft.id} reason={notEditable} />
      ) : (
        <>
          {actionData?.conflict ? <ConflictNotice conflict={actionData.conflict} /> : null}
          <UnclaimedProblems result={actionData?.result} claimed={false} />
          <section aria-labelledby="personas-heading" className="stack">
            <h2 id="personas-heading">Personas</h2>
            <p className="hint">The people the practitioner talks to. Every person is invented.</p>
            {personas.length === 0 ? <p>There are no personas yet.</p> : null}
            <ul className="actions-list">
              {personas.map((persona, i) => (
                <li key={i}>
                  <Link to={`${base}/personas/${i + 1}`}>
                    Edit {persona.name || "a persona with no name"} ({persona.id || "no id"})
                  </Link>
                  {persona.relationship ? <span className="hint"> · {persona.relationship}</span> : null}{" "}
                  <DeleteButton
                    intent="delete-persona"
                    index={i + 1}
                    version={actionData?.conflict?.version ?? draft.version}
                    label={`Delete the persona ${persona.id || i + 1}`}
                  />
                </li>
              ))}
            </ul>
            <p>
              <Link to={`${base}/personas/new`}>Add a persona</Link>
            </p>
          </section>
          <section aria-labelledby="meters-heading" className="stack">
            <h2 id="meters-heading">Meters</h2>
            <p className="hint">Values that choices move, such as how far a parent trusts you.</p>
            {meters.length === 0 ? <p>There are no meters yet.</p> : null}
            <ul className="actions-list">
              {meters.map((meter, i) => (
                <li key={i}>
                  <Link to={`${base}/meters/${i + 1}`}>
                    Edit {meter.label || "a meter with no label"} ({meter.id || "no id"})
                  </Link>{" "}
                  <DeleteButton
                    intent="delete-meter"
                    index={i + 1}
                    version={actionData?.conflict?.version ?? draft.version}
                    label={`Delete the meter ${meter.id || i + 1}`}
                  />
                </li>
              ))}
            </ul>
            <p>
              <Link to={`${base}/meters/new`}>Add a meter</Link>
            </p>
          </section>
        </>
      )}
    </DraftFormPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `People and meters: ${data.draft.title}` : "People and meters"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
