import type { Scenario } from "~/domain/scenario";
import type { DraftStatus } from "~/domain/scenario/review";
import { prisma } from "~/services/db.server";

// An organisation's own published scenarios, as the studio sees them. Every query names the
// organisation: another organisation's scenario is never found.

export function listOrganisationScenarios(organisationId: string) {
  return prisma.scenario.findMany({
    where: { origin: "organisation", organisationId },
    orderBy: { title: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      archivedAt: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true } },
    },
  });
}

export async function getOrganisationScenario(organisationId: string, scenarioId: string) {
  if (scenarioId.length > 40) return null;
  const scenario = await prisma.scenario.findFirst({
    where: { id: scenarioId, origin: "organisation", organisationId },
    select: {
      id: true,
      slug: true,
      title: true,
      archivedAt: true,
      drafts: { select: { id: true, title: true, status: true } },
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, createdAt: true, publishedById: true, _count: { select: { runs: true } } },
      },
    },
  });
  if (!scenario) return null;
  const publisherIds = [...new Set(scenario.versions.map((version) => version.publishedById).filter(isString))];
  const people = await prisma.user.findMany({
    where: { organisationId, id: { in: publisherIds } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((person) => [person.id, person.name]));
  return {
    ...scenario,
    drafts: scenario.drafts.map((draft) => ({ ...draft, status: draft.status as DraftStatus })),
    versions: scenario.versions.map((version) => ({
      id: version.id,
      number: version.number,
      createdAt: version.createdAt,
      publishedBy: version.publishedById ? (names.get(version.publishedById) ?? "Someone who has left") : "",
      runs: version._count.runs,
    })),
  };
}

function isString(value: string | null): value is string {
  return value !== null;
}

/** Two versions of the organisation's scenario, as checked scenarios, for a diff. */
export async function versionPair(organisationId: string, scenarioId: string, from: number, to: number) {
  const versions = await prisma.scenarioVersion.findMany({
    where: { scenarioId, number: { in: [from, to] }, scenario: { origin: "organisation", organisationId } },
    select: { number: true, content: true },
  });
  const content = (number: number) => {
    const found = versions.find((version) => version.number === number);
    return found ? (JSON.parse(found.content) as Scenario) : null;
  };
  const before = content(from);
  const after = content(to);
  return before && after ? { before, after } : null;
}

/** Archived scenarios leave the catalogue; their versions, runs and reflections stay. */
export async function setArchived(organisationId: string, scenarioId: string, archived: boolean): Promise<boolean> {
  const { count } = await prisma.scenario.updateMany({
    where: { id: scenarioId, origin: "organisation", organisationId },
    data: { archivedAt: archived ? new Date() : null },
  });
  return count === 1;
}

export async function publishedVersionSource(organisationId: string, scenarioId: string, number: number) {
  const version = await prisma.scenarioVersion.findFirst({
    where: { scenarioId, number, scenario: { origin: "organisation", organisationId } },
    select: { source: true, scenario: { select: { slug: true } } },
  });
  return version ? { source: version.source, slug: version.scenario.slug } : null;
}
