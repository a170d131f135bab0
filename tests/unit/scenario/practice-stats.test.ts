import { describe, expect, it } from "vitest";
import {
  countCell,
  outcomeOf,
  practiceStats,
  protectTable,
  SMALLEST_GROUP,
  STALE_AFTER_DAYS,
  type RunRecord,
} from "~/domain/scenario/practice-stats";
import { loadFixture } from "./helpers";

const scenario = loadFixture("practice-stats");
const NOW = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

const run = (status: string, choices: string[], lastActivityAt = daysAgo(1)): RunRecord => ({
  status,
  lastActivityAt,
  choices,
});
const times = (count: number, make: () => RunRecord): RunRecord[] => Array.from({ length: count }, make);

// The paths through the fixture, with the meters (trust, calm) after each move from 2, 1.
const HEARD = ["listen", "continue", "agree"]; // 3,1 → 3,1 → 4,2
const INFORMED = ["listen", "continue", "email"]; // 3,1 → 3,1 → 3,2
const LOOP_THEN_HEARD = ["rush", "apologise", "listen", "continue", "agree"]; // 1,1 → 1,2 → 2,2 → 2,2 → 3,3
const HUNG_UP = ["rush", "hang-up"]; // 1,1 → 0,1

/**
 * 26 plays, counted by hand:
 * completed 14 (heard 6 + 1 after a loop = 7, informed 5, hung up 2);
 * stopped 11 (5 abandoned at "plan", 5 abandoned before a move, 1 untouched for 20 days at "breathe");
 * still in progress 1 (at "upset", touched yesterday).
 */
const RUNS: RunRecord[] = [
  ...times(6, () => run("completed", HEARD)),
  ...times(5, () => run("completed", INFORMED)),
  run("completed", LOOP_THEN_HEARD),
  ...times(2, () => run("completed", HUNG_UP)),
  ...times(5, () => run("abandoned", ["listen", "continue"])),
  ...times(5, () => run("abandoned", [])),
  run("in-progress", ["listen"], daysAgo(20)),
  run("in-progress", ["rush"], daysAgo(1)),
];

const shown = (count: number, share: number | null = null) => ({ kind: "shown", count, share });
const FEWER = { kind: "fewer-than-5" };
const WITHHELD = { kind: "withheld" };

describe("the privacy rule", () => {
  it("is five", () => {
    expect(SMALLEST_GROUP).toBe(5);
  });

  it("hides a count of 1 to 4 and shows 0 and 5", () => {
    expect(countCell(0)).toEqual(shown(0));
    expect(countCell(1)).toEqual(FEWER);
    expect(countCell(4)).toEqual(FEWER);
    expect(countCell(5)).toEqual(shown(5));
    expect(countCell(5, 20)).toEqual(shown(5, 0.25));
  });

  it("hides every cell, zeros too, when the table's total is 4, and shows a total of 5", () => {
    expect(protectTable([4, 0])).toEqual([FEWER, FEWER]);
    expect(protectTable([3, 1])).toEqual([FEWER, FEWER]);
    expect(protectTable([5, 0])).toEqual([shown(5, 1), shown(0, 0)]);
    expect(protectTable([0, 0])).toEqual([shown(0), shown(0)]);
  });

  it("withholds the smallest other cell while the hidden ones add up to fewer than 5", () => {
    // 4 alone could be worked out from the total: 6 goes too.
    expect(protectTable([4, 6])).toEqual([FEWER, WITHHELD]);
    // 1 and 5: the 5 is the smallest shown, and after it the hidden add up to 6.
    expect(protectTable([1, 5, 6])).toEqual([FEWER, WITHHELD, shown(6, 0.5)]);
    // 2 and 3 already add up to 5: nothing else is withheld.
    expect(protectTable([2, 3, 10])).toEqual([FEWER, FEWER, shown(10, 10 / 15)]);
    // A zero is never withheld (it describes nobody); ties go to the first.
    expect(protectTable([0, 2, 7, 7])).toEqual([shown(0, 0), FEWER, WITHHELD, shown(7, 7 / 16)]);
    expect(protectTable([5, 5])).toEqual([shown(5, 0.5), shown(5, 0.5)]);
  });
});

