import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, UnclaimedProblems } from "~/components/forms";
import { createTeam, listTeams, renameTeam } from "~/models/team.server";
import { recordAudit } from "~/services/audit.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";

const TeamName = z
  .string({ error: "Enter the team's name." })
  .trim()
  .min(1, "Enter the team's name.")
  .max(80, "Use 80 characters or fewer.");

const CreateTeamSchema = z.object({ intent: z.literal("create"), name: TeamName });
const RenameTeamSchema = z.object({
  intent: z.literal("rename"),
  teamId: z.string({ error: "Choose a team." }).max(40, "That team was not recognised."),
  name: TeamName,
});
const TeamActionSchema = z.discriminatedUnion("intent", [CreateTeamSchema, RenameTeamSchema], { error: "This form was not recognised. Reload the page and try again." });

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const teams = await listTeams(admin.organisation.id);
  return {
    teams: teams.map((team) => ({
      id: team.id,
      name: team.name,
      managers: team.memberships.filter((m) => m.role === "manager").map((m) => m.user.name),
      members: team.memberships.filter((m) => m.role === "member").length,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: TeamActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const outcome =
    value.intent === "create"
      ? await createTeam(admin.organisation.id, value.name)
      : await renameTeam(admin.organisation.id, value.teamId, value.name);
  if (outcome === "not-found") throw new Response("Not found", { status: 404 });
  if (outcome === "duplicate") {
    return data(submission.reply({ fieldErrors: { name: ["There is already a team with this name."] } }), { status: 400 });
  }
  await recordAudit({
    type: value.intent === "create" ? "team.created" : "team.renamed",
    organisationId: admin.organisation.id,
    actorId: admin.id,
    ipAddress: clientAddress(context),
    detail: { name: value.name },
  });
  throw redirect("/admin/teams", {
    headers: { "Set-Cookie": await flashCookie({ kind: "success", message: `Saved the team "${value.name}".` }) },
  });
}

function RenameForm({ team, lastResult }: { team: { id: string; name: string }; lastResult: ReturnType<typeof useActionData<typeof action>> }) {
  const mine = lastResult?.initialValue?.intent === "rename" && lastResult.initialValue.teamId === team.id;
  const [form, fields] = useForm({
    id: `rename-${team.id}`,
    lastResult: mine ? lastResult : undefined,
    defaultValue: { name: team.name },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RenameTeamSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="teamId" value={team.id} />
      <TextField meta={fields.name} label={`New name for ${team.name}`} autoComplete="off" />
      <button type="submit" className="button button--secondary">
        Rename<span className="visually-hidden"> {team.name}</span>
      </button>
    </Form>
  );
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "create-team",
    lastResult: lastResult?.initialValue?.intent === "create" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateTeamSchema }),
  });
  return (
    <div className="stack">
      <h1>Teams</h1>
      <UnclaimedProblems
        result={lastResult}
        claimed={
          lastResult?.initialValue?.intent === "create" ||
          (lastResult?.initialValue?.intent === "rename" && teams.some((team) => team.id === lastResult.initialValue?.teamId))
        }
      />
      <p>People join teams on their page under People. A team&apos;s managers supervise its members.</p>
      <ul className="cards">
        {teams.map((team) => (
          <li className="card" key={team.id}>
            <h2>{team.name}</h2>
            <p>
              {team.members} {team.members === 1 ? "member" : "members"}. Led by{" "}
              {team.managers.length ? team.managers.join(" and ") : "nobody yet"}.
            </p>
            <details>
              <summary>Rename this team</summary>
              <RenameForm team={team} lastResult={lastResult} />
            </details>
          </li>
        ))}
      </ul>
      <section className="panel" aria-labelledby="new-team-heading">
        <h2 id="new-team-heading">Add a team</h2>
        <ErrorSummary form={form} fields={fields} labels={{ name: "Team name" }} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <TextField meta={fields.name} label="Team name" autoComplete="off" />
          <button type="submit" className="button">
            Add team
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Teams · Admin · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
