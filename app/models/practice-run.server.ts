import { randomUUID } from "node:crypto";
import { choose, start, type PlayState, type Scenario } from "~/domain/scenario";
import { countedGapSeconds } from "~/domain/practice-time";
import { prisma } from "~/services/db.server";
import { BUSY, hotRead, hotWrite, sqliteDate, sqliteDateText } from "~/services/hot-path.server";

// Versions are stored only after the checker accepted them, so their content is a valid Scenario.
function scenarioOf(content: string): Scenario {
  return JSON.parse(content) as Scenario;
}

// Versions never change, so each is parsed once and kept (a few dozen small scenarios at most).
const versionCache = new Map<string, Scenario>();
const VERSION_CACHE_LIMIT = 200;

export async function scenarioOfVersion(versionId: string): Promise<Scenario> {
  const cached = versionCache.get(versionId);
  if (cached) return cached;
  const version = await prisma.scenarioVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { content: true },
  });
  const scenario = scenarioOf(version.content);
  const oldest = versionCache.keys().next();
  if (versionCache.size >= VERSION_CACHE_LIMIT && !oldest.done) versionCache.delete(oldest.value);
  versionCache.set(versionId, scenario);
  return scenario;
}

/** The scenarios a person of this organisation may practise: the library and the organisation's own published ones. */
export function catalogueScope(organisationId: string) {
  return {
    OR: [
      { origin: "library", organisationId: null },
      { origin: "organisation", organisationId, archivedAt: null },
    ],
  };
}

/**
 * The catalogue at each scenario's newest version, with how often this person has completed each.
 * The organisation's own scenarios are marked, so people can tell them from the library's.
 */
export async function listCatalogue(userId: string, organisationId: string) {
  const [scenarios, completedRuns, inProgress] = await Promise.all([
    prisma.scenario.findMany({
      where: catalogueScope(organisationId),
      orderBy: { title: "asc" },
      select: {
        id: true,
        slug: true,
        origin: true,
        versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } },
      },
    }),
    prisma.practiceRun.findMany({
      where: { userId, status: "completed" },
      select: { scenarioVersion: { select: { scenarioId: true } } },
    }),
    prisma.practiceRun.findMany({
      where: { userId, status: "in-progress" },
      orderBy: { lastActivityAt: "desc" },
      select: { id: true, stepCount: true, scenarioVersion: { select: { scenario: { select: { title: true } } } } },
    }),
  ]);
  // Completions count across versions: a changed file is still the same conversation.
  const completions = new Map<string, number>();
  for (const run of completedRuns) {
    const id = run.scenarioVersion.scenarioId;
    completions.set(id, (completions.get(id) ?? 0) + 1);
  }
  const catalogue = [];
  for (const scenario of scenarios) {
    const versionId = scenario.versions[0]?.id;
    if (!versionId) continue;
    const content = await scenarioOfVersion(versionId);
    catalogue.push({
      slug: scenario.slug,
      title: content.title,
      summary: content.summary,
      skills: content.skills,
      minutes: content.minutes,
      ownOrganisation: scenario.origin === "organisation",
      completed: completions.get(scenario.id) ?? 0,
    });
  }
  return {
    scenarios: catalogue,
    inProgress: inProgress.map((run) => ({
      id: run.id,
      steps: run.stepCount,
      title: run.scenarioVersion.scenario.title,
    })),
  };
}

/**
 * The newest version of a scenario this organisation may practise, by its id: the organisation's own
 * published one (not archived), else the library's.
 */
export async function getLatestPractisableVersion(organisationId: string, slug: string) {
  const scenarios = await prisma.scenario.findMany({
    where: { slug, ...catalogueScope(organisationId) },
    select: { origin: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true } } },
  });
  const chosen = scenarios.find((scenario) => scenario.origin === "organisation") ?? scenarios[0];
  const version = chosen?.versions[0];
  if (!version) return null;
  return { id: version.id, number: version.number, scenario: await scenarioOfVersion(version.id) };
}

export async function getLatestLibraryVersion(slug: string) {
  const scenario = await prisma.scenario.findFirst({
    where: { origin: "library", organisationId: null, slug },
    select: { id: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true } } },
  });
  const version = scenario?.versions[0];
  if (!scenario || !version) return null;
  return {
    id: version.id,
    number: version.number,
    scenarioId: scenario.id,
    scenario: await scenarioOfVersion(version.id),
  };
}

