import { atomsOf, compareValues, type ComparisonOperator, type Condition } from "./condition";
import { clamp } from "./engine";
import { conditionInputs, describeSituation, type DeadEnd, type Flow } from "./flow";
import type { ScenarioModel } from "./model";

/**
 * The fallback analysis, used when a scenario has too many states to walk one by one.
 * An abstract interpretation over boxes: for each node, the interval of values each
 * meter that conditions read can have on arrival, and for each node named in a
 * visited(), whether it must or may have been seen. Boxes flow along choices (narrowed
 * by the choice's condition, shifted and clamped by its effects) and are joined where
 * paths meet, until nothing changes; a node whose box keeps growing is widened to its
 * meters' full range, so loops settle quickly.
 *
 * Each box contains every situation a run can really be in at that node, and maybe
 * some it cannot (meters are tracked independently). So this is sound for dead ends:
 * it can raise a false alarm but never miss one. It can miss an unreachable node or a
 * loop that traps only some values; the exact analysis in explore.ts catches those.
 *
 * Questions about one box are answered exactly by enumeration: a comparison with a
 * threshold t changes truth only between t-1, t and t+1, so trying each meter at its
 * bounds and at t-1, t and t+1 for every threshold in range covers every case.
 */

/** Meter intervals, and visited facts as bit sets (32 nodes a word). */
type Box = { lo: number[]; hi: number[]; must: number[]; may: number[] };

/** What a set of conditions looks at, worked out once per choice or node. */
type Probe = {
  conditions: Condition[];
  /** The conditions with meters and visited() facts resolved to slots, for fast evaluation. */
  compiled: Compiled[];
  /** The meter slots the conditions compare, in order of first mention... */
  thresholdSlots: number[];
  /** ...and for each, its candidate values: t-1, t, t+1 of every threshold. */
  thresholdValues: number[][];
  bits: number[];
  /** Working space for findPoint, reused from call to call: per dimension (meter slots, then visited facts) its options. */
  scratch: {
    /** The options of the meter dimensions; `options` starts with these same arrays. */
    meterOptions: number[][];
    options: Array<readonly number[]>;
    counts: number[];
    values: number[];
    seen: boolean[];
    index: number[];
  };
};

/** A condition whose names are resolved: meters to their slot, visited() nodes to their place in `probe.bits`. */
type Compiled =
  | { kind: "compare"; slot: number; op: ComparisonOperator; value: number }
  | { kind: "visited"; position: number }
  | { kind: "not"; operand: Compiled }
  | { kind: "and" | "or"; left: Compiled; right: Compiled }
  | { kind: "literal"; value: boolean };

/** Meter values by slot, and the visited facts in the order of `probe.bits`. */
type Point = { values: number[]; seen: boolean[]; probe: Probe };

/** What findPoint looks for: a point where the (one) condition holds, or where none of them does. */
const SOME_TRUE = 0;
const ALL_FALSE = 1;
type Wanted = typeof SOME_TRUE | typeof ALL_FALSE;

const WIDEN_AFTER = 12;
const MAX_POINTS = 50_000;

const has = (set: number[], bit: number): boolean => ((set[bit >>> 5]! >>> (bit & 31)) & 1) === 1;
const add = (set: number[], bit: number): void => void (set[bit >>> 5] = (set[bit >>> 5]! | (1 << (bit & 31))) >>> 0);
const remove = (set: number[], bit: number): void =>
  void (set[bit >>> 5] = (set[bit >>> 5]! & ~(1 << (bit & 31))) >>> 0);

