import { exploreExactly } from "./explore";
import { exploreIntervals } from "./intervals";
import type { Flow } from "./flow";
import { breadthFirst, buildGraph, pathStats, reverseGraph, stronglyConnected } from "./graph";
import type { ScenarioModel } from "./model";
import type { Report } from "./report";

/**
 * Findings about how the scenario plays: nodes and endings no path reaches, dead
 * ends, loops with no way out and choices that are never offered; and the summary.
 * Worked out on the exact state graph when it is small enough, else on intervals.
 */
export type Summary = {
  nodes: number;
  choices: number;
  endings: number;
  /** Distinct sequences of choices from the start to an ending, at most PATH_CAP. */
  paths: { count: number; capped: boolean };
  /** Fewest and most choices from the start to an ending; longest is null when a loop makes it unbounded. */
  shortest: number | null;
  longest: number | null;
  minutes: number;
  analysis: Flow["mode"];
};

export const PATH_CAP = 10_000;
export const DEFAULT_STATE_LIMIT = 50_000;

export function checkRuns(model: ScenarioModel, report: Report, stateLimit = DEFAULT_STATE_LIMIT): Summary {
  const flow = exploreExactly(model, stateLimit) ?? exploreIntervals(model);
  const { graph, nodeOf } = flow;
  const nodes = model.nodes;
  const isEnding = (v: number): boolean => nodes[nodeOf[v]!]!.node.type === "ending";
  const reach = breadthFirst(graph, [flow.initial]).distance;

  const reached = nodes.map(() => false);
  for (let v = 0; v < graph.size; v += 1) if (reach[v] !== -1) reached[nodeOf[v]!] = true;
  const linked = breadthFirst(
    buildGraph(
      nodes.length,
      nodes.flatMap(({ index, choices }) => choices.map(({ target }) => [index, target] as const)),
    ),
    [model.start],
  ).distance;

  for (const { node, index, choices } of nodes) {
    const at = ["nodes", index, "id"];
    if (!reached[index]) {
      const ending = node.type === "ending";
      const why =
        linked[index] === -1
          ? "nothing leads to it"
          : "every choice that leads to it has a condition that is never true when the learner gets there";
      if (ending) report.error("unreachable-ending", at, `the ending "${node.id}" cannot be reached: ${why}`);
      else report.error("unreachable-node", at, `no path reaches node "${node.id}": ${why}`);
      continue;
    }
    choices.forEach(({ condition, choice }, c) => {
      if (condition && !flow.offered[index]![c]) {
        report.warning(
          "choice-never-available",
          ["nodes", index, "choices", c, "when"],
          `choice "${choice.id}" is never offered: its condition is false whenever the learner gets here`,
        );
      }
    });
  }

  const reportedDeadEnds = new Set<number>();
  for (const deadEnd of flow.deadEnds) {
    if (reach[deadEnd.vertex] === -1 || reportedDeadEnds.has(deadEnd.node)) continue;
    reportedDeadEnds.add(deadEnd.node);
    const route = flow.route(deadEnd.vertex);
    const when = deadEnd.situation ? `when ${deadEnd.situation}` : "ever";
    const example = route ? ` (for example after ${route.join(" → ")})` : "";
    report.error(
      "dead-end",
      ["nodes", deadEnd.node, "id"],
      `dead end: none of the choices at "${nodes[deadEnd.node]!.node.id}" is available ${when}${example}; add a choice without a condition`,
    );
  }

  reportLoops(flow, reach, isEnding, model, report);

  const stats = pathStats(graph, flow.initial, isEnding, PATH_CAP);
  return {
    nodes: nodes.length,
    choices: model.scenario.nodes.reduce((total, n) => total + (n.type === "line" ? n.choices.length : 0), 0),
    endings: model.scenario.nodes.filter((n) => n.type === "ending").length,
    paths: { count: stats.count, capped: stats.capped },
    shortest: stats.shortest,
    longest: stats.longest,
    minutes: model.scenario.minutes,
    analysis: flow.mode,
  };
}

/** A loop no path leaves: situations that can be reached, cannot reach an ending, and go round. */
function reportLoops(
  flow: Flow,
  reach: Int32Array,
  isEnding: (v: number) => boolean,
  model: ScenarioModel,
  report: Report,
): void {
  const { graph, nodeOf } = flow;
  const endings: number[] = [];
  for (let v = 0; v < graph.size; v += 1) if (reach[v] !== -1 && isEnding(v)) endings.push(v);
  const canFinish = breadthFirst(reverseGraph(graph), endings).distance;
  const trapped = (v: number): boolean => reach[v] !== -1 && canFinish[v] === -1;
  const { component, cyclic } = stronglyConnected(graph, trapped);

  const loops = new Map<string, { nodes: number[]; vertex: number }>();
  const members = new Map<number, { nodes: Set<number>; vertex: number }>();
  for (let v = 0; v < graph.size; v += 1) {
    const id = component[v]!;
    if (id === -1 || !cyclic[id]) continue;
    const entry = members.get(id) ?? { nodes: new Set<number>(), vertex: v };
    entry.nodes.add(nodeOf[v]!);
    members.set(id, entry);
  }
  for (const { nodes, vertex } of members.values()) {
    const sorted = [...nodes].sort((a, b) => a - b);
    const key = sorted.join(",");
    if (!loops.has(key)) loops.set(key, { nodes: sorted, vertex });
  }
  for (const { nodes, vertex } of loops.values()) {
    const quoted = nodes.map((n) => `"${model.nodes[n]!.node.id}"`);
    const names =
      quoted.length === 1 ? `${quoted[0]} forms` : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)} form`;
    const situation = flow.mode === "exact" ? flow.describe(vertex) : "";
    const when = situation ? ` once ${situation}` : "";
    report.error(
      "inescapable-loop",
      ["nodes", nodes[0]!, "id"],
      `${names} a loop no path leaves${when}: no ending can be reached from it; add a way out`,
    );
  }
}
