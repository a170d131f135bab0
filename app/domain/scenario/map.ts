import dagre from "@dagrejs/dagre";
import type { CheckResult } from "./check";
import { parseCondition, type ComparisonOperator, type Condition } from "./condition";
import { CONTINUE } from "./model";
import type { ProblemCode } from "./problem";
import type { EndingTone, Scenario, ScenarioNode } from "./schema";

/**
 * The map of a conversation: every node a box, every choice an arrow, laid out in
 * layers from the start downwards by dagre, and the same map as an outline to read
 * in order (the keyboard and screen-reader path). Works on a scenario that does not
 * pass the checker too, so the studio can show a draft while it is being fixed: a
 * choice that names no node is simply not drawn.
 */

export type MapPoint = { x: number; y: number };

export type MapNode = {
  id: string;
  type: ScenarioNode["type"];
  /** Short: the speaker and the first words, the pause's first words, or the ending's title. */
  label: string;
  tone?: EndingTone;
  start: boolean;
  unreachable: boolean;
  deadEnd: boolean;
  /** The box's top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
};

export type MapEdge = {
  from: string;
  to: string;
  /** A pause's one move is "continue". */
  choiceId: string;
  label: string;
  conditional: boolean;
  /** From the edge of the source box to the edge of the target box. */
  points: MapPoint[];
};

export type ConversationMap = { nodes: MapNode[]; edges: MapEdge[]; width: number; height: number };

export const MAP_NODE_WIDTH = 208;
export const MAP_NODE_HEIGHT = 76;
const LABEL_CHARACTERS = 56;
const EDGE_LABEL_CHARACTERS = 40;

export function conversationMap(scenario: Scenario, check?: Pick<CheckResult, "problems">): ConversationMap {
  const flags = flaggedNodes(scenario, check);
  const nodes = uniqueNodes(scenario);
  const known = new Set(nodes.map((node) => node.id));
  const edges = nodes.flatMap((node) =>
    movesOf(node)
      .filter((move) => known.has(move.next))
      .map((move) => ({ from: node.id, to: move.next, choiceId: move.id, says: move.says, when: move.when })),
  );

  // A large map is laid out along the tree of first arrivals from the start, with the other choices
  // drawn straight: routing every choice through hundreds of layers takes dagre seconds.
  const routed = nodes.length > LARGE_MAP_NODES ? firstArrivals(scenario.start, edges) : null;
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 56, edgesep: 12, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: MAP_NODE_WIDTH, height: MAP_NODE_HEIGHT });
  for (const edge of edges) {
    if (!routed || routed.has(edgeKey(edge))) graph.setEdge(edge.from, edge.to, { minlen: 1 }, edge.choiceId);
  }
  dagre.layout(graph);

  const names = new Map(scenario.personas.map((persona) => [persona.id, firstName(persona.name)]));
  const laid = graph.graph();
  return {
    nodes: nodes.map((node): MapNode => {
      const box = graph.node(node.id) as { x: number; y: number };
      return {
        id: node.id,
        type: node.type,
        label: nodeLabel(node, names),
        ...(node.type === "ending" ? { tone: node.tone } : {}),
        start: node.id === scenario.start,
        unreachable: flags.unreachable.has(node.id),
        deadEnd: flags.deadEnd.has(node.id),
        x: round(box.x - MAP_NODE_WIDTH / 2),
        y: round(box.y - MAP_NODE_HEIGHT / 2),
        width: MAP_NODE_WIDTH,
        height: MAP_NODE_HEIGHT,
      };
    }),
    edges: edges.map((edge): MapEdge => {
      const points =
        !routed || routed.has(edgeKey(edge))
          ? ((graph.edge(edge.from, edge.to, edge.choiceId) as { points?: MapPoint[] }).points ?? [])
          : straightBetween(graph.node(edge.from), graph.node(edge.to));
      return {
        from: edge.from,
        to: edge.to,
        choiceId: edge.choiceId,
        label: firstWords(edge.says, EDGE_LABEL_CHARACTERS),
        conditional: edge.when !== undefined,
        points: points.map((point) => ({ x: round(point.x), y: round(point.y) })),
      };
    }),
    width: round(laid.width ?? 0),
    height: round(laid.height ?? 0),
  };
}

