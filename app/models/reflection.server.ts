import type { JournalExport } from "~/domain/journal-export";
import { FRAMEWORKS, isFrameworkId, type FrameworkId } from "~/domain/reflection";
import { prisma } from "~/services/db.server";
import { scenarioOfVersion } from "./practice-run.server";

// Every query names the writer in its `where`: a reflection is only ever found by
// the person who wrote it. (Supervisors will see shared ones through their own query.)

function parseAnswers(json: string): Record<string, string> {
  const value: unknown = JSON.parse(json);
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

export async function organisationFramework(organisationId: string): Promise<FrameworkId> {
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { reflectionFramework: true },
  });
  return isFrameworkId(organisation.reflectionFramework) ? organisation.reflectionFramework : "what-so-what-now-what";
}

export async function createReflection(input: {
  userId: string;
  organisationId: string;
  framework: FrameworkId;
  runId: string | null;
}): Promise<string | null> {
  let title = "";
  if (input.runId) {
    const run = await prisma.practiceRun.findFirst({
      where: { id: input.runId, userId: input.userId },
      select: { scenarioVersion: { select: { scenario: { select: { title: true } } } } },
    });
    if (!run) return null;
    title = `After practising: ${run.scenarioVersion.scenario.title}`;
  }
  const reflection = await prisma.reflection.create({
    data: {
      userId: input.userId,
      organisationId: input.organisationId,
      framework: input.framework,
      runId: input.runId,
      title,
    },
    select: { id: true },
  });
  return reflection.id;
}

export async function getOwnReflection(userId: string, id: string) {
  const reflection = await prisma.reflection.findFirst({
    where: { id, userId },
    select: {
      id: true,
      framework: true,
      title: true,
      answers: true,
      sharedAt: true,
      createdAt: true,
      updatedAt: true,
      run: { select: { id: true, scenarioVersion: { select: { scenario: { select: { title: true } } } } } },
    },
  });
  if (!reflection) return null;
  const framework = isFrameworkId(reflection.framework) ? reflection.framework : "what-so-what-now-what";
  return {
    ...reflection,
    framework,
    prompts: FRAMEWORKS[framework].prompts,
    answers: parseAnswers(reflection.answers),
  };
}

export async function saveReflection(
  userId: string,
  id: string,
  content: { title: string; answers: Record<string, string> },
): Promise<boolean> {
  const { count } = await prisma.reflection.updateMany({
    where: { id, userId },
    data: { title: content.title, answers: JSON.stringify(content.answers) },
  });
  return count === 1;
}

/** Sharing is the writer's choice, and reversible at once. */
export async function setShared(userId: string, id: string, shared: boolean): Promise<boolean> {
  const { count } = await prisma.reflection.updateMany({
    where: { id, userId },
    data: { sharedAt: shared ? new Date() : null },
  });
  return count === 1;
}

export async function deleteReflection(userId: string, id: string): Promise<boolean> {
  const { count } = await prisma.reflection.deleteMany({ where: { id, userId } });
  return count === 1;
}

