import { atomsOf, evaluate, type ComparisonOperator, type Condition, type ConditionEnv } from "./condition";
import { clamp } from "./engine";
import { conditionInputs, describeSituation, type DeadEnd, type Flow } from "./flow";
import type { Meter } from "./schema";
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

type Box = { lo: number[]; hi: number[]; must: boolean[]; may: boolean[] };

/** A point of a box; `meters` and `bits` are the slots the conditions looked at. */
type Assignment = { values: number[]; seen: boolean[]; meters: Set<number>; bits: Set<number> };

const WIDEN_AFTER = 12;
const MAX_POINTS = 50_000;

export function exploreIntervals(model: ScenarioModel): Flow {
  const inputs = conditionInputs(model);
  const meterSlot = new Map(inputs.meters.map((id, slot) => [id, slot]));
  const visitedSlot = new Map(inputs.visited.map((id, slot) => [id, slot]));
  const meters = inputs.meters.map((id) => model.scenario.meters[model.meterIndex.get(id)!]!);
  const count = model.nodes.length;
  const nodeSlot = model.nodes.map(({ node }) => visitedSlot.get(node.id));
  const boxes: Array<Box | undefined> = new Array<Box | undefined>(count);
  const changes = new Int32Array(count);
  const queued = new Uint8Array(count);
  const queue: number[] = [];

  const arrive = (node: number, box: Box): void => {
    const slot = nodeSlot[node];
    if (slot !== undefined) box.must[slot] = box.may[slot] = true;
    const known = boxes[node];
    if (!known) boxes[node] = box;
    else if (!joinInto(known, box, (changes[node]! += 1) > WIDEN_AFTER ? meters : undefined)) return;
    if (!queued[node]) {
      queued[node] = 1;
      queue.push(node);
    }
  };

  arrive(model.start, {
    lo: meters.map((m) => m.start),
    hi: meters.map((m) => m.start),
    must: inputs.visited.map(() => false),
    may: inputs.visited.map(() => false),
  });
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head]!;
    queued[node] = 0;
    const box = boxes[node]!;
    for (const { condition, choice, target } of model.nodes[node]!.choices) {
      let out: Box | null = copy(box);
      if (condition) {
        if (findPoint([condition], box, ([on]) => on === true, meterSlot, visitedSlot) === null) continue;
        out = refine(condition, false, out, meterSlot, visitedSlot);
        if (!out) continue;
      }
      for (const [id, delta] of Object.entries(choice.effects)) {
        const slot = meterSlot.get(id);
        if (slot === undefined) continue;
        const meter = meters[slot]!;
        out.lo[slot] = clamp(out.lo[slot]! + delta, meter.min, meter.max);
        out.hi[slot] = clamp(out.hi[slot]! + delta, meter.min, meter.max);
      }
      arrive(target, out);
    }
  }

  const offsets: number[] = [0];
  const targets: number[] = [];
  const offered = model.nodes.map(({ choices }) => choices.map(() => false));
  const deadEnds: DeadEnd[] = [];
  for (const [index, { node, choices }] of model.nodes.entries()) {
    const box = boxes[index];
    for (const [c, { condition, target }] of choices.entries()) {
      if (!box) continue;
      if (condition && findPoint([condition], box, ([on]) => on === true, meterSlot, visitedSlot) === null) continue;
      offered[index]![c] = true;
      targets.push(target);
    }
    offsets.push(targets.length);
    if (!box || node.type !== "line" || choices.some((c) => c.condition === null)) continue;
    const conditions = choices.map((c) => c.condition!);
    const point = findPoint(conditions, box, (results) => results.every((on) => !on), meterSlot, visitedSlot);
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
      return describeSituation(
        meters.map((m, i) => [m.id, box.lo[i] === box.hi[i] ? `${box.lo[i]}` : `between ${box.lo[i]} and ${box.hi[i]}`]),
        [],
      );
    },
    route: () => undefined,
  };
}

function copy(box: Box): Box {
  return { lo: [...box.lo], hi: [...box.hi], must: [...box.must], may: [...box.may] };
}

/** Widens `into` to contain `box`; true when it changed. With `widen`, a moving bound jumps to the meter's limit. */
function joinInto(into: Box, box: Box, widen: readonly Meter[] | undefined): boolean {
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
  for (let i = 0; i < into.must.length; i += 1) {
    if (into.must[i] && !box.must[i]) {
      into.must[i] = false;
      changed = true;
    }
    if (!into.may[i] && box.may[i]) {
      into.may[i] = true;
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
 * null when none. Over-approximates under `or`, which is what soundness needs.
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
        if (!box.may[slot]) return null;
        box.must[slot] = true;
      } else {
        if (box.must[slot]) return null;
        box.may[slot] = false;
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
      const conjunction = (condition.kind === "and") !== negated;
      if (conjunction) {
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

/**
 * Looks for a point of the box where `wanted` holds of the conditions' values. Returns
 * the point, null when there is none, or "unknown" when there are too many to try.
 */
function findPoint(
  conditions: readonly Condition[],
  box: Box,
  wanted: (results: boolean[]) => boolean,
  meterSlot: ReadonlyMap<string, number>,
  visitedSlot: ReadonlyMap<string, number>,
): Assignment | null | "unknown" {
  const candidates: number[][] = box.lo.map((lo, i) => [lo, box.hi[i]!]);
  const used = new Set<number>();
  const bits = new Set<number>();
  for (const condition of conditions) {
    for (const atom of atomsOf(condition)) {
      if (atom.kind === "visited") {
        bits.add(visitedSlot.get(atom.node)!);
        continue;
      }
      const slot = meterSlot.get(atom.meter)!;
      used.add(slot);
      for (const v of [atom.value - 1, atom.value, atom.value + 1]) {
        if (v >= box.lo[slot]! && v <= box.hi[slot]!) candidates[slot]!.push(v);
      }
    }
  }
  const dimensions: Array<{ kind: "meter" | "bit"; slot: number; options: Array<number | boolean> }> = [];
  for (const slot of used) dimensions.push({ kind: "meter", slot, options: [...new Set(candidates[slot])] });
  for (const slot of bits) {
    const options = box.must[slot] ? [true] : box.may[slot] ? [false, true] : [false];
    dimensions.push({ kind: "bit", slot, options });
  }
  if (dimensions.reduce((total, d) => total * d.options.length, 1) > MAX_POINTS) return "unknown";

  const point: Assignment = { values: [...box.lo], seen: [...box.must], meters: used, bits };
  const env: ConditionEnv = {
    meter: (id) => point.values[meterSlot.get(id)!]!,
    visited: (id) => point.seen[visitedSlot.get(id)!]!,
  };
  const choice = dimensions.map(() => 0);
  for (;;) {
    for (const [d, dimension] of dimensions.entries()) {
      const option = dimension.options[choice[d]!]!;
      if (dimension.kind === "meter") point.values[dimension.slot] = option as number;
      else point.seen[dimension.slot] = option as boolean;
    }
    if (wanted(conditions.map((c) => evaluate(c, env)))) return point;
    let d = 0;
    while (d < dimensions.length && choice[d] === dimensions[d]!.options.length - 1) choice[d++] = 0;
    if (d === dimensions.length) return null;
    choice[d]! += 1;
  }
}

function describePoint(point: Assignment, meters: readonly string[], visited: readonly string[]): string {
  return describeSituation(
    meters.flatMap((id, i) => (point.meters.has(i) ? [[id, String(point.values[i])] as const] : [])),
    visited.flatMap((id, i) => (point.bits.has(i) ? [[id, point.seen[i]] as const] : [])),
  );
}
