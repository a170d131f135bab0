import { atomsOf, evaluate, type ComparisonOperator, type Condition, type ConditionEnv } from "./condition";
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
  /** Candidate values (t-1, t, t+1 of every threshold) per meter slot. */
  thresholds: Map<number, number[]>;
  bits: number[];
  meterSlot: ReadonlyMap<string, number>;
  /** Node id to its position in `bits`. */
  bitIndex: ReadonlyMap<string, number>;
};

/** Meter values by slot, and the visited facts in the order of `probe.bits`. */
type Point = { values: number[]; seen: boolean[]; probe: Probe };

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
  const effects = model.nodes.map(({ choices }) =>
    choices.map(({ choice }) =>
      Object.entries(choice.effects).flatMap(([id, delta]) => {
        const slot = meterSlot.get(id);
        return slot === undefined ? [] : [[slot, delta] as const];
      }),
    ),
  );

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
    if (!known) boxes[node] = box;
    else if (!joinInto(known, box, (changes[node]! += 1) > WIDEN_AFTER ? meters : undefined)) return;
    dirty[node] = 1;
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
      model.nodes[node]!.choices.forEach(({ condition, target }, c) => {
        let out: Box | null = copy(box);
        const probe = probes[node]![c];
        if (condition && probe) {
          if (findPoint(probe, box, (on) => on[0] === true) === null) return;
          out = refine(condition, false, out, meterSlot, visitedSlot);
          if (!out) return;
        }
        for (const [slot, delta] of effects[node]![c]!) {
          const meter = meters[slot]!;
          out.lo[slot] = clamp(out.lo[slot]! + delta, meter.min, meter.max);
          out.hi[slot] = clamp(out.hi[slot]! + delta, meter.min, meter.max);
        }
        arrive(target, out);
      });
    }
  }

  const offsets: number[] = [0];
  const targets: number[] = [];
  const offered = model.nodes.map(({ choices }) => choices.map(() => false));
  const deadEnds: DeadEnd[] = [];
  for (const [index, { node, choices }] of model.nodes.entries()) {
    const box = boxes[index];
    choices.forEach(({ target }, c) => {
      const probe = probes[index]![c];
      if (!box || (probe && findPoint(probe, box, (on) => on[0] === true) === null)) return;
      offered[index]![c] = true;
      targets.push(target);
    });
    offsets.push(targets.length);
    if (!box || node.type !== "line" || choices.some((c) => c.condition === null)) continue;
    const point = findPoint(probeOf(choices.map((c) => c.condition!)), box, (on) => on.every((value) => !value));
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
  const thresholds = new Map<number, number[]>();
  const bitIndex = new Map<string, number>();
  const bits: number[] = [];
  for (const condition of conditions) {
    for (const atom of atomsOf(condition)) {
      if (atom.kind === "visited") {
        if (!bitIndex.has(atom.node)) {
          bitIndex.set(atom.node, bits.length);
          bits.push(visitedSlot.get(atom.node)!);
        }
        continue;
      }
      const slot = meterSlot.get(atom.meter)!;
      const list = thresholds.get(slot) ?? [];
      list.push(atom.value - 1, atom.value, atom.value + 1);
      thresholds.set(slot, list);
    }
  }
  return { conditions, thresholds, bits, meterSlot, bitIndex };
}

/**
 * Looks for a point of the box where `wanted` holds of the conditions' values. Returns
 * the point, null when there is none, or "unknown" when there are too many to try.
 */
function findPoint(probe: Probe, box: Box, wanted: (results: boolean[]) => boolean): Point | null | "unknown" {
  const slots: number[] = [];
  const options: number[][] = [];
  for (const [slot, candidates] of probe.thresholds) {
    const lo = box.lo[slot]!;
    const hi = box.hi[slot]!;
    const values = new Set([lo, hi]);
    for (const v of candidates) if (v >= lo && v <= hi) values.add(v);
    slots.push(slot);
    options.push([...values]);
  }
  for (const [position, bit] of probe.bits.entries()) {
    slots.push(-1 - position);
    options.push(has(box.must, bit) ? [1] : has(box.may, bit) ? [0, 1] : [0]);
  }
  if (options.reduce((total, o) => total * o.length, 1) > MAX_POINTS) return "unknown";

  const values = box.lo.slice();
  const seen = probe.bits.map((bit) => has(box.must, bit));
  const env: ConditionEnv = {
    meter: (id) => values[probe.meterSlot.get(id)!]!,
    visited: (id) => seen[probe.bitIndex.get(id)!]!,
  };
  const index = options.map(() => 0);
  const results = probe.conditions.map(() => false);
  for (;;) {
    for (let d = 0; d < slots.length; d += 1) {
      const slot = slots[d]!;
      const option = options[d]![index[d]!]!;
      if (slot >= 0) values[slot] = option;
      else seen[-1 - slot] = option === 1;
    }
    for (let c = 0; c < results.length; c += 1) results[c] = evaluate(probe.conditions[c]!, env);
    if (wanted(results)) return { values, seen, probe };
    let d = 0;
    while (d < options.length && index[d] === options[d]!.length - 1) index[d++] = 0;
    if (d === options.length) return null;
    index[d]! += 1;
  }
}

/** A dead end's situation, naming only the meters and nodes its conditions look at. */
function describePoint(point: Point, meters: readonly string[], visited: readonly string[]): string {
  return describeSituation(
    meters.flatMap((id, slot) => (point.probe.thresholds.has(slot) ? [[id, String(point.values[slot])] as const] : [])),
    visited.flatMap((id, bit) => {
      const position = point.probe.bits.indexOf(bit);
      return position === -1 ? [] : [[id, point.seen[position]!] as const];
    }),
  );
}