/** The managers who lead a team this person is a member of: who a shared reflection is shared with. */
export async function supervisorsOf(userId: string): Promise<string[]> {
  const managers = await prisma.user.findMany({
    where: {
      deactivatedAt: null,
      id: { not: userId },
      memberships: { some: { role: "manager", team: { memberships: { some: { userId, role: "member" } } } } },
    },
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return managers.map((manager) => manager.name);
}

export type JournalFilter = { q?: string; from?: Date; to?: Date; skill?: string };

export async function listJournal(userId: string, filter: JournalFilter) {
  const dateRange = {
    ...(filter.from ? { gte: filter.from } : {}),
    ...(filter.to ? { lt: filter.to } : {}),
  };
  const q = filter.q?.trim();
  const [reflections, runs] = await Promise.all([
    prisma.reflection.findMany({
      where: {
        userId,
        ...(filter.from || filter.to ? { updatedAt: dateRange } : {}),
        ...(q ? { OR: [{ title: { contains: q } }, { answers: { contains: q } }] } : {}),
      },
      orderBy: { updatedAt: "desc" },
      take: 200,
      select: {
        id: true,
        title: true,
        framework: true,
        sharedAt: true,
        updatedAt: true,
        run: { select: { scenarioVersionId: true } },
      },
    }),
    prisma.practiceRun.findMany({
      where: { userId, status: { not: "in-progress" }, ...(filter.from || filter.to ? { startedAt: dateRange } : {}) },
      orderBy: { startedAt: "desc" },
      take: 50,
      select: {
        id: true,
        status: true,
        startedAt: true,
        practiceSeconds: true,
        scenarioVersionId: true,
        scenarioVersion: { select: { scenario: { select: { title: true } } } },
        reflections: { select: { id: true } },
      },
    }),
  ]);
  // A skill belongs to the scenario a run was played on; a reflection has the skills of its run.
  const skillsOf = async (versionId: string | undefined) =>
    versionId ? (await scenarioOfVersion(versionId)).skills : ([] as string[]);
  const matches = async (versionId: string | undefined) =>
    !filter.skill || (await skillsOf(versionId)).includes(filter.skill);
  const keptReflections = [];
  for (const reflection of reflections)
    if (await matches(reflection.run?.scenarioVersionId)) keptReflections.push(reflection);
  const keptRuns = [];
  for (const run of runs) if (await matches(run.scenarioVersionId)) keptRuns.push(run);
  return {
    reflections: keptReflections.map(({ run: _run, ...reflection }) => ({
      ...reflection,
      frameworkLabel: isFrameworkId(reflection.framework)
        ? FRAMEWORKS[reflection.framework].label
        : reflection.framework,
    })),
    runs: keptRuns.map((run) => ({
      id: run.id,
      status: run.status,
      startedAt: run.startedAt,
      practiceSeconds: run.practiceSeconds,
      title: run.scenarioVersion.scenario.title,
      reflectionId: run.reflections[0]?.id ?? null,
    })),
  };
}

/** Everything this person wrote and practised, for the export. */
export async function exportJournal(userId: string): Promise<JournalExport> {
  const [person, reflections, runs] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } }),
    prisma.reflection.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        title: true,
        framework: true,
        answers: true,
        sharedAt: true,
        createdAt: true,
        updatedAt: true,
        runId: true,
      },
    }),
    prisma.practiceRun.findMany({
      where: { userId },
      orderBy: { startedAt: "asc" },
      select: {
        id: true,
        status: true,
        startedAt: true,
        endedAt: true,
        practiceSeconds: true,
        confidenceBefore: true,
        confidenceAfter: true,
        steps: { orderBy: { number: "asc" }, select: { nodeId: true, choiceId: true } },
        scenarioVersion: { select: { id: true, number: true, scenario: { select: { title: true } } } },
      },
    }),
  ]);
  return {
    person,
    exportedAt: new Date(),
    reflections: reflections.map((reflection) => ({ ...reflection, answers: parseAnswers(reflection.answers) })),
    runs: await Promise.all(
      runs.map(async (run) => {
        const scenario = await scenarioOfVersion(run.scenarioVersion.id);
        const says = (nodeId: string, choiceId: string) => {
          const node = scenario.nodes.find((candidate) => candidate.id === nodeId);
          const choice =
            node?.type === "line" ? node.choices.find((candidate) => candidate.id === choiceId) : undefined;
          return choice?.says ?? "Carried on after a pause";
        };
        return {
          id: run.id,
          scenario: run.scenarioVersion.scenario.title,
          version: run.scenarioVersion.number,
          status: run.status,
          startedAt: run.startedAt,
          endedAt: run.endedAt,
          practiceSeconds: run.practiceSeconds,
          confidenceBefore: run.confidenceBefore,
          confidenceAfter: run.confidenceAfter,
          replies: run.steps.map((step) => says(step.nodeId, step.choiceId)),
        };
      }),
    ),
  };
}

// What a supervisor may see: reflections their supervisees chose to share, nothing else.
function sharedWithSupervisorWhere(supervisorId: string, organisationId: string) {
  return {
    organisationId,
    sharedAt: { not: null },
    userId: { not: supervisorId },
    user: {
      deactivatedAt: null,
      memberships: {
        some: { role: "member", team: { memberships: { some: { userId: supervisorId, role: "manager" } } } },
      },
    },
  };
}

export async function listSharedWithSupervisor(supervisorId: string, organisationId: string) {
  const rows = await prisma.reflection.findMany({
    where: sharedWithSupervisorWhere(supervisorId, organisationId),
    orderBy: { sharedAt: "desc" },
    take: 100,
    select: { id: true, title: true, framework: true, sharedAt: true, user: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    sharedAt: row.sharedAt,
    writer: row.user.name,
    frameworkLabel: isFrameworkId(row.framework) ? FRAMEWORKS[row.framework].label : row.framework,
  }));
}

export async function getSharedReflection(supervisorId: string, organisationId: string, id: string) {
  const row = await prisma.reflection.findFirst({
    where: { id, ...sharedWithSupervisorWhere(supervisorId, organisationId) },
    select: { id: true, title: true, framework: true, answers: true, sharedAt: true, user: { select: { name: true } } },
  });
  if (!row) return null;
  const framework = isFrameworkId(row.framework) ? row.framework : "what-so-what-now-what";
  return {
    id: row.id,
    title: row.title,
    writer: row.user.name,
    sharedAt: row.sharedAt,
    frameworkLabel: FRAMEWORKS[framework].label,
    prompts: FRAMEWORKS[framework].prompts,
    answers: parseAnswers(row.answers),
  };
}
