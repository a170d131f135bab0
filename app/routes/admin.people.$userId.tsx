import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RolesFieldset, TeamPlacementFieldset, teamErrors } from "~/components/access-fields";
import { ErrorSummary, TextField, UnclaimedProblems } from "~/components/forms";
import { checkLeadership, PersonNameField, placementsFrom, RolesField, TeamsField } from "~/domain/access-form";
import { formatDate, formatDateTime } from "~/domain/format";
import { createPasswordLink } from "~/models/invitation.server";
import { getPerson, setDeactivated, updatePersonAccess } from "~/models/people.server";
import { listTeams } from "~/models/team.server";
import { recordAudit } from "~/services/audit.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";

const AccessSchema = z
  .object({ intent: z.literal("access"), name: PersonNameField, roles: RolesField, team: TeamsField })
  .superRefine(checkLeadership);

const PersonActionSchema = z.discriminatedUnion("intent", [
  AccessSchema,
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("password-link") }),
], { error: "This form was not recognised. Reload the page and try again." });

async function loadPerson(request: Request, userId: string | undefined) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const person = userId ? await getPerson(admin.organisation.id, userId) : null;
  if (!person) throw new Response("Not found", { status: 404 });
  return { admin, person };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { admin, person } = await loadPerson(request, params.userId);
  const teams = await listTeams(admin.organisation.id);
  return {
    person,
    isSelf: person.id === admin.id,
    teams: teams.map((team) => ({ id: team.id, name: team.name })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { admin, person } = await loadPerson(request, params.userId);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: PersonActionSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), passwordLink: null }, { status: 400 });
  }
  const value = submission.value;
  const isSelf = person.id === admin.id;
  const audit = { organisationId: admin.organisation.id, actorId: admin.id, ipAddress: clientAddress(context) };

  if (value.intent === "access") {
    if (isSelf && !value.roles.includes("admin")) {
      return data(
        {
          result: submission.reply({ fieldErrors: { roles: ["You cannot remove your own Admin role. Ask another admin to do it."] } }),
          passwordLink: null,
        },
        { status: 400 },
      );
    }
    await updatePersonAccess(admin.organisation.id, person.id, {
      name: value.name,
      roles: value.roles,
      teams: placementsFrom(value.team),
    });
    await recordAudit({ ...audit, type: "member.updated", detail: { person: person.id, roles: value.roles } });
    throw redirect(`/admin/people/${person.id}`, {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message: `Saved the changes for ${value.name}.` }) },
    });
  }

  if (value.intent === "deactivate" || value.intent === "reactivate") {
    if (isSelf) {
      return data(
        { result: submission.reply({ formErrors: ["You cannot deactivate your own account."] }), passwordLink: null },
        { status: 400 },
      );
    }
    const deactivate = value.intent === "deactivate";
    await setDeactivated(admin.organisation.id, person.id, deactivate);
    await recordAudit({ ...audit, type: deactivate ? "member.deactivated" : "member.reactivated", detail: { person: person.id } });
    const message = deactivate
      ? `${person.name}'s account is deactivated and they have been signed out.`
      : `${person.name}'s account is active again.`;
    throw redirect(`/admin/people/${person.id}`, {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message }) },
    });
  }

  const link = await createPasswordLink(admin.organisation.id, admin.id, person.id);
  if (!link) {
    return data(
      { result: submission.reply({ formErrors: ["A deactivated account cannot be given a password link."] }), passwordLink: null },
      { status: 400 },
    );
  }
  await recordAudit({ ...audit, type: "password-reset.created", detail: { person: person.id } });
  const url = new URL(`/invite/${link.token}`, request.url).toString();
  return { result: submission.reply({ resetForm: true }), passwordLink: { url, expiresAt: link.expiresAt } };
}

export default function Person() {
  const { person, isSelf, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result;
  const [form, fields] = useForm({
    id: "person-access",
    lastResult: lastResult?.initialValue?.intent === "access" ? lastResult : undefined,
    defaultValue: { name: person.name },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AccessSchema }),
  });
  const submittedTeams = lastResult?.initialValue?.team as Record<string, string> | undefined;
  const currentTeams =
    submittedTeams ?? Object.fromEntries(person.memberships.map((membership) => [membership.teamId, membership.role]));
  const selectedRoles = (lastResult?.initialValue?.roles as string[] | string | undefined) ?? person.roles;
  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">Back to people</Link>
      </p>
      <h1>{person.name}</h1>
      <p>
        {person.email} · joined {formatDate(person.createdAt)}
        {person.deactivatedAt ? ` · deactivated ${formatDateTime(person.deactivatedAt)}` : ""}
      </p>
      <UnclaimedProblems result={lastResult} claimed={lastResult?.initialValue?.intent === "access"} />

      <section className="panel" aria-labelledby="access-heading">
        <h2 id="access-heading">Name, roles and teams</h2>
        <ErrorSummary form={form} fields={fields} labels={{ name: "Full name", roles: "Roles" }} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="access" />
          <TextField meta={fields.name} label="Full name" autoComplete="off" />
          <RolesFieldset
            meta={fields.roles}
            selected={Array.isArray(selectedRoles) ? selectedRoles : [selectedRoles]}
          />
          <TeamPlacementFieldset teams={teams} current={currentTeams} errors={teamErrors(form.allErrors)} />
          <button type="submit" className="button">
            Save changes
          </button>
        </Form>
      </section>

      {!person.deactivatedAt ? (
        <section className="panel" aria-labelledby="password-link-heading">
          <h2 id="password-link-heading">Forgotten password</h2>
          {actionData?.passwordLink ? (
            <div role="status">
              <p>
                Give {person.name} this link. It works once, until {formatDateTime(actionData.passwordLink.expiresAt)}.
                When they set a new password, they are signed out everywhere else.
              </p>
              <p className="copy-box">{actionData.passwordLink.url}</p>
            </div>
          ) : (
            <p>Make a link that lets {person.name} set a new password. Only the newest link works.</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="password-link" />
            <button type="submit" className="button button--secondary">
              Make a password link
            </button>
          </Form>
        </section>
      ) : null}

      {!isSelf ? (
        <section className="panel" aria-labelledby="status-heading">
          <h2 id="status-heading">Account status</h2>
          {person.deactivatedAt ? (
            <>
              <p>This account is deactivated: {person.name} cannot sign in. Their records are kept.</p>
              <Form method="post">
                <input type="hidden" name="intent" value="reactivate" />
                <button type="submit" className="button button--secondary">
                  Reactivate account
                </button>
              </Form>
            </>
          ) : (
            <>
              <p>
                Deactivating signs {person.name} out at once and stops them signing in. Their records are kept, and you
                can reactivate the account later.
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="deactivate" />
                <button type="submit" className="button button--warning">
                  Deactivate account
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Person · Admin · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
