import { choose, start, type PlayState } from "./engine";
import { CONTINUE } from "./model";
import type { EndingTone, Scenario } from "./schema";

/**
 * What happened when people practised one version of a scenario, for trainers: only
 * aggregates, and never a figure small enough to pick somebody out.
 *
 * The rule (SMALLEST_GROUP = 5), applied to every table:
 * - A count of 1 to 4 runs is hidden ("fewer than 5"). 0 is shown: it describes nobody.
 * - When a table's total is 1 to 4, every cell of it is hidden, zeros too, since a 0 next
 *   to a hidden total would say what everyone did.
 * - A hidden cell must not be workable out by subtraction from the total: while the
 *   hidden cells of a table add up to fewer than 5, the smallest cell still shown (not 0)
 *   is withheld as well.
 * - A share or an average is only given when the counts it comes from are shown.
 * The unit is a run (a play), not a person. Figures in different tables are protected
 * table by table; the rule does not claim to stop every subtraction across tables.
 *
 * Definitions, also written on the page:
 * - Plays: scripted runs started on this version. Own-words runs have no choices, so the
 *   caller leaves them out.
 * - A run "stopped part way" was abandoned, or is still in progress but untouched for
 *   STALE_AFTER_DAYS days; a younger one is "still in progress".
 * - Completion rate: completed runs out of all plays.
 * - Reached: runs that got to the node at least once. Choices: when a run came back to a
 *   node, only its first choice there counts, so the shares at a node add up to 100%.
 * - Meter path: each meter's average after move 1, 2, 3… over the runs that made at least
 *   that many moves, worked out by replaying each run's choices through the engine.
 * - Map traffic: the share of all plays whose (first) choice at the move's node was that move.
 */

export const SMALLEST_GROUP = 5;
export const STALE_AFTER_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One run as stored: its status, when it last moved, and its choices in order of the step numbers. */
export type RunRecord = {
  status: string;
  lastActivityAt: Date;
  choices: readonly string[];
};

export type Cell =
  | { kind: "shown"; count: number; share: number | null }
  | { kind: "fewer-than-5" }
  /** Not small itself, but shown it would give away a small one by subtraction. */
  | { kind: "withheld" };

export const OUTCOMES = ["completed", "stopped", "in-progress"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type NodeFigures = {
  nodeId: string;
  type: Scenario["nodes"][number]["type"];
  reached: Cell;
  /** Runs that made a move here (the total of the choices' cells). */
  movedOn: Cell;
  choices: { choiceId: string; says: string; to: string; taken: Cell }[];
};

export type PracticeStats = {
  plays: Cell;
  outcomes: Record<Outcome, Cell>;
  /** Completed out of all plays, 0–1; null when hidden. */
  completionRate: number | null;
  /** Completed runs by the ending they reached. */
  endings: { nodeId: string; title: string; tone: EndingTone; reached: Cell }[];
  nodes: NodeFigures[];
  /** Where the runs that stopped part way stopped. */
  stoppedAt: { total: Cell; nodes: { nodeId: string; stopped: Cell }[] };
  meterPath: {
    meters: { id: string; label: string }[];
    /** Move 0 is the start. */
    moves: { move: number; runs: Cell; averages: Record<string, number> | null }[];
  };
  /** For the map, keyed `${from}/${choiceId}`: the share of all plays that took the move, or hidden. */
  traffic: Record<string, number | "hidden">;
  /** Runs whose choices the engine would not replay on this version (should be none). */
  unreadable: Cell;
};

export function outcomeOf(run: Pick<RunRecord, "status" | "lastActivityAt">, now: Date): Outcome {
  if (run.status === "completed") return "completed";
  if (run.status === "abandoned") return "stopped";
  return now.getTime() - run.lastActivityAt.getTime() >= STALE_AFTER_DAYS * DAY_MS ? "stopped" : "in-progress";
}

/** A count on its own: hidden when it is 1 to 4. */
export function countCell(count: number, base?: number): Cell {
  if (count > 0 && count < SMALLEST_GROUP) return { kind: "fewer-than-5" };
  return { kind: "shown", count, share: base ? count / base : null };
}

/** The cells of one table, whose counts add up to its total; see the rule at the top. */
export function protectTable(counts: readonly number[]): Cell[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total > 0 && total < SMALLEST_GROUP) return counts.map(() => ({ kind: "fewer-than-5" }));
  const cells: Cell[] = counts.map((count) => countCell(count, total));
  let hiddenSum = counts.filter((count) => count > 0 && count < SMALLEST_GROUP).reduce((sum, c) => sum + c, 0);
  while (hiddenSum > 0 && hiddenSum < SMALLEST_GROUP) {
    let smallest = -1;
    for (const [index, cell] of cells.entries()) {
      if (cell.kind !== "shown" || cell.count === 0) continue;
      if (smallest === -1 || cell.count < counts[smallest]!) smallest = index;
    }
    if (smallest === -1) break;
    cells[smallest] = { kind: "withheld" };
    hiddenSum += counts[smallest]!;
  }
  return cells;
}

export type OutcomeFigures = Pick<PracticeStats, "plays" | "outcomes" | "completionRate">;

/** Plays, how they ended and the completion rate: all that the totals across versions need. */
export function outcomeFigures(
  runs: readonly Pick<RunRecord, "status" | "lastActivityAt">[],
  now: Date,
): OutcomeFigures {
  const counts = OUTCOMES.map((outcome) => runs.filter((run) => outcomeOf(run, now) === outcome).length);
  const [completed, stopped, inProgress] = protectTable(counts) as [Cell, Cell, Cell];
  const plays = countCell(runs.length);
  return {
    plays,
    outcomes: { completed, stopped, "in-progress": inProgress },
    completionRate:
      plays.kind === "shown" && completed.kind === "shown" && runs.length > 0 ? completed.count / runs.length : null,
  };
}

