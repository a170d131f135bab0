import { prisma } from "~/services/db.server";

export function listTeams(organisationId: string) {
  return prisma.team.findMany({
    where: { organisationId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      memberships: {
        where: { user: { deactivatedAt: null } },
        select: { role: true, user: { select: { name: true } } },
      },
    },
  });
}

export type TeamSaveResult = "saved" | "duplicate" | "not-found";

export async function createTeam(organisationId: string, name: string): Promise<TeamSaveResult> {
  const clash = await prisma.team.findFirst({ where: { organisationId, name }, select: { id: true } });
  if (clash) return "duplicate";
  await prisma.team.create({ data: { organisationId, name }, select: { id: true } });
  return "saved";
}

export async function renameTeam(organisationId: string, teamId: string, name: string): Promise<TeamSaveResult> {
  const team = await prisma.team.findFirst({ where: { id: teamId, organisationId }, select: { id: true } });
  if (!team) return "not-found";
  const clash = await prisma.team.findFirst({
    where: { organisationId, name, id: { not: teamId } },
    select: { id: true },
  });
  if (clash) return "duplicate";
  await prisma.team.update({ where: { id: teamId }, data: { name }, select: { id: true } });
  return "saved";
}

/**
 * Active members of the teams this person manages (not themselves), in name order: the people
 * they supervise, recommend scenarios to and see on the coaching-time dashboard.
 */
export async function membersLedBy(managerId: string, organisationId: string) {
  return prisma.user.findMany({
    where: {
      organisationId,
      deactivatedAt: null,
      id: { not: managerId },
      memberships: {
        some: { role: "member", team: { memberships: { some: { userId: managerId, role: "manager" } } } },
      },
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