export function exploreIntervals(model: ScenarioModel): Flow {
  const inputs = conditionInputs(model);
  const meterSlot = new Map(inputs.meters.map((id, slot) => [id, slot]));
  const visitedSlot = new Map(inputs.visited.map((id, slot) => [id, slot]));
  const meters = inputs.meters.map((id) => model.scenario.meters[model.meterIndex.get(id)!]!);
  const count = model.nodes.length;
  const nodeSlot = model.nodes.map(({ node }) => visitedSlot.get(node.id));
  const probeOf = (conditions: Condition[]): Probe => makeProbe(conditions, meterSlot, visitedSlot);
  const probes = model.nodes.map(({ choices }) =>
    choices.map(({ condition }) => (condition ? probeOf([condition]) : null)),
  );
  /** Per node and choice, the effects on meters that conditions read, as [slot, delta, slot, delta, ...]. */
  const effects: number[][][] = [];
  for (const { choices } of model.nodes) {
    const perChoice: number[][] = [];
    for (const { choice } of choices) {
      const flat: number[] = [];
      for (const id in choice.effects) {
        const slot = meterSlot.get(id);
        if (slot !== undefined) flat.push(slot, choice.effects[id]!);
      }
      perChoice.push(flat);
    }
    effects.push(perChoice);
  }

  const boxes: Array<Box | undefined> = new Array<Box | undefined>(count);
  const changes = new Int32Array(count);
  const dirty = new Uint8Array(count);
  const words = Math.ceil(inputs.visited.length / 32);

  const arrive = (node: number, box: Box): void => {
    const slot = nodeSlot[node];
    if (slot !== undefined) {
      add(box.must, slot);
      add(box.may, slot);
    }
    const known = boxes[node];
    // The scratch box is reused for the next choice, so a node keeps a copy of it.
    if (!known) boxes[node] = box === scratch ? copy(box) : box;
    else if (!joinInto(known, box, (changes[node]! += 1) > WIDEN_AFTER ? meters : undefined)) return;
    dirty[node] = 1;
  };

  /** Where a choice's outgoing box is worked out, to spare an allocation per choice and sweep. */
  const scratch: Box = {
    lo: meters.map(() => 0),
    hi: meters.map(() => 0),
    must: new Array<number>(words).fill(0),
    may: new Array<number>(words).fill(0),
  };

  const first: Box = {
    lo: meters.map((m) => m.start),
    hi: meters.map((m) => m.start),
    must: new Array<number>(words).fill(0),
    may: new Array<number>(words).fill(0),
  };
  arrive(model.start, first);
  // Sweeping in depth-first order from the start settles forward-flowing scenarios in one pass.
  const order = depthFirstOrder(model);
  for (let busy = true; busy;) {
    busy = false;
    for (const node of order) {
      if (!dirty[node]) continue;
      dirty[node] = 0;
      busy = true;
      const box = boxes[node]!;
      const choices = model.nodes[node]!.choices;
      const nodeProbes = probes[node]!;
      const nodeEffects = effects[node]!;
      for (let c = 0; c < choices.length; c += 1) {
        const { condition, target } = choices[c]!;
        const probe = nodeProbes[c];
        let out: Box | null;
        if (condition && probe) {
          if (!mayHold(probe, box)) continue;
          out = refine(condition, false, copyInto(scratch, box), meterSlot, visitedSlot);
          if (!out) continue;
        } else {
          out = copyInto(scratch, box);
        }
        const flat = nodeEffects[c]!;
        for (let e = 0; e < flat.length; e += 2) {
          const slot = flat[e]!;
          const delta = flat[e + 1]!;
          const meter = meters[slot]!;
          out.lo[slot] = clamp(out.lo[slot]! + delta, meter.min, meter.max);
          out.hi[slot] = clamp(out.hi[slot]! + delta, meter.min, meter.max);
        }
        arrive(target, out);
      }
    }
  }

  const offsets: number[] = [0];
  const targets: number[] = [];
  const offered = model.nodes.map(({ choices }) => choices.map(() => false));
  const deadEnds: DeadEnd[] = [];
  for (const [index, { node, choices }] of model.nodes.entries()) {
    const box = boxes[index];
    for (let c = 0; c < choices.length; c += 1) {
      const probe = probes[index]![c];
      if (!box || (probe && !mayHold(probe, box))) continue;
      offered[index]![c] = true;
      targets.push(choices[c]!.target);
    }
    offsets.push(targets.length);
    if (!box || node.type !== "line" || choices.some((c) => c.condition === null)) continue;
    const point = findPoint(probeOf(choices.map((c) => c.condition!)), box, ALL_FALSE);
    if (point === null) continue;
    const situation =
      point === "unknown" ? "some values of its meters" : describePoint(point, inputs.meters, inputs.visited);
    deadEnds.push({ node: index, vertex: index, situation });
  }

  return {
    mode: "intervals",
    graph: { size: count, offsets, targets },
    nodeOf: model.nodes.map((_, index) => index),
    initial: model.start,
    offered,
    deadEnds,
    describe: (node) => {
      const box = boxes[node];
      if (!box) return "";
      const range = (i: number): string =>
        box.lo[i] === box.hi[i] ? `${box.lo[i]}` : `between ${box.lo[i]} and ${box.hi[i]}`;
      return describeSituation(
        meters.map((m, i) => [m.id, range(i)] as const),
        [],
      );
    },
    route: () => undefined,
  };
}

