import type { TeamPlacement } from "~/domain/invitation";
import { normaliseRoles, type Role } from "~/domain/roles";
import { prisma } from "~/services/db.server";
import { destroyUserSessions } from "~/services/session.server";

// Every query here names the organisation in its `where`: an id from another
// organisation finds nothing, and the route answers 404.

export async function listPeople(organisationId: string) {
  const people = await prisma.user.findMany({
    where: { organisationId },
    orderBy: [{ deactivatedAt: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      deactivatedAt: true,
      roles: { select: { role: true } },
      memberships: { select: { role: true, team: { select: { name: true } } } },
    },
  });
  return people.map((person) => ({
    ...person,
    roles: normaliseRoles(person.roles.map((entry) => entry.role)),
  }));
}

export async function getPerson(organisationId: string, userId: string) {
  const person = await prisma.user.findFirst({
    where: { id: userId, organisationId },
    select: {
      id: true,
      name: true,
      preferredName: true,
      email: true,
      deactivatedAt: true,
      createdAt: true,
      roles: { select: { role: true } },
      memberships: { select: { role: true, teamId: true } },
    },
  });
  if (!person) return null;
  return { ...person, roles: normaliseRoles(person.roles.map((entry) => entry.role)) };
}

/** Replaces a person's roles and team places in one transaction. */
export async function updatePersonAccess(
  organisationId: string,
  userId: string,
  access: { name: string; roles: readonly Role[]; teams: readonly TeamPlacement[] },
): Promise<boolean> {
  const person = await prisma.user.findFirst({ where: { id: userId, organisationId }, select: { id: true } });
  if (!person) return false;
  // Only teams of the same organisation can be joined.
  const teams = await prisma.team.findMany({
    where: { organisationId, id: { in: access.teams.map((placement) => placement.teamId) } },
    select: { id: true },
  });
  const allowed = new Set(teams.map((team) => team.id));
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { name: access.name }, select: { id: true } }),
    prisma.userRole.deleteMany({ where: { userId } }),
    prisma.userRole.createMany({ data: access.roles.map((role) => ({ userId, role })) }),
    prisma.teamMembership.deleteMany({ where: { userId } }),
    prisma.teamMembership.createMany({
      data: access.teams
        .filter((placement) => allowed.has(placement.teamId))
        .map((placement) => ({ userId, teamId: placement.teamId, role: placement.role })),
    }),
  ]);
  return true;
}

/** Deactivating ends every session of the person at once. */
export async function setDeactivated(organisationId: string, userId: string, deactivated: boolean): Promise<boolean> {
  const { count } = await prisma.user.updateMany({
    where: { id: userId, organisationId },
    data: { deactivatedAt: deactivated ? new Date() : null },
  });
  if (count === 0) return false;
  if (deactivated) await destroyUserSessions(userId);
  return true;
}

export async function countActiveAdmins(organisationId: string): Promise<number> {
  return prisma.user.count({
    where: { organisationId, deactivatedAt: null, roles: { some: { role: "admin" } } },
  });
}

export async function organisationSummary(organisationId: string) {
  const now = new Date();
  const [active, deactivated, teams, pendingInvitations] = await Promise.all([
    prisma.user.count({ where: { organisationId, deactivatedAt: null } }),
    prisma.user.count({ where: { organisationId, deactivatedAt: { not: null } } }),
    prisma.team.count({ where: { organisationId } }),
    prisma.invitation.count({
      where: { organisationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, userId: null },
    }),
  ]);
  return { active, deactivated, teams, pendingInvitations };
}
