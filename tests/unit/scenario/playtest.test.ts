import { describe, expect, it } from "vitest";
import { replay, replayFrom, start, startAt, type Scenario } from "~/domain/scenario";
import { decodePath, encodePath, playableNodes, playtest, PLAYTEST_MOVE_LIMIT } from "~/domain/scenario/playtest";
import { loadFixture } from "./helpers";

function played(scenario: Scenario, from: string | undefined, ...choiceIds: string[]) {
  const result = playtest(scenario, from, choiceIds);
  if (!result.ok) throw new Error(result.problem.message);
  return result.playtest;
}

describe("startAt", () => {
  it("begins at any node with the meters at their start values and only that node visited", () => {
    const scenario = loadFixture("conditions");
    expect(startAt(scenario, "story")).toEqual({
      ok: true,
      state: { scenarioId: "conditions", node: "story", meters: { trust: 2, calm: 1 }, visited: ["story"], path: [] },
    });
  });

  it("at the start node is the same as start", () => {
    const scenario = loadFixture("conditions");
    expect(startAt(scenario, "hub")).toEqual({ ok: true, state: start(scenario) });
  });

  it("returns an unknown node as an error, never throws", () => {
    const scenario = loadFixture("conditions");
    expect(startAt(scenario, "nowhere")).toEqual({
      ok: false,
      error: { code: "unknown-node", node: "nowhere", message: 'There is no node "nowhere" in scenario "conditions".' },
    });
  });
});

describe("replayFrom", () => {
  it("plays a path from a state; from start it is replay", () => {
    const scenario = loadFixture("conditions");
    expect(replayFrom(scenario, start(scenario), ["listen", "back"])).toEqual(replay(scenario, ["listen", "back"]));
    const begun = startAt(scenario, "story");
    if (!begun.ok) throw new Error("story is a node");
    const result = replayFrom(scenario, begun.state, ["back", "rush"]);
    // From "story", "back" leads to the hub with story seen, so "rush" (not visited(story)) is not offered.
    expect(result).toMatchObject({ ok: false, step: 1, error: { code: "choice-unavailable", choiceId: "rush" } });
  });
});

describe("encodePath and decodePath", () => {
  it("round-trip a path, and read an empty one as no moves", () => {
    expect(encodePath(["listen", "back", "continue"])).toBe("listen back continue");
    expect(decodePath("listen back continue")).toEqual({ ok: true, choiceIds: ["listen", "back", "continue"] });
    expect(decodePath("")).toEqual({ ok: true, choiceIds: [] });
    expect(decodePath("  ")).toEqual({ ok: true, choiceIds: [] });
  });

  it("refuses something that is not a list of choice ids, saying why", () => {
    expect(decodePath("listen <script>")).toEqual({
      ok: false,
      problem: {
        code: "unreadable-path",
        message: 'The path of this playtest could not be read: "<script>" is not a choice id.',
      },
    });
    expect(decodePath("Listen")).toMatchObject({ ok: false, problem: { code: "unreadable-path" } });
  });

  it("refuses a path longer than the limit", () => {
    const long = Array.from({ length: PLAYTEST_MOVE_LIMIT + 1 }, () => "listen").join(" ");
    expect(decodePath(long)).toMatchObject({
      ok: false,
      problem: {
        message: `The path of this playtest could not be read: it has more than ${PLAYTEST_MOVE_LIMIT} moves.`,
      },
    });
    expect(decodePath(long.slice("listen ".length))).toMatchObject({ ok: true });
  });
});

describe("playtest", () => {
  it("begins at the start with the start values, every meter and nothing on the path", () => {
    const scenario = loadFixture("conditions");
    const test = played(scenario, undefined);
    expect(test).toMatchObject({ from: "hub", fromStart: true, steps: [], lastChoice: null });
    expect(test.node.id).toBe("hub");
    expect(test.choices.map((choice) => choice.id)).toEqual(["listen", "rush"]);
    expect(test.meters).toEqual([
      { id: "trust", label: "How far Sam trusts you", value: 2, min: 0, max: 5, visible: false },
      { id: "calm", label: "How calm Sam is", value: 1, min: 0, max: 5, visible: true },
    ]);
  });

  it("replays the choices made, with the meters, the path, the choice just made and the choices now open", () => {
    const scenario = loadFixture("conditions");
    const test = played(scenario, undefined, "listen", "back");
    expect(test.node.id).toBe("hub");
    expect(test.meters.map((meter) => meter.value)).toEqual([3, 2]);
    expect(test.steps).toEqual([
      { node: "hub", nodeText: "What now?", choiceId: "listen", says: "Tell me more." },
      { node: "story", nodeText: "It has been a long year.", choiceId: "back", says: "Thank you for telling me." },
    ]);
    expect(test.lastChoice?.id).toBe("back");
    expect(test.choices.map((choice) => choice.id)).toEqual(["listen", "plan", "leave"]);
    const ended = played(scenario, undefined, "listen", "back", "plan");
    expect(ended.node).toMatchObject({ id: "done", type: "ending", title: "Done" });
    expect(ended.choices).toEqual([]);
  });

  it("plays from a middle node with the meters at their start values", () => {
    const scenario = loadFixture("conditions");
    const test = played(scenario, "story", "back");
    expect(test).toMatchObject({ from: "story", fromStart: false });
    expect(test.state.visited).toEqual(["story", "hub"]);
    expect(test.meters.map((meter) => meter.value)).toEqual([2, 2]);
    // story was visited in this playtest, so "rush" is closed; trust is 2, so "plan" is too.
    expect(test.choices.map((choice) => choice.id)).toEqual(["listen", "leave"]);
  });

  it("shows a pause's move as carrying on, with no coach's note", () => {
    const scenario = loadFixture("pause");
    const pause = scenario.nodes.find((node) => node.type === "pause")!;
    const test = played(scenario, pause.id, "continue");
    expect(test.steps).toEqual([expect.objectContaining({ node: pause.id, choiceId: "continue", says: "Carry on" })]);
    expect(test.lastChoice).toBeNull();
  });

  it("refuses a path with a move that cannot be made there, naming the move", () => {
    const scenario = loadFixture("conditions");
    expect(playtest(scenario, undefined, ["listen", "plan"])).toEqual({
      ok: false,
      problem: {
        code: "illegal-move",
        step: 1,
        node: "story",
        choiceId: "plan",
        message: 'Move 2 of this playtest, "plan" at "story", cannot be made (There is no choice "plan" at "story".).',
      },
    });
    expect(playtest(scenario, undefined, ["listen", "back", "plan", "listen"])).toMatchObject({
      ok: false,
      problem: { code: "illegal-move", step: 3, choiceId: "listen" },
    });
  });

  it("refuses an unknown starting node", () => {
    const scenario = loadFixture("conditions");
    expect(playtest(scenario, "gone", [])).toEqual({
      ok: false,
      problem: { code: "unknown-node", node: "gone", message: 'This draft has no node called "gone".' },
    });
  });

  it("lists every node to play from, in the order written, with short words", () => {
    expect(playableNodes(loadFixture("conditions"))).toEqual([
      { id: "hub", type: "line", text: "What now?" },
      { id: "story", type: "line", text: "It has been a long year." },
      { id: "done", type: "ending", text: "Done" },
    ]);
  });
});