function depthFirstOrder(model: ScenarioModel): number[] {
  const seen = new Uint8Array(model.nodes.length);
  const order: number[] = [];
  const stack = [model.start];
  seen[model.start] = 1;
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    const choices = model.nodes[node]!.choices;
    for (let c = choices.length - 1; c >= 0; c -= 1) {
      const target = choices[c]!.target;
      if (!seen[target]) {
        seen[target] = 1;
        stack.push(target);
      }
    }
  }
  return order.sort((a, b) => a - b);
}

function copy(box: Box): Box {
  return { lo: box.lo.slice(), hi: box.hi.slice(), must: box.must.slice(), may: box.may.slice() };
}

function copyInto(into: Box, box: Box): Box {
  for (let i = 0; i < box.lo.length; i += 1) {
    into.lo[i] = box.lo[i]!;
    into.hi[i] = box.hi[i]!;
  }
  for (let w = 0; w < box.must.length; w += 1) {
    into.must[w] = box.must[w]!;
    into.may[w] = box.may[w]!;
  }
  return into;
}

/** Widens `into` to contain `box`; true when it changed. With `widen`, a moving bound jumps to the meter's limit. */
function joinInto(into: Box, box: Box, widen: ReadonlyArray<{ min: number; max: number }> | undefined): boolean {
  let changed = false;
  for (let i = 0; i < into.lo.length; i += 1) {
    if (box.lo[i]! < into.lo[i]!) {
      into.lo[i] = widen ? widen[i]!.min : box.lo[i]!;
      changed = true;
    }
    if (box.hi[i]! > into.hi[i]!) {
      into.hi[i] = widen ? widen[i]!.max : box.hi[i]!;
      changed = true;
    }
  }
  for (let w = 0; w < into.must.length; w += 1) {
    // >>> 0 keeps the words unsigned, so equal sets compare equal.
    const must = (into.must[w]! & box.must[w]!) >>> 0;
    const may = (into.may[w]! | box.may[w]!) >>> 0;
    if (must !== into.must[w] || may !== into.may[w]) {
      into.must[w] = must;
      into.may[w] = may;
      changed = true;
    }
  }
  return changed;
}

const NEGATED: Record<ComparisonOperator, ComparisonOperator> = {
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
  "==": "!=",
  "!=": "==",
};

/**
 * The part of `box` where the condition (or, when `negated`, its opposite) can hold;
 * null when none. Changes `box`. Over-approximates under `or`, as soundness allows.
 */