describe("a run that is still in progress", () => {
  it("counts as stopped part way once untouched for the whole stale period", () => {
    expect(STALE_AFTER_DAYS).toBe(14);
    expect(outcomeOf({ status: "in-progress", lastActivityAt: daysAgo(13.99) }, NOW)).toBe("in-progress");
    expect(outcomeOf({ status: "in-progress", lastActivityAt: daysAgo(14) }, NOW)).toBe("stopped");
    expect(outcomeOf({ status: "abandoned", lastActivityAt: NOW }, NOW)).toBe("stopped");
    expect(outcomeOf({ status: "completed", lastActivityAt: daysAgo(400) }, NOW)).toBe("completed");
  });
});

describe("the figures for a version", () => {
  const stats = practiceStats(scenario, RUNS, NOW);

  it("counts plays and outcomes, withholding stopped so the 1 in progress cannot be worked out", () => {
    expect(stats.plays).toEqual(shown(26));
    expect(stats.outcomes).toEqual({ completed: shown(14, 14 / 26), stopped: WITHHELD, "in-progress": FEWER });
    expect(stats.completionRate).toBeCloseTo(14 / 26);
  });

  it("spreads the completed runs over the endings, with their tones", () => {
    expect(stats.endings).toEqual([
      { nodeId: "heard", title: "Heard", tone: "positive", reached: shown(7, 0.5) },
      { nodeId: "informed", title: "Informed", tone: "mixed", reached: WITHHELD },
      { nodeId: "ended-badly", title: "Hung up", tone: "difficult", reached: FEWER },
    ]);
  });

  it("counts the runs that reached each node and the first choice each made there", () => {
    const node = (id: string) => stats.nodes.find((n) => n.nodeId === id)!;
    expect(node("opening").reached).toEqual(shown(26));
    // 17 listened, 4 rushed (the loop's second visit does not count again): the 4 hides the 17.
    expect(node("opening").movedOn).toEqual(shown(21));
    expect(node("opening").choices.map((c) => [c.choiceId, c.taken])).toEqual([
      ["listen", WITHHELD],
      ["rush", FEWER],
    ]);
    expect(node("breathe").reached).toEqual(shown(18));
    expect(node("breathe").choices).toEqual([
      { choiceId: "continue", says: "Continue", to: "plan", taken: shown(17, 1) },
    ]);
    expect(node("plan").reached).toEqual(shown(17));
    expect(node("plan").choices.map((c) => [c.choiceId, c.taken])).toEqual([
      ["agree", shown(7, 7 / 12)],
      ["email", shown(5, 5 / 12)],
    ]);
    expect(node("upset").reached).toEqual(FEWER);
    expect(node("upset").movedOn).toEqual(FEWER);
    expect(node("upset").choices.map((c) => c.taken)).toEqual([FEWER, FEWER]);
    expect(node("heard").choices).toEqual([]);
    expect(node("ended-badly").reached).toEqual(FEWER);
  });

  it("says where the runs that stopped part way stopped", () => {
    expect(stats.stoppedAt).toEqual({
      total: shown(11),
      nodes: [
        { nodeId: "opening", stopped: WITHHELD },
        { nodeId: "breathe", stopped: FEWER },
        { nodeId: "plan", stopped: shown(5, 5 / 11) },
      ],
    });
  });

  it("averages each meter after each move over the runs that made that many moves", () => {
    const { meters, moves } = stats.meterPath;
    expect(meters).toEqual([
      { id: "trust", label: "How far Sam trusts you" },
      { id: "calm", label: "How calm Sam is" },
    ]);
    expect(moves).toHaveLength(6);
    expect(moves[0]).toEqual({ move: 0, runs: shown(26), averages: { trust: 2, calm: 1 } });
    // 21 made a move: 17 listened (trust 3), 4 rushed (trust 1).
    expect(moves[1]!.runs).toEqual(shown(21));
    expect(moves[1]!.averages!.trust).toBeCloseTo(55 / 21);
    expect(moves[1]!.averages!.calm).toBe(1);
    // 19 made two: 16 at trust 3, the loop at 1 (calm 2), the two who hung up at 0.
    expect(moves[2]!.runs).toEqual(shown(19));
    expect(moves[2]!.averages!.trust).toBeCloseTo(49 / 19);
    expect(moves[2]!.averages!.calm).toBeCloseTo(20 / 19);
    // 12 made three: 6 agreed (4, 2), 5 emailed (3, 2), the loop listened (2, 2).
    expect(moves[3]).toEqual({ move: 3, runs: shown(12), averages: { trust: 41 / 12, calm: 2 } });
    // Only the loop made four and five moves.
    expect(moves[4]).toEqual({ move: 4, runs: FEWER, averages: null });
    expect(moves[5]).toEqual({ move: 5, runs: FEWER, averages: null });
  });

  it("gives the map each move's share of all plays, or hidden", () => {
    expect(stats.traffic).toEqual({
      "opening/listen": "hidden",
      "opening/rush": "hidden",
      "breathe/continue": 17 / 26,
      "upset/apologise": "hidden",
      "upset/hang-up": "hidden",
      "plan/agree": 7 / 26,
      "plan/email": 5 / 26,
    });
    expect(stats.unreadable).toEqual(shown(0));
  });
});

