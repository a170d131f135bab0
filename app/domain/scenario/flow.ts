import { atomsOf } from "./condition";
import type { Graph } from "./graph";
import type { ScenarioModel } from "./model";

/**
 * What a run can actually do, worked out by one of two analyses (explore.ts, exactly;
 * intervals.ts, as a sound over-approximation when there are too many states). The
 * checker draws its reachability, dead-end and loop findings and its summary from it.
 */
export type Flow = {
  mode: "exact" | "intervals";
  /** Vertices are run states (exact) or nodes (intervals); edges are choices that can be made. */
  graph: Graph;
  nodeOf: ArrayLike<number>;
  initial: number;
  /** offered[node][choice]: the choice is available in some situation the learner can reach. */
  offered: boolean[][];
  deadEnds: DeadEnd[];
  /** The meter values (and visited facts) of a vertex, in words. Empty when nothing varies. */
  describe(vertex: number): string;
  /** A short way to reach the vertex, as node ids, when the analysis knows one. */
  route(vertex: number): string[] | undefined;
};

export type DeadEnd = { node: number; situation: string; vertex: number };

export type ConditionInputs = { readonly meters: readonly string[]; readonly visited: readonly string[] };

const inputsCache = new WeakMap<ScenarioModel, ConditionInputs>();

/** The meters and visited() nodes that any condition reads; nothing else can change what is offered. */
export function conditionInputs(model: ScenarioModel): ConditionInputs {
  const known = inputsCache.get(model);
  if (known) return known;
  const inputs = findInputs(model);
  inputsCache.set(model, inputs);
  return inputs;
}

function findInputs(model: ScenarioModel): ConditionInputs {
  const meters = new Set<string>();
  const visited = new Set<string>();
  for (const node of model.nodes) {
    for (const { condition } of node.choices) {
      for (const atom of condition ? atomsOf(condition) : []) {
        if (atom.kind === "compare") meters.add(atom.meter);
        else visited.add(atom.node);
      }
    }
  }
  // Declaration order keeps messages stable.
  return {
    meters: model.scenario.meters.map((m) => m.id).filter((id) => meters.has(id)),
    visited: model.scenario.nodes.map((n) => n.id).filter((id) => visited.has(id)),
  };
}

export function describeSituation(
  meters: ReadonlyArray<readonly [string, string]>,
  visited: ReadonlyArray<readonly [string, boolean | undefined]>,
): string {
  const parts = meters.map(([id, value]) => `${id} is ${value}`);
  for (const [node, seen] of visited) if (seen !== undefined) parts.push(`visited(${node}) is ${seen}`);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
