import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RolesFieldset, TeamPlacementFieldset, teamErrors } from "~/components/access-fields";
import { ErrorSummary, TextField, UnclaimedProblems } from "~/components/forms";
import { checkLeadership, PersonNameField, placementsFrom, RolesField, TeamsField } from "~/domain/access-form";
import { formatDateTime } from "~/domain/format";
import { ROLE_LABELS } from "~/domain/roles";
import { createInvitation, listInvitations, revokeInvitation } from "~/models/invitation.server";
import { listTeams } from "~/models/team.server";
import { recordAudit } from "~/services/audit.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { readFormData } from "~/services/form.server";
import { clientAddress } from "~/services/request-context.server";

const InviteSchema = z
  .object({
    intent: z.literal("invite"),
    name: PersonNameField,
    email: z
      .string({ error: "Enter the person's email address." })
      .trim()
      .max(254, "An email address has at most 254 characters.")
      .pipe(z.email("Enter an email address in the right form, like name@example.org.")),
    roles: RolesField,
    team: TeamsField,
  })
  .superRefine(checkLeadership);

const InvitationActionSchema = z.discriminatedUnion("intent", [
  InviteSchema,
  z.object({
    intent: z.literal("revoke"),
    invitationId: z.string({ error: "Choose an invitation." }).max(40, "That invitation was not recognised."),
  }),
], { error: "This form was not recognised. Reload the page and try again." });

const STATE_LABELS = { pending: "Waiting", accepted: "Accepted", revoked: "Withdrawn", expired: "Expired" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const [invitations, teams] = await Promise.all([listInvitations(admin.organisation.id), listTeams(admin.organisation.id)]);
  return { invitations, teams: teams.map((team) => ({ id: team.id, name: team.name })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:people:any");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: InvitationActionSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), created: null }, { status: 400 });
  }
  const value = submission.value;
  const audit = { organisationId: admin.organisation.id, actorId: admin.id, ipAddress: clientAddress(context) };
  if (value.intent === "revoke") {
    const revoked = await revokeInvitation(admin.organisation.id, value.invitationId);
    if (!revoked) throw new Response("Not found", { status: 404 });
    await recordAudit({ ...audit, type: "invitation.revoked", detail: { invitation: value.invitationId } });
    throw redirect("/admin/invitations", {
      headers: { "Set-Cookie": await flashCookie({ kind: "success", message: "The invitation is withdrawn. Its link no longer works." }) },
    });
  }
  const outcome = await createInvitation({
    organisationId: admin.organisation.id,
    invitedById: admin.id,
    name: value.name,
    email: value.email,
    roles: value.roles,
    teams: placementsFrom(value.team),
  });
  if (outcome.status === "account-exists") {
    return data(
      {
        result: submission.reply({ fieldErrors: { email: ["There is already a Heartwork account with this email address."] } }),
        created: null,
      },
      { status: 400 },
    );
  }
  await recordAudit({ ...audit, type: "invitation.created", email: value.email, detail: { roles: value.roles } });
  return {
    result: submission.reply({ resetForm: true }),
    created: {
      name: value.name,
      url: new URL(`/invite/${outcome.token}`, request.url).toString(),
      expiresAt: outcome.expiresAt,
      replacedEarlier: outcome.replacedEarlier,
    },
  };
}

export default function Invitations() {
  const { invitations, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result;
  const [form, fields] = useForm({
    id: "invite",
    lastResult: lastResult?.initialValue?.intent === "invite" || actionData?.created ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  const submittedRoles = lastResult?.initialValue?.roles as string[] | string | undefined;
  const selectedRoles = actionData?.created ? [] : submittedRoles ? [submittedRoles].flat() : ["practitioner"];
  const submittedTeams = (actionData?.created ? undefined : lastResult?.initialValue?.team) as Record<string, string> | undefined;
  const created = actionData?.created;
  return (
    <div className="stack">
      <h1>Invitations</h1>
      {created ? (
        <div className="notice" role="status">
          <h2>Invitation ready for {created.name}</h2>
          <p>
            Send {created.name} this link by your usual secure route. It works once, until{" "}
            {formatDateTime(created.expiresAt)}. You will not be able to see it again.
            {created.replacedEarlier ? " The earlier invitation to this address no longer works." : ""}
          </p>
          <p className="copy-box">{created.url}</p>
        </div>
      ) : null}
      <UnclaimedProblems result={lastResult} claimed={lastResult?.initialValue?.intent === "invite"} />
      <section className="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <ErrorSummary form={form} fields={fields} labels={{ name: "Full name", email: "Email address", roles: "Roles" }} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="invite" />
          <TextField meta={fields.name} label="Full name" autoComplete="off" />
          <TextField meta={fields.email} label="Email address" type="email" autoComplete="off" spellCheck={false} />
          <RolesFieldset meta={fields.roles} selected={selectedRoles} />
          <TeamPlacementFieldset teams={teams} current={submittedTeams ?? {}} errors={teamErrors(form.allErrors)} />
          <button type="submit" className="button">
            Create invitation link
          </button>
        </Form>
      </section>
      <div className="table-wrap">
        <table>
          <caption>Recent invitations</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.length === 0 ? (
              <tr>
                <td colSpan={5}>No invitations yet.</td>
              </tr>
            ) : (
              invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.name}</td>
                  <td>{invitation.email}</td>
                  <td>{invitation.roles.map((role) => ROLE_LABELS[role].label).join(", ")}</td>
                  <td>
                    {STATE_LABELS[invitation.state]}
                    {invitation.state === "pending" ? ` until ${formatDateTime(invitation.expiresAt)}` : ""}
                  </td>
                  <td>
                    {invitation.state === "pending" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="button button--secondary">
                          Withdraw<span className="visually-hidden"> the invitation to {invitation.name}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Invitations · Admin · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