describe("at the boundary of five plays", () => {
  it("hides everything from 4 plays", () => {
    const stats = practiceStats(
      scenario,
      times(4, () => run("completed", HEARD)),
      NOW,
    );
    expect(stats.plays).toEqual(FEWER);
    expect(stats.outcomes.completed).toEqual(FEWER);
    expect(stats.outcomes.stopped).toEqual(FEWER);
    expect(stats.completionRate).toBeNull();
    expect(stats.endings.map((e) => e.reached)).toEqual([FEWER, FEWER, FEWER]);
    expect(stats.meterPath.moves.every((m) => m.averages === null)).toBe(true);
    expect(Object.values(stats.traffic).every((t) => t === "hidden")).toBe(true);
  });

  it("shows the figures from 5 plays", () => {
    const stats = practiceStats(
      scenario,
      times(5, () => run("completed", HEARD)),
      NOW,
    );
    expect(stats.plays).toEqual(shown(5));
    expect(stats.outcomes).toEqual({ completed: shown(5, 1), stopped: shown(0, 0), "in-progress": shown(0, 0) });
    expect(stats.completionRate).toBe(1);
    expect(stats.endings.map((e) => e.reached)).toEqual([shown(5, 1), shown(0, 0), shown(0, 0)]);
    expect(stats.meterPath.moves[3]).toEqual({ move: 3, runs: shown(5), averages: { trust: 4, calm: 2 } });
    expect(stats.traffic["plan/agree"]).toBe(1);
    expect(stats.traffic["plan/email"]).toBe(0);
  });

  it("has nothing to hide when nobody has played", () => {
    const stats = practiceStats(scenario, [], NOW);
    expect(stats.plays).toEqual(shown(0));
    expect(stats.completionRate).toBeNull();
    expect(stats.meterPath.moves).toEqual([{ move: 0, runs: shown(0), averages: null }]);
    expect(stats.traffic["plan/agree"]).toBe(0);
  });
});

describe("a run whose choices do not replay", () => {
  it("counts as a play but stays out of the path figures, and is counted as unreadable", () => {
    const runs = [...times(5, () => run("completed", HEARD)), ...times(5, () => run("abandoned", ["shout"]))];
    const stats = practiceStats(scenario, runs, NOW);
    expect(stats.plays).toEqual(shown(10));
    expect(stats.outcomes.stopped).toEqual(shown(5, 0.5));
    expect(stats.unreadable).toEqual(shown(5));
    expect(stats.nodes.find((n) => n.nodeId === "opening")!.reached).toEqual(shown(5));
    expect(stats.stoppedAt.total).toEqual(shown(0));
    expect(stats.traffic["opening/listen"]).toBe(0.5);
  });
});
