import type { RunRecord } from "~/domain/scenario/practice-stats";
import { prisma } from "~/services/db.server";

/**
 * Practice runs for the studio's figures. Every query is scoped to one organisation: a
 * library scenario is shared, but each organisation only ever sees its own people's runs.
 * Own-words runs have no choices, so only scripted runs are read.
 */

const SCRIPTED = "scripted";

/** A library scenario or one of this organisation's own, with its versions newest first; null otherwise. */
export async function getScenarioForStats(organisationId: string, scenarioId: string) {
  return prisma.scenario.findFirst({
    where: {
      id: scenarioId,
      OR: [{ origin: "library", organisationId: null }, { organisationId }],
    },
    select: {
      id: true,
      slug: true,
      title: true,
      origin: true,
      versions: { orderBy: { number: "desc" }, select: { id: true, number: true, createdAt: true } },
    },
  });
}

/** Each version's runs by this organisation's people, as much as the totals need. */
export async function runOutcomesByVersion(organisationId: string, versionIds: readonly string[]) {
  const runs = await prisma.practiceRun.findMany({
    where: { organisationId, scenarioVersionId: { in: [...versionIds] }, mode: SCRIPTED },
    select: { scenarioVersionId: true, status: true, lastActivityAt: true },
  });
  const byVersion = new Map<string, { status: string; lastActivityAt: Date }[]>(versionIds.map((id) => [id, []]));
  for (const run of runs) byVersion.get(run.scenarioVersionId)?.push(run);
  return byVersion;
}

/** One version's runs by this organisation's people, each with its choices in step order. */
export async function runsOfVersion(organisationId: string, versionId: string): Promise<RunRecord[]> {
  const runs = await prisma.practiceRun.findMany({
    where: { organisationId, scenarioVersionId: versionId, mode: SCRIPTED },
    select: {
      status: true,
      lastActivityAt: true,
      steps: { orderBy: { number: "asc" }, select: { choiceId: true } },
    },
  });
  return runs.map((run) => ({
    status: run.status,
    lastActivityAt: run.lastActivityAt,
    choices: run.steps.map((step) => step.choiceId),
  }));
}
