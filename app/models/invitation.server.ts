import {
  invitationState,
  parseTeamPlacements,
  serialiseTeamPlacements,
  type InvitationState,
  type TeamPlacement,
} from "~/domain/invitation";
import { normaliseRoles, type Role } from "~/domain/roles";
import { prisma } from "~/services/db.server";
import { getEnv } from "~/services/env.server";
import { hashPassword } from "~/services/password.server";
import { hashToken, newToken } from "~/services/session.server";

function expiry(): Date {
  return new Date(Date.now() + getEnv().INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000);
}

export type NewInvitation = {
  organisationId: string;
  invitedById: string;
  name: string;
  email: string;
  roles: readonly Role[];
  teams: readonly TeamPlacement[];
};

export type CreateInvitationResult =
  { status: "created"; token: string; expiresAt: Date; replacedEarlier: boolean } | { status: "account-exists" };

/**
 * Makes a single-use link. Only the token's hash is stored, so the link can be
 * shown once, to the admin who made it. A pending invitation to the same address
 * in the organisation is withdrawn, so only the newest link works.
 */
export async function createInvitation(input: NewInvitation): Promise<CreateInvitationResult> {
  const email = input.email.toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return { status: "account-exists" };
  const teams = await prisma.team.findMany({
    where: { organisationId: input.organisationId, id: { in: input.teams.map((team) => team.teamId) } },
    select: { id: true },
  });
  const allowed = new Set(teams.map((team) => team.id));
  const token = newToken();
  const expiresAt = expiry();
  const now = new Date();
  const [replaced] = await prisma.$transaction([
    prisma.invitation.updateMany({
      where: { organisationId: input.organisationId, email, acceptedAt: null, revokedAt: null, userId: null },
      data: { revokedAt: now },
    }),
    prisma.invitation.create({
      data: {
        organisationId: input.organisationId,
        invitedById: input.invitedById,
        name: input.name,
        email,
        roles: input.roles.join(" "),
        teamRoles: serialiseTeamPlacements(input.teams.filter((team) => allowed.has(team.teamId))),
        tokenHash: hashToken(token),
        expiresAt,
      },
      select: { id: true },
    }),
  ]);
  return { status: "created", token, expiresAt, replacedEarlier: replaced.count > 0 };
}

/** A link for an existing person to set a new password (their old sessions end when they use it). */
export async function createPasswordLink(organisationId: string, invitedById: string, userId: string) {
  const person = await prisma.user.findFirst({
    where: { id: userId, organisationId, deactivatedAt: null },
    select: { id: true, name: true, email: true },
  });
  if (!person) return null;
  const token = newToken();
  const expiresAt = expiry();
  await prisma.$transaction([
    prisma.invitation.updateMany({
      where: { userId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    prisma.invitation.create({
      data: {
        organisationId,
        invitedById,
        userId,
        name: person.name,
        email: person.email,
        roles: "",
        tokenHash: hashToken(token),
        expiresAt,
      },
      select: { id: true },
    }),
  ]);
  return { token, expiresAt, email: person.email };
}

export async function listInvitations(organisationId: string) {
  const now = new Date();
  const rows = await prisma.invitation.findMany({
    where: { organisationId, userId: null },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      createdAt: true,
      invitedBy: { select: { name: true } },
    },
  });
  return rows.map((row) => ({
    ...row,
    roles: normaliseRoles(row.roles.split(" ")),
    state: invitationState(row, now),
  }));
}

export async function revokeInvitation(organisationId: string, invitationId: string): Promise<boolean> {
  const { count } = await prisma.invitation.updateMany({
    where: { id: invitationId, organisationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

export type InvitationForAcceptance = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  organisation: { id: string; name: string };
  isPasswordReset: boolean;
  state: InvitationState;
};

export async function findInvitationByToken(token: string): Promise<InvitationForAcceptance | null> {
  if (token.length > 200) return null;
  const row = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      userId: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organisation: { select: { id: true, name: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: normaliseRoles(row.roles.split(" ")),
    organisation: row.organisation,
    isPasswordReset: row.userId !== null,
    state: invitationState(row, new Date()),
  };
}

export type AcceptResult =
  { status: "accepted"; userId: string } | { status: "unavailable" } | { status: "account-exists" };

/**
 * Uses the link once: the claim is a conditional update, so two people (or two
 * tabs) racing with the same link cannot both succeed.
 */
export async function acceptInvitation(token: string, password: string): Promise<AcceptResult> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        organisationId: true,
        name: true,
        email: true,
        roles: true,
        teamRoles: true,
        userId: true,
      },
    });
    if (!invitation) return { status: "unavailable" } as const;
    if (!invitation.userId) {
      const clash = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
      if (clash) return { status: "account-exists" } as const;
    }
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) return { status: "unavailable" } as const;

    if (invitation.userId) {
      const updated = await tx.user.updateMany({
        where: { id: invitation.userId, deactivatedAt: null },
        data: { passwordHash },
      });
      if (updated.count !== 1) return { status: "unavailable" } as const;
      await tx.session.deleteMany({ where: { userId: invitation.userId } });
      return { status: "accepted", userId: invitation.userId } as const;
    }

    const teams = parseTeamPlacements(invitation.teamRoles);
    const liveTeams = await tx.team.findMany({
      where: { organisationId: invitation.organisationId, id: { in: teams.map((team) => team.teamId) } },
      select: { id: true },
    });
    const live = new Set(liveTeams.map((team) => team.id));
    const user = await tx.user.create({
      data: {
        organisationId: invitation.organisationId,
        email: invitation.email,
        name: invitation.name,
        passwordHash,
        roles: { create: normaliseRoles(invitation.roles.split(" ")).map((role) => ({ role })) },
        memberships: {
          create: teams
            .filter((team) => live.has(team.teamId))
            .map((team) => ({ teamId: team.teamId, role: team.role })),
        },
      },
      select: { id: true },
    });
    return { status: "accepted", userId: user.id } as const;
  });
}
