import { choicesAt, choose, CONTINUE, currentNode, startAt, type PlayState } from "./engine";
import { slug, type Choice, type Scenario, type ScenarioNode } from "./schema";

/**
 * Playtesting a draft: the studio plays it without storing anything. The page carries
 * where the playtest began and the choices made since, and every request replays them
 * through the engine, so a playtest can never be counted as practice and a tampered or
 * stale path is found by the same rules that refuse an illegal move in a real run.
 */

/** More moves than any real playtest makes; keeps a replayed path (and the page carrying it) small. */
export const PLAYTEST_MOVE_LIMIT = 1000;

/** Choice ids are slugs (or "continue"), so a space never occurs inside one. */
export function encodePath(choiceIds: readonly string[]): string {
  return choiceIds.join(" ");
}

export type PlaytestProblem =
  | { code: "unreadable-path"; message: string }
  | { code: "unknown-node"; node: string; message: string }
  | { code: "illegal-move"; step: number; node: string; choiceId: string; message: string };

export function decodePath(text: string): { ok: true; choiceIds: string[] } | { ok: false; problem: PlaytestProblem } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, choiceIds: [] };
  const choiceIds = trimmed.split(/ +/);
  if (choiceIds.length > PLAYTEST_MOVE_LIMIT) {
    return unreadable(`it has more than ${PLAYTEST_MOVE_LIMIT} moves`);
  }
  const odd = choiceIds.find((id) => !slug.safeParse(id).success);
  if (odd !== undefined) return unreadable(`"${odd.slice(0, 40)}" is not a choice id`);
  return { ok: true, choiceIds };
}

function unreadable(why: string): { ok: false; problem: PlaytestProblem } {
  return {
    ok: false,
    problem: { code: "unreadable-path", message: `The path of this playtest could not be read: ${why}.` },
  };
}

export type PlaytestMeter = { id: string; label: string; value: number; min: number; max: number; visible: boolean };

/** One move of the path so far: the node it was made at and what was chosen there. */
export type PlaytestStep = { node: string; nodeText: string; choiceId: string; says: string };

export type Playtest = {
  /** Where this playtest began, and whether that is the scenario's start. */
  from: string;
  fromStart: boolean;
  state: PlayState;
  node: ScenarioNode;
  /** The choices available now, conditions applied; a pause offers "continue", an ending none. */
  choices: Choice[];
  /** The choice just made, for its coach's note; null at the beginning and after a pause. */
  lastChoice: Choice | null;
  meters: PlaytestMeter[];
  steps: PlaytestStep[];
};

/**
 * Replays a playtest: from a node (the start when none is given) through the choices made.
 * Needs a scenario that passed the checker, as the engine does.
 */
export function playtest(
  scenario: Scenario,
  from: string | undefined,
  choiceIds: readonly string[],
): { ok: true; playtest: Playtest } | { ok: false; problem: PlaytestProblem } {
  const origin = from ?? scenario.start;
  const begun = startAt(scenario, origin);
  if (!begun.ok) {
    const message = `This draft has no node called "${origin.slice(0, 80)}".`;
    return { ok: false, problem: { code: "unknown-node", node: origin, message } };
  }
  let state = begun.state;
  const steps: PlaytestStep[] = [];
  let lastChoice: Choice | null = null;
  for (const [step, choiceId] of choiceIds.entries()) {
    const at = currentNode(scenario, state);
    const offered = choicesAt(scenario, state).find((choice) => choice.id === choiceId);
    const moved = choose(scenario, state, choiceId);
    if (!moved.ok || !offered) {
      const why = moved.ok ? "" : ` (${moved.error.message})`;
      const message = `Move ${step + 1} of this playtest, "${choiceId}" at "${at.id}", cannot be made${why}.`;
      return { ok: false, problem: { code: "illegal-move", step, node: at.id, choiceId, message } };
    }
    steps.push({
      node: at.id,
      nodeText: nodeText(at),
      choiceId,
      says: offered.id === CONTINUE ? "Carry on" : offered.says,
    });
    lastChoice = at.type === "line" ? offered : null;
    state = moved.state;
  }
  const node = currentNode(scenario, state);
  return {
    ok: true,
    playtest: {
      from: origin,
      fromStart: origin === scenario.start,
      state,
      node,
      choices: choicesAt(scenario, state),
      lastChoice,
      meters: scenario.meters.map((meter) => ({
        id: meter.id,
        label: meter.label,
        value: state.meters[meter.id] ?? meter.start,
        min: meter.min,
        max: meter.max,
        visible: meter.visible,
      })),
      steps,
    },
  };
}

/** Every node, in the order written, for "play from this node". */
export function playableNodes(scenario: Scenario): { id: string; type: ScenarioNode["type"]; text: string }[] {
  return scenario.nodes.map((node) => ({ id: node.id, type: node.type, text: nodeText(node) }));
}

const SHORT_TEXT = 60;

/** The words that identify a node in a list: a line's text, a pause's prompt, an ending's title. */
function nodeText(node: ScenarioNode): string {
  const words = node.type === "line" ? node.text : node.type === "pause" ? node.prompt : node.title;
  const flat = words.replace(/\s+/g, " ").trim();
  return flat.length <= SHORT_TEXT ? flat : `${flat.slice(0, SHORT_TEXT - 1).trimEnd()}…`;
}
