import { describe, expect, it } from "vitest";
import {
  choicesAt,
  choose,
  currentNode,
  isFinished,
  replay,
  ScenarioError,
  start,
  type PlayState,
  type Scenario,
} from "~/domain/scenario";
import { loadFixture } from "./helpers";

function play(scenario: Scenario, ...choiceIds: string[]): PlayState {
  const result = replay(scenario, choiceIds);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

const ids = (scenario: Scenario, state: PlayState): string[] => choicesAt(scenario, state).map((c) => c.id);

describe("engine", () => {
  it("starts at the start node with the meters' start values", () => {
    const scenario = loadFixture("conditions");
    expect(start(scenario)).toEqual({
      scenarioId: "conditions",
      node: "hub",
      meters: { trust: 2, calm: 1 },
      visited: ["hub"],
      path: [],
    });
  });

  it("offers only the choices whose conditions hold", () => {
    const scenario = loadFixture("conditions");
    const first = start(scenario);
    expect(ids(scenario, first)).toEqual(["listen", "rush"]);
    const afterStory = play(scenario, "listen", "back");
    expect(afterStory).toMatchObject({ node: "hub", meters: { trust: 3, calm: 2 }, visited: ["hub", "story"] });
    expect(ids(scenario, afterStory)).toEqual(["listen", "plan", "leave"]);
    const rushed = play(scenario, "rush", "rush");
    expect(rushed.meters).toEqual({ trust: 0, calm: 0 });
    expect(ids(scenario, rushed)).toEqual(["listen", "leave"]);
  });

  it("moves, applies effects and records the path and the nodes seen", () => {
    const scenario = loadFixture("conditions");
    const result = choose(scenario, start(scenario), "listen");
    expect(result).toEqual({
      ok: true,
      state: {
        scenarioId: "conditions",
        node: "story",
        meters: { trust: 3, calm: 1 },
        visited: ["hub", "story"],
        path: ["listen"],
      },
    });
  });

  it("does not change the state it was given", () => {
    const scenario = loadFixture("conditions");
    const before = start(scenario);
    const copy = structuredClone(before);
    choose(scenario, before, "listen");
    expect(before).toEqual(copy);
  });

  it("clamps meters to their minimum and maximum", () => {
    const scenario = loadFixture("clamping");
    expect(play(scenario, "praise").meters.trust).toBe(5);
    expect(play(scenario, "praise", "blame").meters.trust).toBe(0);
    expect(ids(scenario, play(scenario, "praise"))).toEqual(["blame", "stop"]);
    expect(ids(scenario, play(scenario, "praise", "blame"))).toEqual(["praise", "stop"]);
  });

  it("pauses offer one move, continue", () => {
    const scenario = loadFixture("pause");
    const first = start(scenario);
    expect(currentNode(scenario, first)).toMatchObject({ type: "pause", prompt: "What do you expect Sam to feel?" });
    expect(choicesAt(scenario, first)).toEqual([
      { id: "continue", says: "Continue", next: "hello", effects: {}, skills: [] },
    ]);
    expect(play(scenario, "continue").node).toBe("hello");
  });

  it("ends at an ending, where nothing more can be chosen", () => {
    const scenario = loadFixture("minimal");
    const ended = play(scenario, "greet");
    expect(isFinished(scenario, ended)).toBe(true);
    expect(choicesAt(scenario, ended)).toEqual([]);
    expect(choose(scenario, ended, "greet")).toEqual({
      ok: false,
      error: {
        code: "finished",
        node: "done",
        choiceId: "greet",
        message: 'The conversation has ended at "done"; no more choices can be made.',
      },
    });
  });

  it("returns a typed error for an unknown choice", () => {
    const scenario = loadFixture("minimal");
    expect(choose(scenario, start(scenario), "shout")).toEqual({
      ok: false,
      error: {
        code: "unknown-choice",
        node: "hello",
        choiceId: "shout",
        message: 'There is no choice "shout" at "hello".',
      },
    });
  });

  it("returns a typed error for a choice whose condition is false", () => {
    const scenario = loadFixture("conditions");
    const result = choose(scenario, start(scenario), "plan");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: "choice-unavailable", node: "hub", choiceId: "plan" });
  });

  it("refuses a state from another scenario or with impossible meters", () => {
    const scenario = loadFixture("conditions");
    const foreign = { ...start(scenario), scenarioId: "minimal" };
    expect(choose(scenario, foreign, "listen")).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    const lost = { ...start(scenario), node: "nowhere" };
    expect(choose(scenario, lost, "listen")).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    const overfull = { ...start(scenario), meters: { trust: 99, calm: 1 } };
    expect(choose(scenario, overfull, "listen")).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    expect(() => choicesAt(scenario, lost)).toThrow(ScenarioError);
  });

  it("replays a path to the same state, and stops at the first illegal move", () => {
    const scenario = loadFixture("conditions");
    const walked = [start(scenario)];
    for (const id of ["listen", "back", "plan"]) {
      const result = choose(scenario, walked[walked.length - 1]!, id);
      if (!result.ok) throw new Error(result.error.message);
      walked.push(result.state);
    }
    expect(replay(scenario, ["listen", "back", "plan"])).toEqual({ ok: true, state: walked[3] });
    expect(replay(scenario, ["listen", "plan"])).toMatchObject({
      ok: false,
      step: 1,
      error: { code: "unknown-choice", node: "story", choiceId: "plan" },
    });
  });

  it("keeps state as plain JSON", () => {
    const scenario = loadFixture("conditions");
    const state = play(scenario, "listen", "back");
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("throws a ScenarioError when handed a scenario that has not passed the checker", () => {
    const scenario = loadFixture("minimal");
    const broken: Scenario = { ...scenario, start: "missing" };
    expect(() => start(broken)).toThrow(ScenarioError);
    try {
      start(broken);
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).code).toBe("invalid-scenario");
    }
  });
});
