/** The scenario domain: the file format, the checker, the engine and Twine import. Pure, no I/O. */
export {
  scenarioSchema,
  skillVocabularySchema,
  practitionerRoles,
  endingTones,
  reservedWords,
  type Scenario,
  type ScenarioInput,
  type ScenarioNode,
  type LineNode,
  type PauseNode,
  type EndingNode,
  type EndingTone,
  type Choice,
  type Meter,
  type Persona,
  type Skill,
} from "./schema";
export { parseCondition, evaluate, type Condition, type ConditionEnv, type ParseResult } from "./condition";
export {
  start,
  startAt,
  choicesAt,
  choose,
  replay,
  replayFrom,
  currentNode,
  isFinished,
  ScenarioError,
  CONTINUE,
  type PlayState,
  type MoveError,
  type MoveResult,
  type ReplayResult,
} from "./engine";
export { checkScenarioSource, checkSkillsSource, type CheckResult, type CheckOptions } from "./check";
export type { CheckContext } from "./references";
export { PATH_CAP, type Summary } from "./runs";
export { formatProblem, type Problem, type ProblemCode, type Severity } from "./problem";
export { formatSummary } from "./summary";
export { scenarioContentHash } from "./hash";
export { importTwee, type TweeImport, type ImportNote } from "./twee";
export { familyReadingEase } from "./voice";
export { LIBRARY_MINIMUMS, libraryShortfalls, findRecovery, type Recovery } from "./standards";
export { scenarioToYaml, scenarioHeader, type ExportOptions } from "./export";
