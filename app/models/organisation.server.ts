import type { FrameworkId } from "~/domain/reflection";
import { prisma } from "~/services/db.server";

export async function setOrganisationFramework(organisationId: string, framework: FrameworkId): Promise<void> {
  await prisma.organisation.update({
    where: { id: organisationId },
    data: { reflectionFramework: framework },
    select: { id: true },
  });
}

export type AiSettings = { aiRoleplayEnabled: boolean; aiMonthlyTokenBudget: number; transcriptRetentionDays: number };

export async function getAiSettings(organisationId: string): Promise<AiSettings> {
  return prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { aiRoleplayEnabled: true, aiMonthlyTokenBudget: true, transcriptRetentionDays: true },
  });
}

export async function setAiSettings(organisationId: string, settings: AiSettings): Promise<void> {
  await prisma.organisation.update({ where: { id: organisationId }, data: settings, select: { id: true } });
}

export async function getRequiredApprovals(organisationId: string): Promise<number> {
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { requiredApprovals: true },
  });
  return organisation.requiredApprovals;
}

export async function setRequiredApprovals(organisationId: string, requiredApprovals: number): Promise<void> {
  await prisma.organisation.update({
    where: { id: organisationId },
    data: { requiredApprovals },
    select: { id: true },
  });
}

/** Tokens sent and received by the organisation's own-words runs that started in [from, to). */
export async function aiTokensUsed(
  organisationId: string,
  from: Date,
  to: Date,
): Promise<{ in: number; out: number; runs: number }> {
  const usage = await prisma.practiceRun.aggregate({
    where: { organisationId, mode: "own-words", startedAt: { gte: from, lt: to } },
    _sum: { tokensIn: true, tokensOut: true },
    _count: { _all: true },
  });
  return { in: usage._sum.tokensIn ?? 0, out: usage._sum.tokensOut ?? 0, runs: usage._count._all };
}

/** The month's own-words runs, newest first, with their tokens: what the allowance went on. No names. */
export async function aiRunsBetween(organisationId: string, from: Date, to: Date) {
  const runs = await prisma.practiceRun.findMany({
    where: { organisationId, mode: "own-words", startedAt: { gte: from, lt: to } },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: {
      id: true,
      startedAt: true,
      status: true,
      tokensIn: true,
      tokensOut: true,
      scenarioVersion: { select: { scenario: { select: { title: true } } } },
    },
  });
  return runs.map((run) => ({
    id: run.id,
    startedAt: run.startedAt,
    status: run.status,
    tokensIn: run.tokensIn,
    tokensOut: run.tokensOut,
    title: run.scenarioVersion.scenario.title,
  }));
}
