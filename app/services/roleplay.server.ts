import { describeRedaction, redact } from "~/domain/redaction";
import { londonMonth } from "~/domain/london-time";
import {
  applyDirector,
  budgetState,
  coachFeedbackSchema,
  coachMessages,
  directorDecisionFor,
  directorMessages,
  fromRedaction,
  inventedNames,
  personaMessages,
  personaReady,
  playedPersona,
  rubricFor,
  verifyQuotes,
  DEFAULT_TURN_LIMIT,
  type CoachFeedback,
  type RedactedTranscript,
} from "~/domain/roleplay";
import type { Scenario } from "~/domain/scenario";
import { aiTokensUsed, getAiSettings } from "~/models/organisation.server";
import { addTokens, saveTurns, type OwnWordsRun } from "~/models/roleplay.server";
import { aiAvailability, AiError, completeJson, streamChat, type TokenUsage } from "./ai.server";
import { getEnv } from "./env.server";

/**
 * Practising in your own words: whether it can be offered, and one turn of it (redact, direct,
 * answer as the parent, or end with the coach's feedback). See docs/decisions/006-own-words.md.
 */

export type Availability =
  | { available: true; remaining: number }
  | { available: false; reason: "provider" | "organisation" | "persona" | "budget"; message: string };

export async function ownWordsAvailability(
  organisationId: string,
  scenario: Scenario,
  now: Date,
): Promise<Availability> {
  if (aiAvailability() === "off") {
    return {
      available: false,
      reason: "provider",
      message:
        "Practising in your own words is not set up on this server. Whoever runs Heartwork can add an AI provider, and an admin can then turn it on in Settings.",
    };
  }
  const settings = await getAiSettings(organisationId);
  if (!settings.aiRoleplayEnabled) {
    return {
      available: false,
      reason: "organisation",
      message: "Practising in your own words is turned off for your organisation. An admin can turn it on in Settings.",
    };
  }
  if (!personaReady(scenario)) {
    return {
      available: false,
      reason: "persona",
      message: "This conversation cannot be practised in your own words yet: its parent is not fully written.",
    };
  }
  const month = londonMonth(now);
  const used = await aiTokensUsed(organisationId, month.start, month.end);
  const budget = budgetState({ used: used.in + used.out, budget: settings.aiMonthlyTokenBudget });
  if (budget.spent) return { available: false, reason: "budget", message: budget.message };
  return { available: true, remaining: budget.remaining };
}

export type TurnOutcome =
  | { status: "answered"; ended: boolean; removed: string }
  | { status: "stale" }
  | { status: "unavailable"; message: string }
  | { status: "ai-error"; message: string };

function transcriptOf(run: OwnWordsRun): RedactedTranscript {
  // Stored practitioner turns were redacted before they were stored; they are redacted again
  // before leaving the server, so nothing read back can slip through unredacted.
  const allowedNames = inventedNames(run.scenario);
  return run.turns.map((turn) =>
    turn.speaker === "practitioner"
      ? { speaker: "practitioner", text: fromRedaction(redact(turn.text, { allowedNames })), at: turn.createdAt }
      : { speaker: "persona", text: turn.text, at: turn.createdAt },
  );
}

function add(total: TokenUsage, more: TokenUsage): TokenUsage {
  return { input: total.input + more.input, output: total.output + more.output };
}

/** One turn: what the practitioner wrote, and the parent's answer or the end of the conversation. */
export async function takeOwnWordsTurn(
  run: OwnWordsRun,
  typed: string,
  now: Date,
  options: { onToken?: (token: string) => void; signal?: AbortSignal } = {},
): Promise<TurnOutcome> {
  const availability = await ownWordsAvailability(run.organisationId, run.scenario, now);
  if (!availability.available) return { status: "unavailable", message: availability.message };
  const persona = playedPersona(run.scenario);
  if (!persona) return { status: "unavailable", message: "This conversation has nobody for the AI to play." };

  const redaction = redact(typed, { allowedNames: inventedNames(run.scenario) });
  const said = fromRedaction(redaction);
  const transcript: RedactedTranscript = [...transcriptOf(run), { speaker: "practitioner", text: said, at: now }];
  const turn = transcript.filter((entry) => entry.speaker === "practitioner").length;
  const env = getEnv();
  let usage: TokenUsage = { input: 0, output: 0 };
  try {
    const decision = await completeJson({
      model: env.OPENAI_COACH_MODEL,
      messages: directorMessages({
        scenario: run.scenario,
        transcript,
        currentNodeId: run.arc.nodeId,
        turnsLeft: Math.max(0, DEFAULT_TURN_LIMIT - turn),
      }),
      schema: directorDecisionFor(run.scenario),
      schemaName: "director",
    });
    usage = add(usage, decision.usage);
    const arc = applyDirector(run.scenario, decision.value, { currentNodeId: run.arc.nodeId, turn });

    let reply: string | null = null;
    let feedback: CoachFeedback | null = null;
    if (arc.ended) {
      const rubric = rubricFor(run.scenario);
      const coach = await completeJson({
        model: env.OPENAI_COACH_MODEL,
        messages: coachMessages({ scenario: run.scenario, transcript, rubric }),
        schema: coachFeedbackSchema(rubric),
        schemaName: "coach",
      });
      usage = add(usage, coach.usage);
      // The coach may only quote what the practitioner really said.
      feedback = verifyQuotes(coach.value, transcript).feedback;
    } else {
      const answer = await streamChat({
        model: env.OPENAI_PERSONA_MODEL,
        messages: personaMessages({ scenario: run.scenario, personaId: persona.id, transcript, arc }),
        onToken: options.onToken,
        signal: options.signal,
      });
      usage = add(usage, answer.usage);
      reply = answer.text.trim();
    }
    const saved = await saveTurns({
      run,
      turns: [
        { speaker: "practitioner", text: said },
        ...(reply ? [{ speaker: "persona" as const, text: reply }] : []),
      ],
      arc,
      tokens: usage,
      coachFeedback: feedback,
      now,
    });
    if (saved === "stale") {
      await addTokens(run.id, usage);
      return { status: "stale" };
    }
    return { status: "answered", ended: arc.ended, removed: describeRedaction(redaction.removed) };
  } catch (error) {
    if (!(error instanceof AiError)) throw error;
    // What was spent still counts towards the allowance; what they typed is kept on the page.
    await addTokens(run.id, add(usage, error.usage ?? { input: 0, output: 0 }));
    return { status: "ai-error", message: error.message };
  }
}