type Replayed =
  { outcome: Outcome; states: PlayState[]; choices: readonly string[] } | { outcome: Outcome; states: null };

/** Every state the run passed through, from the start; null when a move does not replay. */
function replayStates(scenario: Scenario, choices: readonly string[]): PlayState[] | null {
  const states = [start(scenario)];
  for (const choiceId of choices) {
    const moved = choose(scenario, states[states.length - 1]!, choiceId);
    if (!moved.ok) return null;
    states.push(moved.state);
  }
  return states;
}

export function practiceStats(scenario: Scenario, runs: readonly RunRecord[], now: Date): PracticeStats {
  const replayed: Replayed[] = runs.map((run) => {
    const outcome = outcomeOf(run, now);
    const states = replayStates(scenario, run.choices);
    return states ? { outcome, states, choices: run.choices } : { outcome, states: null };
  });
  const readable = replayed.filter((run): run is Extract<Replayed, { states: PlayState[] }> => run.states !== null);

  const { plays, outcomes, completionRate } = outcomeFigures(runs, now);

  const endingNodes = scenario.nodes.filter((node) => node.type === "ending");
  const lastNode = (run: (typeof readable)[number]) => run.states[run.states.length - 1]!.node;
  const endingCells = protectTable(
    endingNodes.map(
      (ending) => readable.filter((run) => run.outcome === "completed" && lastNode(run) === ending.id).length,
    ),
  );

  // Nodes reached and the first choice each run made at each node.
  const reachedCount = new Map<string, number>();
  const firstChoices = new Map<string, Map<string, number>>();
  for (const run of readable) {
    const seen = new Set<string>();
    run.states.forEach((state, index) => {
      if (!seen.has(state.node)) reachedCount.set(state.node, (reachedCount.get(state.node) ?? 0) + 1);
      const choiceId = run.choices[index];
      if (choiceId !== undefined && !seen.has(state.node)) {
        const at = firstChoices.get(state.node) ?? new Map<string, number>();
        at.set(choiceId, (at.get(choiceId) ?? 0) + 1);
        firstChoices.set(state.node, at);
      }
      seen.add(state.node);
    });
  }

  const traffic: Record<string, number | "hidden"> = {};
  const trafficBase = runs.length;
  const nodes: NodeFigures[] = scenario.nodes.map((node) => {
    const moves =
      node.type === "line"
        ? node.choices.map((choice) => ({ choiceId: choice.id, says: choice.says, to: choice.next }))
        : node.type === "pause"
          ? [{ choiceId: CONTINUE, says: "Continue", to: node.next }]
          : [];
    const taken = moves.map((move) => firstChoices.get(node.id)?.get(move.choiceId) ?? 0);
    const cells = protectTable(taken);
    moves.forEach((move, index) => {
      traffic[`${node.id}/${move.choiceId}`] =
        trafficBase === 0
          ? 0
          : trafficBase >= SMALLEST_GROUP && cells[index]!.kind === "shown"
            ? taken[index]! / trafficBase
            : "hidden";
    });
    return {
      nodeId: node.id,
      type: node.type,
      reached: countCell(reachedCount.get(node.id) ?? 0),
      movedOn: countCell(taken.reduce((sum, count) => sum + count, 0)),
      choices: moves.map((move, index) => ({ ...move, taken: cells[index]! })),
    };
  });

  const stoppedRuns = readable.filter((run) => run.outcome === "stopped");
  const stopNodes = scenario.nodes.filter(
    (node) => node.type !== "ending" && stoppedRuns.some((run) => lastNode(run) === node.id),
  );
  const stopCells = protectTable(
    stopNodes.map((node) => stoppedRuns.filter((run) => lastNode(run) === node.id).length),
  );

  return {
    plays,
    outcomes,
    completionRate,
    endings: endingNodes.map((ending, index) => ({
      nodeId: ending.id,
      title: ending.type === "ending" ? ending.title : ending.id,
      tone: ending.type === "ending" ? ending.tone : "mixed",
      reached: endingCells[index]!,
    })),
    nodes,
    stoppedAt: {
      total: countCell(stoppedRuns.length),
      nodes: stopNodes.map((node, index) => ({ nodeId: node.id, stopped: stopCells[index]! })),
    },
    meterPath: meterPath(scenario, readable),
    traffic,
    unreadable: countCell(replayed.length - readable.length),
  };
}

function meterPath(scenario: Scenario, runs: readonly { states: PlayState[] }[]): PracticeStats["meterPath"] {
  const longest = runs.reduce((most, run) => Math.max(most, run.states.length - 1), 0);
  const moves: PracticeStats["meterPath"]["moves"] = [];
  for (let move = 0; move <= longest; move += 1) {
    const at = runs.filter((run) => run.states.length > move).map((run) => run.states[move]!);
    const runsCell = countCell(at.length);
    const averages =
      runsCell.kind === "shown" && at.length > 0
        ? Object.fromEntries(
            scenario.meters.map((meter) => [
              meter.id,
              at.reduce((sum, state) => sum + (state.meters[meter.id] ?? meter.start), 0) / at.length,
            ]),
          )
        : null;
    moves.push({ move, runs: runsCell, averages });
  }
  return { meters: scenario.meters.map((meter) => ({ id: meter.id, label: meter.label })), moves };
}
