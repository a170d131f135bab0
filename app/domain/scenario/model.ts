import { atomsOf, parseCondition, type Condition } from "./condition";
import type { Choice, Scenario, ScenarioNode } from "./schema";

/**
 * An index over a checked scenario: nodes by id, conditions parsed once, meters by id.
 * Built lazily and cached per scenario object, so the engine can look things up in
 * constant time without the caller managing a compiled form.
 */
export type IndexedChoice = { choice: Choice; condition: Condition | null; target: number };

export type IndexedNode = {
  node: ScenarioNode;
  index: number;
  /** For a line: its choices. For a pause: one choice, "continue". For an ending: none. */
  choices: IndexedChoice[];
};

export type ScenarioModel = {
  scenario: Scenario;
  nodes: IndexedNode[];
  nodeIndex: Map<string, number>;
  meterIndex: Map<string, number>;
  start: number;
};

/** The id of the one move at a pause. */
export const CONTINUE = "continue";

export class ModelError extends Error {}

const cache = new WeakMap<Scenario, ScenarioModel>();

/** Throws ModelError when the scenario has broken references; the checker reports those first. */
export function modelOf(scenario: Scenario): ScenarioModel {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const model = buildModel(scenario);
  cache.set(scenario, model);
  return model;
}

function buildModel(scenario: Scenario): ScenarioModel {
  const nodeIndex = new Map<string, number>();
  scenario.nodes.forEach((node, index) => {
    if (nodeIndex.has(node.id)) throw new ModelError(`two nodes have the id ${node.id}`);
    nodeIndex.set(node.id, index);
  });
  const meterIndex = new Map(scenario.meters.map((meter, index) => [meter.id, index]));
  const target = (id: string): number => {
    const index = nodeIndex.get(id);
    if (index === undefined) throw new ModelError(`no node has the id ${id}`);
    return index;
  };
  const nodes = scenario.nodes.map((node, index): IndexedNode => {
    if (node.type === "ending") return { node, index, choices: [] };
    if (node.type === "pause") {
      const choice: Choice = { id: CONTINUE, says: "Continue", next: node.next, effects: {}, skills: [] };
      return { node, index, choices: [{ choice, condition: null, target: target(node.next) }] };
    }
    const choices = node.choices.map((choice): IndexedChoice => {
      for (const meter of Object.keys(choice.effects)) {
        if (!meterIndex.has(meter)) throw new ModelError(`no meter has the id ${meter}`);
      }
      const condition = choice.when === undefined ? null : parsed(choice.when);
      for (const atom of condition ? atomsOf(condition) : []) {
        if (atom.kind === "compare" && !meterIndex.has(atom.meter))
          throw new ModelError(`no meter has the id ${atom.meter}`);
        if (atom.kind === "visited") target(atom.node);
      }
      return { choice, condition, target: target(choice.next) };
    });
    return { node, index, choices };
  });
  return { scenario, nodes, nodeIndex, meterIndex, start: target(scenario.start) };
}

function parsed(text: string): Condition {
  const result = parseCondition(text);
  if (!result.ok) throw new ModelError(`condition "${text}" does not parse: ${result.error.message}`);
  return result.condition;
}
