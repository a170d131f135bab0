import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCondition, scenarioSchema, type Scenario } from "~/domain/scenario";
import {
  conditionInWords,
  conversationMap,
  conversationOutline,
  firstWords,
  type ConversationMap,
  type MapNode,
  type MapPoint,
  LARGE_MAP_NODES,
} from "~/domain/scenario/map";
import { generateScenario } from "../../../scripts/scenario-generator";
import { parseYaml } from "~/domain/scenario/yaml";
import { checkFixture, fixturePath, loadFixture, loadLibrary } from "./helpers";

/** A fixture the checker rejects still has a scenario to draw: read past the checker. */
function draftFixture(name: string): Scenario {
  const parsed = parseYaml(readFileSync(fixturePath(name), "utf8"));
  if (!parsed.ok) throw new Error(`${name} is not YAML`);
  return scenarioSchema.parse(parsed.value);
}

function flagged(map: ConversationMap) {
  return {
    unreachable: map.nodes.filter((n) => n.unreachable).map((n) => n.id),
    deadEnd: map.nodes.filter((n) => n.deadEnd).map((n) => n.id),
  };
}

const overlap = (a: MapNode, b: MapNode) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** On the edge of the box (within half a unit of rounding), not inside it or away from it. */
function onBoxEdge(point: MapPoint, box: MapNode): boolean {
  const tolerance = 0.5;
  const inside =
    point.x >= box.x - tolerance &&
    point.x <= box.x + box.width + tolerance &&
    point.y >= box.y - tolerance &&
    point.y <= box.y + box.height + tolerance;
  const nearSide =
    Math.min(
      Math.abs(point.x - box.x),
      Math.abs(point.x - box.x - box.width),
      Math.abs(point.y - box.y),
      Math.abs(point.y - box.y - box.height),
    ) <= tolerance;
  return inside && nearSide;
}

function expectSoundLayout(scenario: Scenario, map: ConversationMap) {
  // Every node once, every choice (and a pause's continue) once.
  expect(map.nodes.map((n) => n.id).sort()).toEqual(scenario.nodes.map((n) => n.id).sort());
  const moves = scenario.nodes.flatMap((n) =>
    n.type === "line"
      ? n.choices.map((c) => `${n.id}/${c.id}→${c.next}`)
      : n.type === "pause"
        ? [`${n.id}/continue→${n.next}`]
        : [],
  );
  expect(map.edges.map((e) => `${e.from}/${e.choiceId}→${e.to}`).sort()).toEqual(moves.sort());

  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  for (const [i, a] of map.nodes.entries()) {
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.y).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width).toBeLessThanOrEqual(map.width);
    expect(a.y + a.height).toBeLessThanOrEqual(map.height);
    for (const b of map.nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
  }
  for (const edge of map.edges) {
    expect(edge.points.length, `${edge.from}/${edge.choiceId}`).toBeGreaterThanOrEqual(2);
    expect(onBoxEdge(edge.points[0]!, byId.get(edge.from)!), `${edge.from}/${edge.choiceId} starts at its node`).toBe(
      true,
    );
    expect(onBoxEdge(edge.points.at(-1)!, byId.get(edge.to)!), `${edge.from}/${edge.choiceId} ends at its node`).toBe(
      true,
    );
  }
}

