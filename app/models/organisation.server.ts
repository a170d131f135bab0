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
