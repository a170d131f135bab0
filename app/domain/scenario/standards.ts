import { choicesAt, choose, currentNode, start, type PlayState } from "./engine";
import type { Scenario } from "./schema";

/**
 * What a scenario shipped in Heartwork's own library must have, beyond passing the checker
 * (a trainer's draft in the studio may be smaller). docs/content-style.md explains why.
 */
export const LIBRARY_MINIMUMS = { nodes: 14, endings: 3, pauses: 1 } as const;

/** A route that loses a visible meter with a poor choice and wins it back before a good-enough ending. */
export type Recovery = { meter: string; path: string[]; ending: string };

/** Each way the scenario falls short of the library's standard, in plain words; empty when it meets it. */
export function libraryShortfalls(scenario: Scenario): string[] {
  const shortfalls: string[] = [];
  const nodes = scenario.nodes;
  const endings = nodes.filter((node) => node.type === "ending");
  const pauses = nodes.filter((node) => node.type === "pause");
  if (nodes.length < LIBRARY_MINIMUMS.nodes)
    shortfalls.push(`${nodes.length} nodes; the library needs at least ${LIBRARY_MINIMUMS.nodes}`);
  if (endings.length < LIBRARY_MINIMUMS.endings)
    shortfalls.push(`${endings.length} endings; the library needs at least ${LIBRARY_MINIMUMS.endings}`);
  const tones = new Set(endings.map((ending) => ending.tone));
  for (const tone of ["positive", "mixed", "difficult"] as const) {
    if (!tones.has(tone)) shortfalls.push(`no ending with the tone "${tone}"`);
  }
  if (pauses.length < LIBRARY_MINIMUMS.pauses) shortfalls.push("no pause for reflection");
  for (const ending of endings) {
    if (ending.guidance.length === 0) shortfalls.push(`ending "${ending.id}" links to no guidance`);
  }
  for (const node of nodes) {
    if (node.type !== "line") continue;
    for (const choice of node.choices) {
      if (choice.note === undefined) shortfalls.push(`choice "${choice.id}" at "${node.id}" has no coach's note`);
    }
  }
  if (!scenario.personas.some((persona) => persona.kind === "family"))
    shortfalls.push("no family persona: somebody in the conversation should be the family or the child");
  if (!findRecovery(scenario)) {
    shortfalls.push(
      "no path recovers after a poor choice: a visible meter should be able to fall and then climb back, to at least where it was, before a positive or mixed ending",
    );
  }
  return shortfalls;
}

/**
 * Searches the runs (depth first, bounded) for one where a visible meter falls after a choice
 * and is back at or above where it was when the run reaches a positive or mixed ending.
 */
export function findRecovery(scenario: Scenario, maxSteps = 200_000): Recovery | null {
  const visible = scenario.meters.filter((meter) => meter.visible).map((meter) => meter.id);
  let steps = 0;
  // For each meter, the highest value it had before its first fall on this path (or none yet).
  const walk = (state: PlayState, before: Map<string, number>): Recovery | null => {
    if (++steps > maxSteps) return null;
    const node = currentNode(scenario, state);
    if (node.type === "ending") {
      if (node.tone === "difficult") return null;
      for (const [meter, was] of before) {
        if ((state.meters[meter] ?? 0) >= was) return { meter, path: state.path, ending: node.id };
      }
      return null;
    }
    for (const choice of choicesAt(scenario, state)) {
      const moved = choose(scenario, state, choice.id);
      if (!moved.ok) continue;
      let next = before;
      for (const meter of visible) {
        if (!before.has(meter) && (moved.state.meters[meter] ?? 0) < (state.meters[meter] ?? 0)) {
          next = new Map(next).set(meter, state.meters[meter] ?? 0);
        }
      }
      const found = walk(moved.state, next);
      if (found) return found;
      if (steps > maxSteps) return null;
    }
    return null;
  };
  return walk(start(scenario), new Map());
}
