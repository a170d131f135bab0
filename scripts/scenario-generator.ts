/** A generated scenario of 2,000 nodes and 6,000 choices (or a smaller shape), for the benchmarks. */
import type { ScenarioInput } from "~/domain/scenario";

export const NODES = 2000;
const ENDINGS = 100;
export const CHOICES = 6000;
export const SKILLS = ["listening", "empathy", "clear-explanation"] as const;

/** A deterministic pseudo-random source (mulberry32), so every run measures the same work. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mostly forward branching with some loops back, conditions on about a third of the
 * choices (meters and visited()), and a first choice without a condition at every
 * line, as a trainer would write it.
 */
export function generateScenario(
  seed = 1,
  { useVisited = true, nodeCount = NODES, endings = ENDINGS, choiceCount = CHOICES } = {},
): ScenarioInput {
  const rand = random(seed);
  const pick = (n: number): number => Math.floor(rand() * n);
  const lines = nodeCount - endings;
  const extra = choiceCount - lines * 3;
  const meters = ["trust", "calm", "understanding"];
  const nodes: ScenarioInput["nodes"] = [];
  for (let i = 0; i < lines; i += 1) {
    const count = i < extra ? 4 : 3;
    const choices = Array.from({ length: count }, (_, c) => {
      // The last lines each lead to their own ending, so every ending is reachable.
      const toEnding = c === 1 && i >= lines - endings;
      const forward = toEnding ? i + endings : Math.min(nodeCount - 1, i + 1 + (c === 0 ? 0 : pick(40)));
      const back = c === count - 1 && i > 50 && rand() < 0.05;
      const conditional = c > 0 && !toEnding && rand() < 0.35;
      const condition =
        useVisited && rand() < 0.2
          ? `not visited(node-${Math.max(0, i - 1 - pick(5))}) or trust >= ${pick(8)}`
          : `${meters[pick(3)]} >= ${pick(8)} and ${meters[pick(3)]} < ${3 + pick(8)}`;
      return {
        id: `choice-${c + 1}`,
        says: `Option ${c + 1} at step ${i}: I can hear how hard this has been, so let me explain.`,
        next: `node-${back ? i - 1 - pick(30) : forward}`,
        effects: { [meters[pick(3)]!]: pick(5) - 2, [meters[pick(3)]!]: pick(3) - 1 },
        note: "Why this helps or hurts, in a sentence or two for the learner.",
        skills: [SKILLS[pick(3)]!],
        ...(conditional || back ? { when: back ? `trust >= ${4 + pick(5)} and calm > 2` : condition } : {}),
      };
    });
    nodes.push({
      id: `node-${i}`,
      type: "line",
      speaker: "amina",
      text: `What Amina says at step ${i}, in a sentence.`,
      choices,
    });
  }
  for (let i = lines; i < nodeCount; i += 1) {
    nodes.push({
      id: `node-${i}`,
      type: "ending",
      title: `Ending ${i}`,
      tone: (["positive", "mixed", "difficult"] as const)[i % 3]!,
      debrief: "What happened and why.",
      wentWell: ["Something that went well."],
      tryNext: ["Something to try."],
      guidance: ["agreeing-next-steps"],
    });
  }
  return {
    id: "generated",
    title: "Generated",
    summary: "A generated scenario for the benchmark.",
    audience: ["send-caseworker"],
    skills: [...SKILLS],
    minutes: 60,
    personas: [
      {
        id: "amina",
        name: "Amina Rahman",
        relationship: "Parent",
        background: "b",
        wants: "w",
        fears: "f",
        voice: "v",
      },
    ],
    meters: meters.map((id) => ({ id, label: id, start: 3, min: 0, max: 10, visible: true })),
    start: "node-0",
    nodes,
  };
}
