import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choicesAt, choose, scenarioSchema, start, type Scenario, type ScenarioInput } from "~/domain/scenario";
import { exploreExactly } from "~/domain/scenario/explore";
import type { Flow } from "~/domain/scenario/flow";
import { breadthFirst } from "~/domain/scenario/graph";
import { exploreIntervals } from "~/domain/scenario/intervals";
import { modelOf } from "~/domain/scenario/model";
import { checkFixture, located } from "./helpers";

const OPS = ["<", "<=", ">", ">=", "==", "!="] as const;

/** Random small scenarios: a few nodes, one or two meters, random conditions and effects. */
const scenarioArbitrary = fc.integer({ min: 2, max: 7 }).chain((size) => {
  const node = fc.nat(size - 1).map((n) => `n${n}`);
  const comparison = fc
    .tuple(fc.constantFrom("ma", "mb"), fc.constantFrom(...OPS), fc.integer({ min: -1, max: 5 }))
    .map(([m, op, k]) => `${m} ${op} ${k}`);
  const { condition } = fc.letrec<{ condition: string }>((tie) => ({
    condition: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      comparison,
      node.map((n) => `visited(${n})`),
      tie("condition").map((c) => `not (${c})`),
      fc
        .tuple(tie("condition"), fc.constantFrom("and", "or"), tie("condition"))
        .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    ),
  }));
  const choice = fc.record({
    next: node,
    when: fc.option(condition, { nil: undefined, freq: 2 }),
    ma: fc.integer({ min: -2, max: 2 }),
    mb: fc.integer({ min: -2, max: 2 }),
  });
  const kind = fc.constantFrom("line", "line", "line", "pause", "ending");
  return fc.record({
    starts: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
    nodes: fc.array(fc.record({ kind, choices: fc.array(choice, { minLength: 1, maxLength: 3 }) }), {
      minLength: size,
      maxLength: size,
    }),
  });
});

function build(spec: Parameters<typeof toScenario>[0]): Scenario {
  return scenarioSchema.parse(toScenario(spec));
}

function toScenario(spec: {
  starts: [number, number];
  nodes: Array<{ kind: string; choices: Array<{ next: string; when?: string; ma: number; mb: number }> }>;
}): ScenarioInput {
  return {
    id: "random",
    title: "Random",
    summary: "Random.",
    audience: ["senco"],
    skills: ["listening"],
    minutes: 1,
    personas: [{ id: "p", name: "P", relationship: "r", background: "b", wants: "w", fears: "f", voice: "v" }],
    meters: [
      { id: "ma", label: "A", start: spec.starts[0], min: 0, max: 4, visible: true },
      { id: "mb", label: "B", start: spec.starts[1], min: 0, max: 4, visible: true },
    ],
    start: "n0",
    nodes: spec.nodes.map((n, i) => {
      const id = `n${i}`;
      if (n.kind === "ending") {
        return { id, type: "ending", title: "E", tone: "mixed", debrief: "d", wentWell: ["w"], tryNext: ["t"] };
      }
      if (n.kind === "pause") return { id, type: "pause", prompt: "p", next: n.choices[0]!.next };
      return {
        id,
        type: "line",
        text: "t",
        choices: n.choices.map((c, j) => ({
          id: `c${j}`,
          says: `s${j}`,
          next: c.next,
          effects: { ma: c.ma, mb: c.mb },
          ...(c.when === undefined ? {} : { when: c.when }),
        })),
      };
    }),
  };
}

function reachedNodes(flow: Flow): Set<number> {
  const distance = breadthFirst(flow.graph, [flow.initial]).distance;
  const nodes = new Set<number>();
  for (let v = 0; v < flow.graph.size; v += 1) if (distance[v] !== -1) nodes.add(flow.nodeOf[v]!);
  return nodes;
}

describe("run analysis", () => {
  it("intervals never miss what the exact analysis finds (dead ends), nor claim less is reachable", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (spec) => {
        const model = modelOf(build(spec));
        const exact = exploreExactly(model, 1_000_000)!;
        const intervals = exploreIntervals(model);
        const reachedExactly = reachedNodes(exact);
        const reachedByIntervals = reachedNodes(intervals);
        for (const node of reachedExactly) expect(reachedByIntervals.has(node)).toBe(true);
        const intervalDeadEnds = new Set(intervals.deadEnds.map((d) => d.node));
        for (const deadEnd of exact.deadEnds) expect(intervalDeadEnds.has(deadEnd.node)).toBe(true);
        exact.offered.forEach((choices, n) =>
          choices.forEach((offered, c) => {
            if (offered) expect(intervals.offered[n]![c]).toBe(true);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("the engine only ever meets dead ends and nodes that the exact analysis predicted", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), (spec, picks) => {
        const scenario = build(spec);
        const model = modelOf(scenario);
        const exact = exploreExactly(model, 1_000_000)!;
        const reached = reachedNodes(exact);
        const deadEnds = new Set(exact.deadEnds.map((d) => d.node));
        let state = start(scenario);
        for (const pick of picks) {
          const index = model.nodeIndex.get(state.node)!;
          expect(reached.has(index)).toBe(true);
          const choices = choicesAt(scenario, state);
          if (choices.length === 0) {
            if (scenario.nodes[index]!.type === "line") expect(deadEnds.has(index)).toBe(true);
            break;
          }
          const result = choose(scenario, state, choices[pick % choices.length]!.id);
          if (!result.ok) throw new Error(result.error.message);
          state = result.state;
        }
      }),
      { numRuns: 400 },
    );
  });

  it("falls back to intervals past the state limit, and still finds the dead end", () => {
    const result = checkFixture("dead-end", { stateLimit: 0 });
    expect(result.summary?.analysis).toBe("intervals");
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '21:9 dead end: none of the choices at "ask" is available when trust is 0; add a choice without a condition',
    ]);
  });

  it("finds unreachable nodes with intervals too", () => {
    expect(located(checkFixture("unreachable-node", { stateLimit: 0 }).problems)).toEqual([
      "19:64 warning choice-never-available",
      "20:9 error unreachable-node",
      "26:9 error unreachable-node",
    ]);
  });

  it("intervals can raise a false alarm where meters move together; the exact analysis does not", () => {
    // Both meters go up together or down together, so only (4, 4) and (0, 0) reach n1.
    // The box over both also holds (2, 2), where neither choice's condition is true.
    const spec = {
      starts: [2, 2] as [number, number],
      nodes: [
        {
          kind: "line",
          choices: [
            { next: "n1", ma: 2, mb: 2 },
            { next: "n1", ma: -2, mb: -2 },
          ],
        },
        {
          kind: "line",
          choices: [
            { next: "n2", when: "ma >= 3 and mb >= 3", ma: 0, mb: 0 },
            { next: "n2", when: "ma <= 1 or mb <= 1", ma: 0, mb: 0 },
          ],
        },
        { kind: "ending", choices: [{ next: "n2", ma: 0, mb: 0 }] },
      ],
    };
    const model = modelOf(build(spec));
    expect(exploreExactly(model, 1000)!.deadEnds).toEqual([]);
    expect(exploreIntervals(model).deadEnds.map((d) => d.node)).toEqual([1]);
  });
});
