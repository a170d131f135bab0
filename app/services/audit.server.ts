import { prisma } from "./db.server";

export type AuditType =
  | "sign-in.succeeded"
  | "sign-in.failed"
  | "sign-in.limited"
  | "sign-out"
  | "invitation.created"
  | "invitation.revoked"
  | "invitation.accepted"
  | "password-reset.created"
  | "password-reset.used"
  | "member.updated"
  | "member.deactivated"
  | "member.reactivated"
  | "team.created"
  | "team.renamed"
  | "password.changed"
  | "settings.changed"
  | "scenario.published"
  | "scenario.archived"
  | "scenario.restored";

export type AuditEntry = {
  type: AuditType;
  organisationId?: string | null;
  actorId?: string | null;
  email?: string | null;
  ipAddress?: string | null;
  /** Particulars of the event. Never a password or a token. */
  detail?: Record<string, string | number | boolean | null | readonly string[]>;
};

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await prisma.auditEvent.create({
    data: {
      type: entry.type,
      organisationId: entry.organisationId ?? null,
      actorId: entry.actorId ?? null,
      email: entry.email?.toLowerCase() ?? null,
      ipAddress: entry.ipAddress ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}
