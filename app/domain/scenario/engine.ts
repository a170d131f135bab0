import { evaluate, type ConditionEnv } from "./condition";
import { CONTINUE, ModelError, modelOf, type IndexedNode, type ScenarioModel } from "./model";
import type { Choice, Scenario, ScenarioNode } from "./schema";

/**
 * The player. Authored content (Scenario) and run-time state (PlayState) stay apart;
 * state is plain JSON, so a run can be stored and restored by replaying its path.
 *
 * Errors come in two kinds, on purpose:
 * - An illegal move (an unknown choice, a choice whose condition is false, a move
 *   after an ending, a state that does not fit the scenario) is an expected event:
 *   a stale form or a double submit. `choose` and `replay` return it as a MoveError
 *   in a result; they never throw and never ignore the move.
 * - Handing the engine a scenario that did not pass the checker, or asking for the
 *   choices of a state from another scenario, is a programming error: `start` and
 *   `choicesAt` throw a ScenarioError.
 */

export type PlayState = {
  scenarioId: string;
  /** The id of the node the learner is at. */
  node: string;
  meters: Record<string, number>;
  /** Ids of the nodes seen so far, in the order first seen. */
  visited: string[];
  /** Ids of the choices made so far; a pause's move is "continue". */
  path: string[];
};

export type MoveError =
  | { code: "unknown-choice"; node: string; choiceId: string; message: string }
  | { code: "choice-unavailable"; node: string; choiceId: string; message: string }
  | { code: "finished"; node: string; choiceId: string; message: string }
  | { code: "unknown-node"; node: string; message: string }
  | { code: "invalid-state"; message: string };

export type MoveResult = { ok: true; state: PlayState } | { ok: false; error: MoveError };

export type ReplayResult = { ok: true; state: PlayState } | { ok: false; error: MoveError; step: number };

export class ScenarioError extends Error {
  override readonly name = "ScenarioError";

  constructor(
    readonly code: "invalid-scenario" | "invalid-state",
    message: string,
  ) {
    super(message);
  }
}

export function start(scenario: Scenario): PlayState {
  const model = checkedModel(scenario);
  const meters: Record<string, number> = {};
  for (const meter of scenario.meters) meters[meter.id] = meter.start;
  const first = model.nodes[model.start]!.node.id;
  return { scenarioId: scenario.id, node: first, meters, visited: [first], path: [] };
}

/**
 * A state at any node, as if the conversation began there: the meters at their start
 * values and nothing visited before it. For playtesting a part of a draft; an unknown
 * node is an expected event (a stale form), so it is returned, not thrown.
 */
export function startAt(scenario: Scenario, nodeId: string): MoveResult {
  const model = checkedModel(scenario);
  const index = model.nodeIndex.get(nodeId);
  if (index === undefined) {
    const message = `There is no node "${nodeId}" in scenario "${scenario.id}".`;
    return { ok: false, error: { code: "unknown-node", node: nodeId, message } };
  }
  const node = model.nodes[index]!.node.id;
  return { ok: true, state: { ...start(scenario), node, visited: [node] } };
}

/** The choices the learner can make now. A pause offers one, "continue"; an ending none. */
export function choicesAt(scenario: Scenario, state: PlayState): Choice[] {
  const model = checkedModel(scenario);
  const at = nodeOf(model, state);
  if (!at) throw new ScenarioError("invalid-state", stateMismatch(scenario, state));
  const env = envOf(state);
  return at.choices.filter((c) => c.condition === null || evaluate(c.condition, env)).map((c) => c.choice);
}

