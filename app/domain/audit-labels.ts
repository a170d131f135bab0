/** Plain words for the audit log's event types. */
export const AUDIT_LABELS: Record<string, string> = {
  "sign-in.succeeded": "Signed in",
  "sign-in.failed": "Sign-in failed",
  "sign-in.limited": "Sign-in paused after too many attempts",
  "sign-out": "Signed out",
  "invitation.created": "Invitation created",
  "invitation.revoked": "Invitation withdrawn",
  "invitation.accepted": "Invitation accepted",
  "password-reset.created": "Password link created",
  "password-reset.used": "New password set from a link",
  "member.updated": "Roles or teams changed",
  "member.deactivated": "Account deactivated",
  "member.reactivated": "Account reactivated",
  "team.created": "Team created",
  "team.renamed": "Team renamed",
  "password.changed": "Password changed",
  "settings.changed": "Settings changed",
  "scenario.published": "Scenario version published",
  "scenario.archived": "Scenario archived",
  "scenario.restored": "Scenario offered again",
};

export function auditLabel(type: string): string {
  return AUDIT_LABELS[type] ?? type;
}