export async function startRun(input: {
  userId: string;
  organisationId: string;
  versionId: string;
  scenario: Scenario;
  confidenceBefore: number | null;
}): Promise<string> {
  const run = await prisma.practiceRun.create({
    data: {
      userId: input.userId,
      organisationId: input.organisationId,
      scenarioVersionId: input.versionId,
      state: JSON.stringify(start(input.scenario)),
      confidenceBefore: input.confidenceBefore,
    },
    select: { id: true },
  });
  return run.id;
}

type RunRow = {
  id: string;
  status: string;
  state: string;
  stepCount: number;
  practiceSeconds: number;
  confidenceBefore: number | null;
  confidenceAfter: number | null;
  startedAt: string;
  endedAt: string | null;
  lastActivityAt: string;
  versionId: string;
  versionNumber: number;
  slug: string;
  lastNodeId: string | null;
  lastChoiceId: string | null;
};

/**
 * A run of this person's (another person's run is simply not found), with its pinned scenario.
 * Read on every step and every page of the player, so a prepared statement (see hot-reads).
 */
export async function getRun(userId: string, runId: string) {
  const row = hotRead<RunRow>(
    `SELECT r.id, r.status, r.state, r.stepCount, r.practiceSeconds, r.confidenceBefore, r.confidenceAfter,
            r.startedAt, r.endedAt, r.lastActivityAt,
            v.id AS versionId, v.number AS versionNumber, sc.slug,
            -- Steps are numbered 1, 2, 3…, so the last move is the one numbered stepCount.
            last.nodeId AS lastNodeId, last.choiceId AS lastChoiceId
       FROM PracticeRun r
       JOIN ScenarioVersion v ON v.id = r.scenarioVersionId
       JOIN Scenario sc ON sc.id = v.scenarioId
       LEFT JOIN PracticeStep last ON last.runId = r.id AND last.number = r.stepCount
      WHERE r.id = ? AND r.userId = ?`,
  ).get(runId, userId);
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    state: JSON.parse(row.state) as PlayState,
    stepCount: row.stepCount,
    practiceSeconds: row.practiceSeconds,
    confidenceBefore: row.confidenceBefore,
    confidenceAfter: row.confidenceAfter,
    startedAt: sqliteDate(row.startedAt),
    endedAt: sqliteDate(row.endedAt),
    lastActivityAt: sqliteDate(row.lastActivityAt),
    // The last move only: the page shows its coach's note. The path itself is in the state.
    steps:
      row.lastNodeId !== null && row.lastChoiceId !== null
        ? [{ nodeId: row.lastNodeId, choiceId: row.lastChoiceId }]
        : [],
    slug: row.slug,
    version: row.versionNumber,
    scenarioVersion: { id: row.versionId, number: row.versionNumber, scenario: { slug: row.slug } },
    scenario: await scenarioOfVersion(row.versionId),
  };
}

export type StepOutcome =
  | { status: "moved"; finished: boolean }
  | { status: "stale" }
  | { status: "not-in-progress" }
  | { status: "illegal"; message: string }
  | { status: "not-found" };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * Saves one move. The post names the step it answers: if another tab or a
 * double click got there first, nothing is stored twice and the caller is told
 * the page was stale. The step is saved before the next moment is shown.
 */
export async function takeStep(
  userId: string,
  runId: string,
  answersStep: number,
  choiceId: string,
): Promise<StepOutcome> {
  const run = await getRun(userId, runId);
  if (!run) return { status: "not-found" };
  if (run.status !== "in-progress") return { status: "not-in-progress" };
  if (answersStep !== run.stepCount) return { status: "stale" };
  const moved = choose(run.scenario, run.state, choiceId);
  if (!moved.ok) return { status: "illegal", message: moved.error.message };
  const node = run.scenario.nodes.find((candidate) => candidate.id === moved.state.node);
  const finished = node?.type === "ending";
  const now = new Date();
  const step = {
    runId,
    userId,
    answersStep,
    state: JSON.stringify(moved.state),
    gapSeconds: countedGapSeconds(run.lastActivityAt, now),
    finished,
    nodeId: run.state.node,
    choiceId,
    now,
  };
  const fast = saveStepDirectly(step);
  if (fast === "stale") return { status: "stale" };
  if (fast === BUSY) {
    // Prisma is writing at this moment: wait for it the ordinary way.
    try {
      await saveStepWithPrisma(step);
    } catch (error) {
      if (error instanceof StaleStep || isUniqueViolation(error)) return { status: "stale" };
      throw error;
    }
  }
  return { status: "moved", finished };
}

type StepToSave = {
  runId: string;
  userId: string;
  answersStep: number;
  state: string;
  gapSeconds: number;
  finished: boolean;
  nodeId: string;
  choiceId: string;
  now: Date;
};

