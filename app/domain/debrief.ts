import { choicesAt, choose, CONTINUE, start, type PlayState, type Scenario } from "./scenario";

/** What a debrief shows, worked out from the scenario and the path taken. Pure. */

export type DebriefMoment = {
  step: number;
  speaker: string | null;
  said: string;
  kind: "line" | "pause";
  reply: string;
  note: string | null;
  skills: string[];
  metersAfter: Record<string, number>;
  /** How far the visible meters moved with this reply, added up. */
  swing: number;
  roadsNotTaken: { says: string; note: string | null; effects: Record<string, number>; leadsTo: string | null }[];
};

export type Debrief = {
  moments: DebriefMoment[];
  meters: { id: string; label: string; min: number; max: number; values: number[] }[];
  skills: string[];
  ending: { title: string; tone: string; debrief: string; wentWell: string[]; tryNext: string[]; guidance: string[] } | null;
  /** Steps (1-based) with the largest swings, where another reply would have mattered most. */
  turningPoints: number[];
};

/** One line saying where a reply would have led: what is said next, or how it ends. */
function describeNode(node: Scenario["nodes"][number] | undefined, scenario: Scenario): string | null {
  if (!node) return null;
  if (node.type === "ending") return `The conversation ends: ${node.title}.`;
  if (node.type === "pause") return "A pause to reflect.";
  const speaker = scenario.personas.find((persona) => persona.id === node.speaker)?.name;
  return speaker ? `${speaker}: "${node.text}"` : node.text;
}

export function buildDebrief(scenario: Scenario, path: readonly string[], turningPointCount = 2): Debrief {
  const visible = scenario.meters.filter((meter) => meter.visible);
  const nodeById = new Map(scenario.nodes.map((node) => [node.id, node]));
  let state: PlayState = start(scenario);
  const moments: DebriefMoment[] = [];
  const series = visible.map((meter) => [state.meters[meter.id] ?? meter.start]);
  for (const [index, choiceId] of path.entries()) {
    const node = nodeById.get(state.node);
    const offered = choicesAt(scenario, state);
    const moved = choose(scenario, state, choiceId);
    if (!node || !moved.ok) break;
    const choice = node.type === "line" ? node.choices.find((candidate) => candidate.id === choiceId) : undefined;
    const swing = visible.reduce(
      (sum, meter) => sum + Math.abs((moved.state.meters[meter.id] ?? 0) - (state.meters[meter.id] ?? 0)),
      0,
    );
    moments.push({
      step: index + 1,
      kind: node.type === "pause" ? "pause" : "line",
      speaker: node.type === "line" ? (scenario.personas.find((persona) => persona.id === node.speaker)?.name ?? null) : null,
      said: node.type === "line" ? node.text : node.type === "pause" ? node.prompt : "",
      reply: choiceId === CONTINUE ? "Carried on" : (choice?.says ?? choiceId),
      note: choice?.note ?? null,
      skills: choice?.skills ?? [],
      metersAfter: moved.state.meters,
      swing,
      roadsNotTaken: offered
        .filter((other) => other.id !== choiceId && other.id !== CONTINUE)
        .map((other) => ({
          says: other.says,
          note: other.note ?? null,
          effects: other.effects ?? {},
          leadsTo: describeNode(nodeById.get(other.next), scenario),
        })),
    });
    visible.forEach((meter, meterIndex) => series[meterIndex]!.push(moved.state.meters[meter.id] ?? meter.start));
    state = moved.state;
  }
  const endNode = nodeById.get(state.node);
  const turningPoints = [...moments]
    .filter((moment) => moment.swing > 0 && moment.roadsNotTaken.length > 0)
    .sort((a, b) => b.swing - a.swing || a.step - b.step)
    .slice(0, turningPointCount)
    .map((moment) => moment.step)
    .sort((a, b) => a - b);
  return {
    moments,
    meters: visible.map((meter, index) => ({ id: meter.id, label: meter.label, min: meter.min, max: meter.max, values: series[index]! })),
    skills: [...new Set(moments.flatMap((moment) => moment.skills))],
    ending:
      endNode?.type === "ending"
        ? {
            title: endNode.title,
            tone: endNode.tone,
            debrief: endNode.debrief,
            wentWell: endNode.wentWell,
            tryNext: endNode.tryNext,
            guidance: endNode.guidance,
          }
        : null,
    turningPoints,
  };
}
