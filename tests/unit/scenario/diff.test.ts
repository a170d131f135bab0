import { describe, expect, it } from "vitest";
import { diffScenarios } from "~/domain/scenario/diff";
import type { Scenario } from "~/domain/scenario";
import { loadFixture } from "./helpers";

function copy(scenario: Scenario): Scenario {
  return structuredClone(scenario);
}

describe("the node-by-node diff of two versions", () => {
  const before = loadFixture("minimal");

  it("finds nothing between a version and itself", () => {
    const diff = diffScenarios(before, copy(before));
    expect(diff.details).toEqual([]);
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 2 });
    expect(diff.nodes.every((node) => node.status === "unchanged")).toBe(true);
  });

  it("names changed details with their old and new values", () => {
    const after = copy(before);
    after.title = "A new title";
    after.audience = ["senco", "teacher"];
    expect(diffScenarios(before, after).details).toEqual([
      { field: "Title", before: "Fixture minimal", after: "A new title" },
      { field: "Suits", before: "senco", after: "senco; teacher" },
    ]);
  });

  it("reports an added node, a removed node and a changed choice, in the new version's order", () => {
    const after = copy(before);
    const hello = after.nodes[0]!;
    if (hello.type !== "line") throw new Error("fixture changed");
    hello.choices[0]!.says = "Good morning, Sam.";
    hello.choices[0]!.effects = { trust: 1 };
    hello.choices.push({ id: "wait", says: "(Wait.)", next: "pause-1", effects: {}, skills: [] });
    after.nodes.push({ id: "pause-1", type: "pause", prompt: "What did you notice?", next: "done" });
    after.nodes = after.nodes.filter((node) => node.id !== "done");
    after.nodes.push({
      id: "done-well",
      type: "ending",
      title: "Done well",
      tone: "positive",
      debrief: "d",
      wentWell: ["w"],
      tryNext: ["t"],
      guidance: [],
    });
    const diff = diffScenarios(before, after);
    expect(diff.nodes.map((node) => [node.id, node.status])).toEqual([
      ["hello", "changed"],
      ["pause-1", "added"],
      ["done-well", "added"],
      ["done", "removed"],
    ]);
    expect(diff.nodes[0]!.changes).toEqual([
      { field: "choice “greet”: says", before: "Hello Sam.", after: "Good morning, Sam." },
      { field: "choice “greet”: effects", before: "", after: "trust: 1" },
      { field: "choice “wait”", before: "", after: "added: (Wait.)" },
    ]);
    expect(diff.counts).toEqual({ added: 2, removed: 1, changed: 1, unchanged: 0 });
  });

  it("notices a reordering of the same choices", () => {
    const base = copy(before);
    const line = base.nodes[0]!;
    if (line.type !== "line") throw new Error("fixture changed");
    line.choices.push({ id: "wave", says: "(Wave.)", next: "done", effects: {}, skills: [] });
    const after = copy(base);
    const reordered = after.nodes[0]!;
    if (reordered.type !== "line") throw new Error("fixture changed");
    reordered.choices.reverse();
    expect(diffScenarios(base, after).nodes[0]!.changes).toEqual([
      { field: "order of choices", before: "greet, wave", after: "wave, greet" },
    ]);
  });

  it("reports a node whose type changed as one change, not a list of fields", () => {
    const after = copy(before);
    after.nodes[1] = { id: "done", type: "pause", prompt: "p", next: "hello" };
    expect(diffScenarios(before, after).nodes[1]!.changes).toEqual([
      { field: "type", before: "ending", after: "pause" },
    ]);
  });

  it("compares personas and meters by id", () => {
    const after = copy(before);
    after.personas[0]!.fears = "That nobody listens.";
    after.meters.push({ id: "trust", label: "Trust", start: 0, min: 0, max: 5, visible: true });
    const diff = diffScenarios(before, after);
    expect(diff.personas[0]).toMatchObject({
      id: "sam",
      status: "changed",
      changes: [{ field: "fears", before: "f" }],
    });
    expect(diff.meters).toEqual([{ id: "trust", label: "Trust", status: "added", changes: [] }]);
  });
});
