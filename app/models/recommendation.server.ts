import { prisma } from "~/services/db.server";
import { catalogueScope } from "./practice-run.server";
import { membersLedBy } from "./team.server";

export type RecommendResult = { status: "recommended"; name: string } | { status: "not-found" };

/**
 * A manager suggests a library scenario to someone in a team they lead. Anyone else, in this
 * organisation or another, is simply not found.
 */
export async function recommendScenario(input: {
  managerId: string;
  organisationId: string;
  toUserId: string;
  scenarioSlug: string;
  note: string;
}): Promise<RecommendResult> {
  const [members, scenario] = await Promise.all([
    membersLedBy(input.managerId, input.organisationId),
    prisma.scenario.findFirst({
      where: { slug: input.scenarioSlug, ...catalogueScope(input.organisationId) },
      // The organisation's own scenario first, as on its practise page.
      orderBy: { organisationId: { sort: "desc", nulls: "last" } },
      select: { id: true },
    }),
  ]);
  const person = members.find((member) => member.id === input.toUserId);
  if (!person || !scenario) return { status: "not-found" };
  await prisma.recommendation.create({
    data: {
      organisationId: input.organisationId,
      scenarioId: scenario.id,
      fromUserId: input.managerId,
      toUserId: person.id,
      note: input.note,
    },
    select: { id: true },
  });
  return { status: "recommended", name: person.name };
}

export type Recommended = { slug: string; from: string; note: string; at: Date };

/**
 * What this person's managers have recommended and they have not completed since, newest first,
 * one per scenario (the newest recommendation's words).
 */
export async function recommendationsFor(userId: string): Promise<Recommended[]> {
  const rows = await prisma.recommendation.findMany({
    where: { toUserId: userId, from: { deactivatedAt: null } },
    orderBy: { createdAt: "desc" },
    select: {
      createdAt: true,
      note: true,
      scenarioId: true,
      scenario: { select: { slug: true } },
      from: { select: { name: true } },
    },
  });
  if (rows.length === 0) return [];
  const completed = await prisma.practiceRun.findMany({
    where: { userId, status: "completed", scenarioVersion: { scenarioId: { in: rows.map((row) => row.scenarioId) } } },
    select: { endedAt: true, scenarioVersion: { select: { scenarioId: true } } },
  });
  const lastCompleted = new Map<string, number>();
  for (const run of completed) {
    const id = run.scenarioVersion.scenarioId;
    lastCompleted.set(id, Math.max(lastCompleted.get(id) ?? 0, run.endedAt?.getTime() ?? 0));
  }
  const seen = new Set<string>();
  const result: Recommended[] = [];
  for (const row of rows) {
    if (seen.has(row.scenarioId)) continue;
    seen.add(row.scenarioId);
    if ((lastCompleted.get(row.scenarioId) ?? 0) > row.createdAt.getTime()) continue;
    result.push({ slug: row.scenario.slug, from: row.from.name, note: row.note, at: row.createdAt });
  }
  return result;
}