describe("the map of a conversation", () => {
  it("draws the smallest scenario: a line above its ending, joined by its choice", () => {
    const scenario = loadFixture("minimal");
    const map = conversationMap(scenario);
    expect(map.nodes).toEqual([
      expect.objectContaining({
        id: "hello",
        type: "line",
        label: "Sam: Hello.",
        start: true,
        unreachable: false,
        deadEnd: false,
      }),
      expect.objectContaining({ id: "done", type: "ending", label: "Done", tone: "positive", start: false }),
    ]);
    expect(map.edges).toEqual([
      expect.objectContaining({
        from: "hello",
        to: "done",
        choiceId: "greet",
        label: "Hello Sam.",
        conditional: false,
      }),
    ]);
    const [hello, done] = map.nodes;
    expect(hello!.y + hello!.height).toBeLessThan(done!.y);
    expectSoundLayout(scenario, map);
  });

  it("draws a pause's one move as 'continue', and labels it by its first words", () => {
    const scenario = loadFixture("pause");
    const map = conversationMap(scenario);
    expect(map.nodes[0]).toMatchObject({
      id: "think",
      type: "pause",
      label: "What do you expect Sam to feel?",
      start: true,
    });
    expect(map.edges[0]).toMatchObject({ from: "think", to: "hello", choiceId: "continue", label: "Continue" });
    expectSoundLayout(scenario, map);
  });

  it("marks the nodes the checker finds unreachable, including one only a false condition leads to", () => {
    const scenario = draftFixture("unreachable-node");
    const map = conversationMap(scenario, checkFixture("unreachable-node"));
    expect(flagged(map)).toEqual({ unreachable: ["aside", "orphan"], deadEnd: [] });
    expect(map.edges.find((e) => e.choiceId === "later")).toMatchObject({ to: "aside", conditional: true });
    expectSoundLayout(scenario, map);
  });

  it("marks the endings that cannot be reached", () => {
    const scenario = draftFixture("unreachable-ending");
    expect(flagged(conversationMap(scenario, checkFixture("unreachable-ending")))).toEqual({
      unreachable: ["agreed", "lonely"],
      deadEnd: [],
    });
  });

  it("marks a dead end, and draws three choices between the same two nodes as three arrows", () => {
    const scenario = draftFixture("dead-end");
    const map = conversationMap(scenario, checkFixture("dead-end"));
    expect(flagged(map)).toEqual({ unreachable: [], deadEnd: ["ask"] });
    expect(map.edges.filter((e) => e.from === "hello" && e.to === "ask")).toHaveLength(3);
    expectSoundLayout(scenario, map);
  });

  it("marks nothing without the checker's findings", () => {
    expect(flagged(conversationMap(draftFixture("dead-end")))).toEqual({ unreachable: [], deadEnd: [] });
  });

  it("leaves out a choice that names no node, so a draft with broken references can still be drawn", () => {
    const scenario = draftFixture("references");
    const known = new Set(scenario.nodes.map((n) => n.id));
    const map = conversationMap(scenario);
    expect(map.nodes).toHaveLength(scenario.nodes.length);
    expect(map.edges.every((e) => known.has(e.to))).toBe(true);
  });

  it("gives the same coordinates every time", () => {
    const { scenario } = loadLibrary()[0]!;
    const first = conversationMap(scenario);
    expect(conversationMap(structuredClone(scenario))).toEqual(first);
    expect(conversationMap(scenario)).toEqual(first);
  });

  it("cuts labels at a word, with an ellipsis", () => {
    expect(firstWords("Short.", 10)).toBe("Short.");
    expect(firstWords("It is. Before we plan anything, how does Ola like", 24)).toBe("It is. Before we plan…");
    expect(firstWords("  spread\n  over   lines ", 40)).toBe("spread over lines");
    expect(firstWords("Supercalifragilistic", 8)).toBe("Superca…");
  });
});

describe("the map as a list", () => {
  it("reads breadth-first from the start, then the nodes nothing leads to", () => {
    const scenario = draftFixture("unreachable-node");
    const outline = conversationOutline(scenario, conversationMap(scenario, checkFixture("unreachable-node")));
    expect(outline.map((n) => n.id)).toEqual(["hello", "done", "aside", "orphan"]);
    expect(outline[0]).toMatchObject({
      type: "line",
      speaker: "Sam Okoro",
      text: "Hello.",
      start: true,
      choices: [
        { id: "greet", says: "Hi.", to: "done", toLabel: "Done" },
        { id: "later", says: "Later.", to: "aside", when: "trust > 2", whenInWords: "Trust is above 2" },
      ],
    });
    expect(outline[1]).toMatchObject({ type: "ending", title: "Done", tone: "mixed", text: "It ended.", choices: [] });
    expect(outline[3]).toMatchObject({ id: "orphan", unreachable: true });
  });

  it("puts conditions into words", () => {
    const meters = new Map([["trust", "How far Tomasz trusts you"]]);
    const nodes = new Map([["blame", { label: "Tomasz: You always blame us." }]]);
    const words = (text: string) => {
      const parsed = parseCondition(text);
      if (!parsed.ok) throw new Error(text);
      return conditionInWords(parsed.condition, meters, nodes);
    };
    expect(words("trust >= 3")).toBe("How far Tomasz trusts you is at least 3");
    expect(words("3 >= trust")).toBe("How far Tomasz trusts you is at most 3");
    expect(words("not visited(blame) and trust != 0")).toBe(
      "you have not yet been at “Tomasz: You always blame us.” and How far Tomasz trusts you is not 0",
    );
    expect(words("not (trust < 2 or visited(blame))")).toBe(
      "How far Tomasz trusts you is at least 2 and you have not yet been at “Tomasz: You always blame us.”",
    );
    expect(words("(trust > 1 or trust == 0) and true")).toBe(
      "(How far Tomasz trusts you is above 1 or How far Tomasz trusts you is 0) and always",
    );
  });
});

