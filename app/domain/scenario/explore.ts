import { atomsOf, evaluate, type ConditionEnv } from "./condition";
import { clamp } from "./engine";
import { conditionInputs, describeSituation, type DeadEnd, type Flow } from "./flow";
import type { IndexedChoice, ScenarioModel } from "./model";

/**
 * The exact analysis: a breadth-first walk over every state a run can be in. A state
 * is the node, the values of the meters that conditions read, and whether each node
 * named in a visited() has been seen. Meters no condition reads cannot change what is
 * offered, so leaving them out loses nothing. Gives up (returns null) past `limit`
 * states; the checker then falls back to intervals.ts.
 */
export function exploreExactly(model: ScenarioModel, limit: number): Flow | null {
  const inputs = conditionInputs(model);
  // Visited facts are kept as bits of a 32-bit integer.
  if (inputs.visited.length > 30) return null;
  const meterSlot = new Map(inputs.meters.map((id, slot) => [id, slot]));
  const visitedSlot = new Map(inputs.visited.map((id, slot) => [id, slot]));
  const meters = inputs.meters.map((id) => model.scenario.meters[model.meterIndex.get(id)!]!);
  const width = meters.length;
  const multipliers: number[] = [];
  let space = model.nodes.length;
  for (const meter of meters) {
    multipliers.push(space);
    space *= meter.max - meter.min + 1;
  }
  const bitsMultiplier = space;
  space *= 2 ** inputs.visited.length;
  if (!Number.isSafeInteger(space)) return null;

  const nodeBit = model.nodes.map(({ node }) => {
    const slot = visitedSlot.get(node.id);
    return slot === undefined ? 0 : 1 << slot;
  });
  const effectsOf = model.nodes.map(({ choices }) =>
    choices.map(({ choice }) =>
      Object.entries(choice.effects).flatMap(([id, delta]) => {
        const slot = meterSlot.get(id);
        return slot === undefined ? [] : [[slot, delta] as const];
      }),
    ),
  );

  const keys = new Map<number, number>();
  const stateNode: number[] = [];
  const stateBits: number[] = [];
  const values: number[] = [];
  const parent: number[] = [];
  const offsets: number[] = [0];
  const targets: number[] = [];
  const offered = model.nodes.map(({ choices }) => choices.map(() => false));
  const deadEnds: DeadEnd[] = [];

  const add = (node: number, vals: readonly number[], bits: number, from: number): number => {
    let key = node + bits * bitsMultiplier;
    for (let i = 0; i < width; i += 1) key += (vals[i]! - meters[i]!.min) * multipliers[i]!;
    const known = keys.get(key);
    if (known !== undefined) return known;
    const id = stateNode.length;
    keys.set(key, id);
    stateNode.push(node);
    stateBits.push(bits);
    for (const v of vals) values.push(v);
    parent.push(from);
    return id;
  };

  let base = 0;
  let bitsNow = 0;
  const env: ConditionEnv = {
    meter: (id) => values[base + meterSlot.get(id)!]!,
    visited: (id) => ((bitsNow >> visitedSlot.get(id)!) & 1) === 1,
  };

  add(
    model.start,
    meters.map((m) => m.start),
    nodeBit[model.start]!,
    -1,
  );
  for (let state = 0; state < stateNode.length; state += 1) {
    if (stateNode.length > limit) return null;
    const node = stateNode[state]!;
    base = state * width;
    bitsNow = stateBits[state]!;
    const { choices, node: authored } = model.nodes[node]!;
    let available = 0;
    for (const [c, { condition, target }] of choices.entries()) {
      if (condition && !evaluate(condition, env)) continue;
      available += 1;
      offered[node]![c] = true;
      const next = values.slice(base, base + width);
      for (const [slot, delta] of effectsOf[node]![c]!) {
        next[slot] = clamp(next[slot]! + delta, meters[slot]!.min, meters[slot]!.max);
      }
      targets.push(add(target, next, bitsNow | nodeBit[target]!, state));
    }
    offsets.push(targets.length);
    if (available === 0 && authored.type === "line") {
      deadEnds.push({ node, vertex: state, situation: describe(state, namesIn(choices)) });
    }
  }

  /** The situation of a state in words, limited to the names in `only` when given. */
  function describe(state: number, only?: ReadonlySet<string>): string {
    const at = state * width;
    const wanted = (id: string): boolean => only === undefined || only.has(id);
    return describeSituation(
      meters.flatMap((m, i) => (wanted(m.id) ? [[m.id, String(values[at + i])] as const] : [])),
      inputs.visited.flatMap((id, slot) =>
        wanted(id) ? [[id, ((stateBits[state]! >> slot) & 1) === 1] as const] : [],
      ),
    );
  }

  return {
    mode: "exact",
    graph: { size: stateNode.length, offsets, targets },
    nodeOf: stateNode,
    initial: 0,
    offered,
    deadEnds,
    describe: (state) => describe(state),
    route: (state) => {
      const nodes: string[] = [];
      for (let s = state; s !== -1; s = parent[s]!) nodes.push(model.nodes[stateNode[s]!]!.node.id);
      return nodes.reverse();
    },
  };
}

/** The meters and nodes that a node's conditions mention. */
function namesIn(choices: readonly IndexedChoice[]): Set<string> {
  const names = new Set<string>();
  for (const { condition } of choices) {
    for (const atom of condition ? atomsOf(condition) : []) names.add(atom.kind === "compare" ? atom.meter : atom.node);
  }
  return names;
}