function refine(
  condition: Condition,
  negated: boolean,
  box: Box,
  meterSlot: ReadonlyMap<string, number>,
  visitedSlot: ReadonlyMap<string, number>,
): Box | null {
  switch (condition.kind) {
    case "literal":
      return condition.value !== negated ? box : null;
    case "not":
      return refine(condition.operand, !negated, box, meterSlot, visitedSlot);
    case "visited": {
      const slot = visitedSlot.get(condition.node)!;
      if (!negated) {
        if (!has(box.may, slot)) return null;
        add(box.must, slot);
      } else {
        if (has(box.must, slot)) return null;
        remove(box.may, slot);
      }
      return box;
    }
    case "compare": {
      const slot = meterSlot.get(condition.meter)!;
      const op = negated ? NEGATED[condition.op] : condition.op;
      const t = condition.value;
      let lo = box.lo[slot]!;
      let hi = box.hi[slot]!;
      if (op === "<") hi = Math.min(hi, t - 1);
      else if (op === "<=") hi = Math.min(hi, t);
      else if (op === ">") lo = Math.max(lo, t + 1);
      else if (op === ">=") lo = Math.max(lo, t);
      else if (op === "==") [lo, hi] = [Math.max(lo, t), Math.min(hi, t)];
      else if (lo === t) lo += 1;
      else if (hi === t) hi -= 1;
      if (lo > hi) return null;
      box.lo[slot] = lo;
      box.hi[slot] = hi;
      return box;
    }
    case "and":
    case "or": {
      if ((condition.kind === "and") !== negated) {
        const left = refine(condition.left, negated, box, meterSlot, visitedSlot);
        return left && refine(condition.right, negated, left, meterSlot, visitedSlot);
      }
      const left = refine(condition.left, negated, copy(box), meterSlot, visitedSlot);
      const right = refine(condition.right, negated, copy(box), meterSlot, visitedSlot);
      if (!left) return right;
      if (right) joinInto(left, right, undefined);
      return left;
    }
  }
}

function makeProbe(
  conditions: Condition[],
  meterSlot: ReadonlyMap<string, number>,
  visitedSlot: ReadonlyMap<string, number>,
): Probe {
  const thresholdSlots: number[] = [];
  const thresholdValues: number[][] = [];
  const visitedNodes: string[] = [];
  const bits: number[] = [];
  for (const condition of conditions) {
    for (const atom of atomsOf(condition)) {
      if (atom.kind === "visited") {
        if (!visitedNodes.includes(atom.node)) {
          visitedNodes.push(atom.node);
          bits.push(visitedSlot.get(atom.node)!);
        }
        continue;
      }
      const slot = meterSlot.get(atom.meter)!;
      let at = thresholdSlots.indexOf(slot);
      if (at === -1) {
        at = thresholdSlots.length;
        thresholdSlots.push(slot);
        thresholdValues.push([]);
      }
      thresholdValues[at]!.push(atom.value - 1, atom.value, atom.value + 1);
    }
  }
  const compiled = conditions.map((condition) => compile(condition, meterSlot, visitedNodes));
  const dimensions = thresholdSlots.length + bits.length;
  const meterOptions = thresholdSlots.map((): number[] => []);
  return {
    conditions,
    compiled,
    thresholdSlots,
    thresholdValues,
    bits,
    scratch: {
      meterOptions,
      options: [...meterOptions, ...bits.map(() => NEVER_SEEN)],
      counts: new Array<number>(dimensions).fill(0),
      values: new Array<number>(meterSlot.size).fill(0),
      seen: bits.map(() => false),
      index: new Array<number>(dimensions).fill(0),
    },
  };
}

function compile(
  condition: Condition,
  meterSlot: ReadonlyMap<string, number>,
  visitedNodes: readonly string[],
): Compiled {
  switch (condition.kind) {
    case "compare":
      return { kind: "compare", slot: meterSlot.get(condition.meter)!, op: condition.op, value: condition.value };
    case "visited":
      return { kind: "visited", position: visitedNodes.indexOf(condition.node) };
    case "not":
      return { kind: "not", operand: compile(condition.operand, meterSlot, visitedNodes) };
    case "and":
    case "or":
      return {
        kind: condition.kind,
        left: compile(condition.left, meterSlot, visitedNodes),
        right: compile(condition.right, meterSlot, visitedNodes),
      };
    case "literal":
      return condition;
  }
}

function holds(condition: Compiled, values: readonly number[], seen: readonly boolean[]): boolean {
  switch (condition.kind) {
    case "compare":
      return compareValues(values[condition.slot]!, condition.op, condition.value);
    case "visited":
      return seen[condition.position]!;
    case "not":
      return !holds(condition.operand, values, seen);
    case "and":
      return holds(condition.left, values, seen) && holds(condition.right, values, seen);
    case "or":
      return holds(condition.left, values, seen) || holds(condition.right, values, seen);
    case "literal":
      return condition.value;
  }
}

