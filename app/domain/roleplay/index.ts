/** "Practise in your own words": the persona's brief, the director, the coach and the budget. Pure, no I/O. */
export {
  fromRedaction,
  inventedNames,
  practiceSecondsOf,
  practitionerTurnCount,
  type PersonaTurn,
  type PractitionerTurn,
  type PromptMessage,
  type RedactedText,
  type RedactedTranscript,
  type Speaker,
  type Turn,
} from "./transcript";
export { personaBrief, personaMessages, personaReady, playedPersona, type PersonaMessagesInput } from "./persona";
export {
  DEFAULT_TURN_LIMIT,
  DirectorDecision,
  applyDirector,
  arcNodes,
  directorDecisionFor,
  directorMessages,
  nearestEnding,
  startArc,
  type ApplyOptions,
  type ArcPosition,
  type DirectorMessagesInput,
} from "./director";
export {
  CoachFeedback,
  DEFAULT_RUBRIC,
  JUDGEMENTS,
  coachFeedbackSchema,
  coachMessages,
  rubricFor,
  verifyQuotes,
  type CoachMessagesInput,
  type DroppedQuote,
  type Judgement,
  type Rubric,
  type RubricCriterion,
} from "./coach";
export { budgetState, estimateTokens, monthOf, type BudgetState } from "./budget";
export { REPLY_LIMIT, SaySchema, STALE_MESSAGE, type ReplyEvent } from "./reply";