export function choose(scenario: Scenario, state: PlayState, choiceId: string): MoveResult {
  const model = checkedModel(scenario);
  const at = nodeOf(model, state);
  if (!at || !fitsMeters(scenario, state)) {
    return { ok: false, error: { code: "invalid-state", message: stateMismatch(scenario, state) } };
  }
  if (at.node.type === "ending") {
    const message = `The conversation has ended at "${at.node.id}"; no more choices can be made.`;
    return { ok: false, error: { code: "finished", node: at.node.id, choiceId, message } };
  }
  const option = at.choices.find((c) => c.choice.id === choiceId);
  if (!option) {
    const message = `There is no choice "${choiceId}" at "${at.node.id}".`;
    return { ok: false, error: { code: "unknown-choice", node: at.node.id, choiceId, message } };
  }
  if (option.condition !== null && !evaluate(option.condition, envOf(state))) {
    const message = `The choice "${choiceId}" at "${at.node.id}" is not available now (${option.choice.when}).`;
    return { ok: false, error: { code: "choice-unavailable", node: at.node.id, choiceId, message } };
  }
  const next = model.nodes[option.target]!.node.id;
  return {
    ok: true,
    state: {
      scenarioId: state.scenarioId,
      node: next,
      meters: applyEffects(scenario, state.meters, option.choice.effects),
      visited: state.visited.includes(next) ? state.visited : [...state.visited, next],
      path: [...state.path, choiceId],
    },
  };
}

/** Plays a path from the start; the same path always gives the same state. */
export function replay(scenario: Scenario, choiceIds: readonly string[]): ReplayResult {
  return replayFrom(scenario, start(scenario), choiceIds);
}

/** Plays a path from a given state (from `startAt`, say); the first illegal move stops it. */
export function replayFrom(scenario: Scenario, from: PlayState, choiceIds: readonly string[]): ReplayResult {
  let state = from;
  for (const [step, choiceId] of choiceIds.entries()) {
    const result = choose(scenario, state, choiceId);
    if (!result.ok) return { ok: false, error: result.error, step };
    state = result.state;
  }
  return { ok: true, state };
}

/** The node the learner is at, for showing its words. */
export function currentNode(scenario: Scenario, state: PlayState): ScenarioNode {
  const at = nodeOf(checkedModel(scenario), state);
  if (!at) throw new ScenarioError("invalid-state", stateMismatch(scenario, state));
  return at.node;
}

export function isFinished(scenario: Scenario, state: PlayState): boolean {
  return currentNode(scenario, state).type === "ending";
}

function checkedModel(scenario: Scenario): ScenarioModel {
  try {
    return modelOf(scenario);
  } catch (error) {
    if (error instanceof ModelError) {
      throw new ScenarioError(
        "invalid-scenario",
        `Scenario "${scenario.id}" has not passed the checker: ${error.message}`,
      );
    }
    throw error;
  }
}

function nodeOf(model: ScenarioModel, state: PlayState): IndexedNode | undefined {
  if (state.scenarioId !== model.scenario.id) return undefined;
  const index = model.nodeIndex.get(state.node);
  return index === undefined ? undefined : model.nodes[index];
}

function fitsMeters(scenario: Scenario, state: PlayState): boolean {
  return scenario.meters.every((meter) => {
    const value = state.meters[meter.id];
    return typeof value === "number" && Number.isInteger(value) && value >= meter.min && value <= meter.max;
  });
}

function stateMismatch(scenario: Scenario, state: PlayState): string {
  return `This state (scenario "${state.scenarioId}", node "${state.node}") does not belong to scenario "${scenario.id}"; replay its path instead.`;
}

function envOf(state: PlayState): ConditionEnv {
  return {
    meter: (id) => state.meters[id] ?? 0,
    visited: (node) => state.visited.includes(node),
  };
}

function applyEffects(
  scenario: Scenario,
  meters: Record<string, number>,
  effects: Record<string, number>,
): Record<string, number> {
  const next = { ...meters };
  for (const meter of scenario.meters) {
    const delta = effects[meter.id];
    if (delta !== undefined) next[meter.id] = clamp((next[meter.id] ?? meter.start) + delta, meter.min, meter.max);
  }
  return next;
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

export { CONTINUE };