/** Above this many nodes the map is laid out along first arrivals only (see conversationMap). */
export const LARGE_MAP_NODES = 150;

type Edge = { from: string; to: string; choiceId: string };

function edgeKey(edge: Edge): string {
  return `${edge.from}/${edge.choiceId}`;
}

/** The choices by which a breadth-first walk from the start first reaches each node. */
function firstArrivals(start: string, edges: readonly Edge[]): Set<string> {
  const out = new Map<string, Edge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const reached = new Set([start]);
  const kept = new Set<string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i += 1) {
    for (const edge of out.get(queue[i]!) ?? []) {
      if (reached.has(edge.to)) continue;
      reached.add(edge.to);
      kept.add(edgeKey(edge));
      queue.push(edge.to);
    }
  }
  return kept;
}

type Box = { x: number; y: number; width: number; height: number };

/** From the edge of one box to the edge of the other, along the line between their centres. */
function straightBetween(from: Box, to: Box): MapPoint[] {
  const down = to.y >= from.y;
  return [
    { x: from.x, y: from.y + ((down ? 1 : -1) * from.height) / 2 },
    { x: to.x, y: to.y + ((down ? -1 : 1) * to.height) / 2 },
  ];
}

export type OutlineChoice = {
  id: string;
  says: string;
  to: string;
  /** The label of the node it leads to; absent when it names no node. */
  toLabel?: string;
  /** The condition as authored, and in words. */
  when?: string;
  whenInWords?: string;
};

export type OutlineNode = {
  id: string;
  type: ScenarioNode["type"];
  label: string;
  start: boolean;
  unreachable: boolean;
  deadEnd: boolean;
  /** The speaker's full name; absent for narration, pauses and endings. */
  speaker?: string;
  /** What is said (a line), the question (a pause) or the debrief (an ending). */
  text: string;
  aside?: string;
  title?: string;
  tone?: EndingTone;
  choices: OutlineChoice[];
};

/**
 * The map as a list in reading order: breadth-first from the start, choices in the
 * order written, then any node nothing leads to, in file order.
 */
export function conversationOutline(scenario: Scenario, map: ConversationMap): OutlineNode[] {
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  const authored = new Map(uniqueNodes(scenario).map((node) => [node.id, node]));
  const personas = new Map(scenario.personas.map((persona) => [persona.id, persona.name]));
  const meters = new Map(scenario.meters.map((meter) => [meter.id, meter.label]));
  const words = (condition: Condition) => conditionInWords(condition, meters, byId);

  return readingOrder(scenario, authored).map((id): OutlineNode => {
    const node = authored.get(id)!;
    const drawn = byId.get(id)!;
    const choices = movesOf(node).map((move): OutlineChoice => {
      const parsed = move.when === undefined ? undefined : parseCondition(move.when);
      return {
        id: move.id,
        says: move.says,
        to: move.next,
        ...(byId.has(move.next) ? { toLabel: byId.get(move.next)!.label } : {}),
        ...(move.when === undefined ? {} : { when: move.when }),
        ...(parsed?.ok ? { whenInWords: words(parsed.condition) } : {}),
      };
    });
    const common = {
      id,
      type: node.type,
      label: drawn.label,
      start: drawn.start,
      unreachable: drawn.unreachable,
      deadEnd: drawn.deadEnd,
      choices,
    };
    if (node.type === "line") {
      const speaker = node.speaker === undefined ? undefined : (personas.get(node.speaker) ?? node.speaker);
      return {
        ...common,
        text: node.text,
        ...(speaker === undefined ? {} : { speaker }),
        ...(node.aside === undefined ? {} : { aside: node.aside }),
      };
    }
    if (node.type === "pause") return { ...common, text: node.prompt };
    return { ...common, text: node.debrief, title: node.title, tone: node.tone };
  });
}

type Move = { id: string; says: string; next: string; when?: string };

/** A node's ways on: a line's choices, a pause's one "continue", nothing after an ending. */
function movesOf(node: ScenarioNode): Move[] {
  if (node.type === "line") return node.choices;
  if (node.type === "pause") return [{ id: CONTINUE, says: "Continue", next: node.next }];
  return [];
}