describe("every scenario in the library", () => {
  const library = loadLibrary();

  it.each(library.map(({ file, scenario }) => [file, scenario] as const))(
    "%s has a sound map and list",
    (_, scenario) => {
      const map = conversationMap(scenario);
      expectSoundLayout(scenario, map);
      expect(flagged(map)).toEqual({ unreachable: [], deadEnd: [] });
      const outline = conversationOutline(scenario, map);
      expect(outline.map((n) => n.id).sort()).toEqual(scenario.nodes.map((n) => n.id).sort());
      expect(outline[0]!.id).toBe(scenario.start);
    },
  );

  it("lays out the biggest file well under 100 ms", () => {
    const size = (s: Scenario) =>
      s.nodes.length + s.nodes.reduce((n, node) => n + (node.type === "line" ? node.choices.length : 1), 0);
    const biggest = library.map((entry) => entry.scenario).sort((a, b) => size(b) - size(a))[0]!;
    conversationMap(biggest); // the first call also compiles dagre's code
    const times = [0, 1, 2].map(() => {
      const started = performance.now();
      conversationMap(biggest);
      return performance.now() - started;
    });
    expect(Math.min(...times)).toBeLessThan(50);
  });
});

describe("a large map", () => {
  const scenario = scenarioSchema.parse(generateScenario(1, { nodeCount: 300, endings: 15, choiceCount: 900 }));
  const map = conversationMap(scenario);

  it("places every node in its own box and draws every choice", () => {
    expect(map.nodes).toHaveLength(300);
    const choices = scenario.nodes.reduce((sum, node) => sum + (node.type === "line" ? node.choices.length : 0), 0);
    expect(map.edges).toHaveLength(choices);
    const corners = new Set(map.nodes.map((node) => `${node.x},${node.y}`));
    expect(corners.size).toBe(300);
    for (const edge of map.edges) expect(edge.points.length, `${edge.from}/${edge.choiceId}`).toBeGreaterThanOrEqual(2);
  });

  it("routes the first arrival at each node and draws the other choices straight, between box edges", () => {
    const byId = new Map(map.nodes.map((node) => [node.id, node]));
    for (const edge of map.edges) {
      const target = byId.get(edge.to)!;
      const last = edge.points.at(-1)!;
      // Every arrow ends on the top or bottom edge of its target's box.
      expect([target.y, target.y + target.height]).toContain(last.y);
    }
    // The start lays out at the top; choices that are not first arrivals are straight.
    expect(byId.get(scenario.start)!.y).toBe(Math.min(...map.nodes.map((node) => node.y)));
    expect(map.edges.filter((edge) => edge.points.length === 2).length).toBeGreaterThan(0);
  });

  it("keeps the full routing for a map of library size", () => {
    const library = loadFixture("canonical");
    const small = conversationMap(library);
    // dagre routes every arrow through at least one bend point; none is drawn straight.
    expect(small.edges.every((edge) => edge.points.length >= 3)).toBe(true);
    expect(LARGE_MAP_NODES).toBeGreaterThan(library.nodes.length);
  });
});