/**
 * The step in one transaction on the hot path's own connection (the common case). The conditional
 * update is the lock: only one post can move the run from this step; the unique step number is a
 * second guard.
 */
function saveStepDirectly(step: StepToSave): "saved" | "stale" | typeof BUSY {
  const now = sqliteDateText(step.now);
  try {
    return hotWrite((statement) => {
      const claimed = statement(
        `UPDATE PracticeRun
            SET stepCount = @next, state = @state, lastActivityAt = @now,
                practiceSeconds = practiceSeconds + @gap,
                status = CASE WHEN @finished = 1 THEN 'completed' ELSE status END,
                endedAt = CASE WHEN @finished = 1 THEN @now ELSE endedAt END
          WHERE id = @runId AND userId = @userId AND status = 'in-progress' AND stepCount = @step`,
      ).run({
        next: step.answersStep + 1,
        state: step.state,
        now,
        gap: step.gapSeconds,
        finished: step.finished ? 1 : 0,
        runId: step.runId,
        userId: step.userId,
        step: step.answersStep,
      });
      if (claimed.changes !== 1) throw new StaleStep();
      statement(
        `INSERT INTO PracticeStep (id, runId, number, nodeId, choiceId, createdAt)
         VALUES (@id, @runId, @number, @nodeId, @choiceId, @now)`,
      ).run({
        id: randomUUID(),
        runId: step.runId,
        number: step.answersStep + 1,
        nodeId: step.nodeId,
        choiceId: step.choiceId,
        now,
      });
      return "saved" as const;
    });
  } catch (error) {
    if (error instanceof StaleStep || isSqliteUniqueViolation(error)) return "stale";
    throw error;
  }
}

function isSqliteUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE";
}

async function saveStepWithPrisma(step: StepToSave): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.practiceRun.updateMany({
      where: { id: step.runId, userId: step.userId, status: "in-progress", stepCount: step.answersStep },
      data: {
        stepCount: step.answersStep + 1,
        state: step.state,
        lastActivityAt: step.now,
        practiceSeconds: { increment: step.gapSeconds },
        ...(step.finished ? { status: "completed", endedAt: step.now } : {}),
      },
    });
    if (claimed.count !== 1) throw new StaleStep();
    await tx.practiceStep.create({
      data: {
        runId: step.runId,
        number: step.answersStep + 1,
        nodeId: step.nodeId,
        choiceId: step.choiceId,
        createdAt: step.now,
      },
      select: { id: true },
    });
  });
}

class StaleStep extends Error {}

/** Ends a run without completing it; its time still counts. */
export async function abandonRun(userId: string, runId: string): Promise<boolean> {
  const run = await prisma.practiceRun.findFirst({
    where: { id: runId, userId, status: "in-progress" },
    select: { lastActivityAt: true },
  });
  if (!run) return false;
  const now = new Date();
  await prisma.practiceRun.update({
    where: { id: runId },
    data: {
      status: "abandoned",
      endedAt: now,
      lastActivityAt: now,
      practiceSeconds: { increment: countedGapSeconds(run.lastActivityAt, now) },
    },
    select: { id: true },
  });
  return true;
}

export async function recordConfidenceAfter(userId: string, runId: string, confidence: number): Promise<boolean> {
  const { count } = await prisma.practiceRun.updateMany({
    where: { id: runId, userId, status: "completed" },
    data: { confidenceAfter: confidence },
  });
  return count === 1;
}

/**
 * A new run on the same version that starts at moment `fromStep` of an earlier
 * one: the moves before it are replayed and stored again (with no practice time).
 */
export async function tryAgainFrom(
  user: { id: string; organisationId: string },
  runId: string,
  fromStep: number,
): Promise<string | null> {
  const run = await getRun(user.id, runId);
  if (!run || run.status === "in-progress" || fromStep > run.state.path.length) return null;
  // Each replayed move is stored with the node it answered, as if played again just now.
  let state = start(run.scenario);
  const steps = [];
  for (const choiceId of run.state.path.slice(0, fromStep - 1)) {
    const moved = choose(run.scenario, state, choiceId);
    if (!moved.ok) return null;
    steps.push({ number: steps.length + 1, nodeId: state.node, choiceId });
    state = moved.state;
  }
  const created = await prisma.practiceRun.create({
    data: {
      userId: user.id,
      organisationId: user.organisationId,
      scenarioVersionId: run.scenarioVersion.id,
      state: JSON.stringify(state),
      stepCount: steps.length,
      steps: { create: steps },
    },
    select: { id: true },
  });
  return created.id;
}
