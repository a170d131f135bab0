/** Invitation links: where one stands, and the teams it joins a person to. */

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export function invitationState(
  invitation: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  now: Date,
): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

export const TEAM_ROLES = ["member", "manager"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export type TeamPlacement = { teamId: string; role: TeamRole };

export function serialiseTeamPlacements(placements: readonly TeamPlacement[]): string {
  return placements.map((placement) => `${placement.teamId}:${placement.role}`).join(" ");
}

export function parseTeamPlacements(value: string): TeamPlacement[] {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((pair) => {
      const [teamId, role] = pair.split(":");
      return teamId && (role === "member" || role === "manager") ? [{ teamId, role }] : [];
    });
}