/** A draft may repeat an id (the checker says so); the map draws the first. */
function uniqueNodes(scenario: Scenario): ScenarioNode[] {
  const seen = new Set<string>();
  return scenario.nodes.filter((node) => {
    if (seen.has(node.id)) return false;
    seen.add(node.id);
    return true;
  });
}

function readingOrder(scenario: Scenario, nodes: ReadonlyMap<string, ScenarioNode>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || !nodes.has(id)) return;
    seen.add(id);
    order.push(id);
  };
  visit(scenario.start);
  for (let i = 0; i < order.length; i += 1) for (const move of movesOf(nodes.get(order[i]!)!)) visit(move.next);
  for (const id of nodes.keys()) visit(id);
  return order;
}

/**
 * The checker locates problems by line and column; its reachability and dead-end
 * messages name the node first, in double quotes, which is how they are mapped back.
 */
const FLAG_OF: Partial<Record<ProblemCode, "unreachable" | "deadEnd">> = {
  "unreachable-node": "unreachable",
  "unreachable-ending": "unreachable",
  "dead-end": "deadEnd",
};

function flaggedNodes(scenario: Scenario, check?: Pick<CheckResult, "problems">) {
  const ids = new Set(scenario.nodes.map((node) => node.id));
  const flags = { unreachable: new Set<string>(), deadEnd: new Set<string>() };
  for (const problem of check?.problems ?? []) {
    const flag = FLAG_OF[problem.code];
    const id = /"([^"]+)"/.exec(problem.message)?.[1];
    if (flag && id !== undefined && ids.has(id)) flags[flag].add(id);
  }
  return flags;
}

function nodeLabel(node: ScenarioNode, names: ReadonlyMap<string, string>): string {
  if (node.type === "ending") return firstWords(node.title, LABEL_CHARACTERS);
  if (node.type === "pause") return firstWords(node.prompt, LABEL_CHARACTERS);
  if (node.speaker === undefined) return firstWords(node.text, LABEL_CHARACTERS);
  const speaker = names.get(node.speaker) ?? node.speaker;
  return `${speaker}: ${firstWords(node.text, LABEL_CHARACTERS - speaker.length - 2)}`;
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** The first words of a text, cut at a space, at most `limit` characters with the ellipsis. */
export function firstWords(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

const OPERATOR_WORDS: Record<ComparisonOperator, string> = {
  "<": "is below",
  "<=": "is at most",
  ">": "is above",
  ">=": "is at least",
  "==": "is",
  "!=": "is not",
};

const NEGATED: Record<ComparisonOperator, ComparisonOperator> = {
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
  "==": "!=",
  "!=": "==",
};

/** A condition in plain words, with meters by their labels and nodes by their map labels. */
export function conditionInWords(
  condition: Condition,
  meters: ReadonlyMap<string, string>,
  nodes: ReadonlyMap<string, { label: string }>,
): string {
  const say = (c: Condition, negate: boolean): string => {
    switch (c.kind) {
      case "literal":
        return c.value !== negate ? "always" : "never";
      case "compare":
        return `${meters.get(c.meter) ?? c.meter} ${OPERATOR_WORDS[negate ? NEGATED[c.op] : c.op]} ${c.value}`;
      case "visited":
        return `you have ${negate ? "not yet been" : "already been"} at “${nodes.get(c.node)?.label ?? c.node}”`;
      case "not":
        return say(c.operand, !negate);
      case "and":
      case "or": {
        // De Morgan, so "not" never has to govern a bracket in prose.
        const joiner = (c.kind === "and") !== negate ? "and" : "or";
        const part = (operand: Condition) => {
          const text = say(operand, negate);
          return isJunction(operand) && junctionOf(operand, negate) !== joiner ? `(${text})` : text;
        };
        return `${part(c.left)} ${joiner} ${part(c.right)}`;
      }
    }
  };
  return say(condition, false);
}

function isJunction(c: Condition): boolean {
  return c.kind === "and" || c.kind === "or" || (c.kind === "not" && isJunction(c.operand));
}

function junctionOf(c: Condition, negate: boolean): "and" | "or" | undefined {
  if (c.kind === "not") return junctionOf(c.operand, !negate);
  if (c.kind === "and" || c.kind === "or") return (c.kind === "and") !== negate ? "and" : "or";
  return undefined;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
