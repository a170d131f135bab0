import { countedGapSeconds } from "~/domain/practice-time";
import { playedPersona, startArc, type ArcPosition, type CoachFeedback } from "~/domain/roleplay";
import type { Scenario } from "~/domain/scenario";
import { prisma } from "~/services/db.server";
import { scenarioOfVersion } from "./practice-run.server";

/**
 * Own-words runs: a PracticeRun with mode "own-words", whose state is where the conversation
 * stands in the scenario's arc, and whose turns are RoleplayTurn rows (the practitioner's as
 * redacted and sent). `stepCount` counts the turns stored, so a post names the turn it answers
 * and a double submit or a second tab never stores a turn twice.
 */

export type OwnWordsState = { mode: "own-words"; arc: ArcPosition };

export async function startOwnWordsRun(input: {
  userId: string;
  organisationId: string;
  versionId: string;
  scenario: Scenario;
  confidenceBefore: number | null;
}): Promise<string> {
  const arc = startArc(input.scenario);
  const persona = playedPersona(input.scenario);
  const opening = input.scenario.nodes.find((node) => node.id === arc.nodeId);
  // The parent speaks first when the scenario opens with their line, as in the scripted version.
  const first = opening?.type === "line" && opening.speaker === persona?.id ? opening.text : null;
  const state: OwnWordsState = { mode: "own-words", arc };
  const run = await prisma.practiceRun.create({
    data: {
      userId: input.userId,
      organisationId: input.organisationId,
      scenarioVersionId: input.versionId,
      mode: "own-words",
      state: JSON.stringify(state),
      stepCount: first ? 1 : 0,
      confidenceBefore: input.confidenceBefore,
      turns: first ? { create: { number: 1, speaker: "persona", text: first, nodeId: arc.nodeId } } : undefined,
    },
    select: { id: true },
  });
  return run.id;
}

/** One of this person's own-words runs with its turns and pinned scenario; null for anyone else's. */
export async function getOwnWordsRun(userId: string, runId: string) {
  if (runId.length > 40) return null;
  const run = await prisma.practiceRun.findFirst({
    where: { id: runId, userId, mode: "own-words" },
    select: {
      id: true,
      organisationId: true,
      status: true,
      state: true,
      stepCount: true,
      practiceSeconds: true,
      lastActivityAt: true,
      coachFeedback: true,
      tokensIn: true,
      tokensOut: true,
      scenarioVersion: { select: { id: true, scenario: { select: { slug: true } } } },
      turns: { orderBy: { number: "asc" }, select: { number: true, speaker: true, text: true, createdAt: true } },
    },
  });
  if (!run) return null;
  const state = JSON.parse(run.state) as OwnWordsState;
  return {
    ...run,
    arc: state.arc,
    slug: run.scenarioVersion.scenario.slug,
    scenario: await scenarioOfVersion(run.scenarioVersion.id),
    coachFeedback: run.coachFeedback ? (JSON.parse(run.coachFeedback) as CoachFeedback) : null,
  };
}

export type OwnWordsRun = NonNullable<Awaited<ReturnType<typeof getOwnWordsRun>>>;

/**
 * Saves a practitioner turn and the reply (or the ending) in one transaction, if the run is still
 * where the caller read it: "stale" when another post got there first.
 */
export async function saveTurns(input: {
  run: OwnWordsRun;
  turns: { speaker: "practitioner" | "persona"; text: string }[];
  arc: ArcPosition;
  tokens: { input: number; output: number };
  coachFeedback: CoachFeedback | null;
  now: Date;
}): Promise<"saved" | "stale"> {
  const { run, now } = input;
  const state: OwnWordsState = { mode: "own-words", arc: input.arc };
  try {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.practiceRun.updateMany({
        where: { id: run.id, status: "in-progress", stepCount: run.stepCount },
        data: {
          stepCount: run.stepCount + input.turns.length,
          state: JSON.stringify(state),
          lastActivityAt: now,
          practiceSeconds: { increment: countedGapSeconds(run.lastActivityAt, now) },
          tokensIn: { increment: input.tokens.input },
          tokensOut: { increment: input.tokens.output },
          ...(input.arc.ended ? { status: "completed", endedAt: now } : {}),
          ...(input.coachFeedback ? { coachFeedback: JSON.stringify(input.coachFeedback) } : {}),
        },
      });
      if (claimed.count !== 1) throw new StaleTurn();
      await tx.roleplayTurn.createMany({
        data: input.turns.map((turn, i) => ({
          runId: run.id,
          number: run.stepCount + i + 1,
          speaker: turn.speaker,
          text: turn.text,
          nodeId: input.arc.nodeId,
          createdAt: now,
        })),
      });
    });
  } catch (error) {
    if (error instanceof StaleTurn) return "stale";
    throw error;
  }
  return "saved";
}

/** Tokens used by a run that then failed part way (the provider still counted them). */
export async function addTokens(runId: string, tokens: { input: number; output: number }): Promise<void> {
  if (tokens.input === 0 && tokens.output === 0) return;
  await prisma.practiceRun.update({
    where: { id: runId },
    data: { tokensIn: { increment: tokens.input }, tokensOut: { increment: tokens.output } },
    select: { id: true },
  });
}

class StaleTurn extends Error {}

/**
 * Deletes own-words transcripts older than each organisation's retention setting. The run and its
 * figures (time, tokens, the coach's feedback) stay; only the words go. Returns how many turns.
 */
export async function purgeExpiredTranscripts(now: Date): Promise<number> {
  const organisations = await prisma.organisation.findMany({ select: { id: true, transcriptRetentionDays: true } });
  let deleted = 0;
  for (const organisation of organisations) {
    const before = new Date(now.getTime() - organisation.transcriptRetentionDays * 24 * 60 * 60 * 1000);
    const { count } = await prisma.roleplayTurn.deleteMany({
      where: { createdAt: { lt: before }, run: { organisationId: organisation.id } },
    });
    deleted += count;
  }
  return deleted;
}