/**
 * Looks for a point of the box where `wanted` holds of the conditions' values. Returns
 * the point, null when there is none, or "unknown" when there are too many to try.
 * Points are tried in a fixed order (each meter at its low bound, high bound, then its
 * candidates), so the point found, and the situation reported, are always the same.
 */
function findPoint(probe: Probe, box: Box, wanted: Wanted): Point | null | "unknown" {
  const found = search(probe, box, wanted);
  if (found !== FOUND) return found === NOT_FOUND ? null : "unknown";
  return { values: probe.scratch.values.slice(), seen: probe.scratch.seen.slice(), probe };
}

/** Whether some point of the box may satisfy the probe's (one) condition: findPoint(...) !== null. */
function mayHold(probe: Probe, box: Box): boolean {
  return search(probe, box, SOME_TRUE) !== NOT_FOUND;
}

const FOUND = 0;
const NOT_FOUND = 1;
const TOO_MANY = 2;

/** The search behind findPoint; on FOUND the point is left in the probe's scratch values and seen. */
function search(probe: Probe, box: Box, wanted: Wanted): number {
  const { thresholdSlots, thresholdValues, bits, compiled, scratch } = probe;
  const { options, meterOptions, counts, values, seen, index } = scratch;
  const meterCount = thresholdSlots.length;
  const dimensions = meterCount + bits.length;
  let points = 1;
  for (let t = 0; t < meterCount; t += 1) {
    const slot = thresholdSlots[t]!;
    const lo = box.lo[slot]!;
    const hi = box.hi[slot]!;
    // The same order as a set of lo, hi, then the candidates in range.
    const list = meterOptions[t]!;
    const candidates = thresholdValues[t]!;
    let n = 0;
    list[n++] = lo;
    if (hi !== lo) list[n++] = hi;
    for (let k = 0; k < candidates.length; k += 1) {
      const v = candidates[k]!;
      if (v < lo || v > hi) continue;
      let known = false;
      for (let j = 0; j < n; j += 1) if (list[j] === v) known = true;
      if (!known) list[n++] = v;
    }
    counts[t] = n;
    points *= n;
  }
  for (let position = 0; position < bits.length; position += 1) {
    const bit = bits[position]!;
    const option = has(box.must, bit) ? ONLY_SEEN : has(box.may, bit) ? EITHER : NEVER_SEEN;
    options[meterCount + position] = option;
    counts[meterCount + position] = option.length;
    points *= option.length;
  }
  if (points > MAX_POINTS) return TOO_MANY;

  for (let i = 0; i < box.lo.length; i += 1) values[i] = box.lo[i]!;
  for (let position = 0; position < bits.length; position += 1) seen[position] = has(box.must, bits[position]!);
  for (let d = 0; d < dimensions; d += 1) index[d] = 0;
  for (;;) {
    for (let d = 0; d < dimensions; d += 1) {
      const option = options[d]![index[d]!]!;
      if (d < meterCount) values[thresholdSlots[d]!] = option;
      else seen[d - meterCount] = option === 1;
    }
    if (wanted === SOME_TRUE ? holds(compiled[0]!, values, seen) : noneHolds(compiled, values, seen)) return FOUND;
    let d = 0;
    while (d < dimensions && index[d] === counts[d]! - 1) index[d++] = 0;
    if (d === dimensions) return NOT_FOUND;
    index[d]! += 1;
  }
}

const ONLY_SEEN: readonly number[] = [1];
const NEVER_SEEN: readonly number[] = [0];
const EITHER: readonly number[] = [0, 1];

function noneHolds(conditions: readonly Compiled[], values: readonly number[], seen: readonly boolean[]): boolean {
  for (const condition of conditions) if (holds(condition, values, seen)) return false;
  return true;
}

/** A dead end's situation, naming only the meters and nodes its conditions look at. */
function describePoint(point: Point, meters: readonly string[], visited: readonly string[]): string {
  return describeSituation(
    meters.flatMap((id, slot) =>
      point.probe.thresholdSlots.includes(slot) ? [[id, String(point.values[slot])] as const] : [],
    ),
    visited.flatMap((id, bit) => {
      const position = point.probe.bits.indexOf(bit);
      return position === -1 ? [] : [[id, point.seen[position]!] as const];
    }),
  );
}
