import { describe, expect, it } from "vitest";
import { breadthFirst, buildGraph, pathStats, stronglyConnected } from "~/domain/scenario/graph";

describe("graph algorithms", () => {
  it("counts paths, shortest and longest, in a graph without loops", () => {
    // 0 → 1 → 3, 0 → 2 → 3, 0 → 3 twice (two choices), 3 is the goal.
    const graph = buildGraph(4, [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
      [0, 3],
      [0, 3],
    ]);
    expect(pathStats(graph, 0, (v) => v === 3, 100)).toEqual({ count: 4, capped: false, shortest: 1, longest: 2 });
  });

  it("caps the count when there are more paths than the cap", () => {
    // A ladder of 20 diamonds has 2^20 paths.
    const edges: Array<[number, number]> = [];
    for (let i = 0; i < 20; i += 1)
      edges.push([3 * i, 3 * i + 1], [3 * i, 3 * i + 2], [3 * i + 1, 3 * i + 3], [3 * i + 2, 3 * i + 3]);
    const stats = pathStats(buildGraph(61, edges), 0, (v) => v === 60, 10_000);
    expect(stats).toEqual({ count: 10_000, capped: true, shortest: 40, longest: 40 });
  });

  it("treats a loop on the way to a goal as unbounded, and ignores loops off the way", () => {
    const looping = buildGraph(3, [
      [0, 1],
      [1, 0],
      [1, 2],
    ]);
    expect(pathStats(looping, 0, (v) => v === 2, 100)).toEqual({
      count: 100,
      capped: true,
      shortest: 2,
      longest: null,
    });
    const aside = buildGraph(4, [
      [0, 1],
      [0, 2],
      [2, 3],
      [3, 2],
    ]);
    expect(pathStats(aside, 0, (v) => v === 1, 100)).toEqual({ count: 1, capped: false, shortest: 1, longest: 1 });
  });

  it("reports no paths when no goal can be reached", () => {
    expect(pathStats(buildGraph(2, [[1, 0]]), 0, (v) => v === 1, 100)).toEqual({
      count: 0,
      capped: false,
      shortest: null,
      longest: null,
    });
  });

  it("finds strongly connected components and which of them loop", () => {
    const graph = buildGraph(6, [
      [0, 1],
      [1, 2],
      [2, 1],
      [2, 3],
      [4, 4],
      [5, 0],
    ]);
    const { component, cyclic } = stronglyConnected(graph, () => true);
    expect(component[1]).toBe(component[2]);
    expect(new Set(component).size).toBe(5);
    expect(cyclic[component[1]!]).toBe(true);
    expect(cyclic[component[4]!]).toBe(true);
    expect(cyclic[component[0]!]).toBe(false);
    expect(cyclic[component[3]!]).toBe(false);
  });

  it("handles a long chain without exhausting the stack", () => {
    const size = 200_000;
    const edges = Array.from({ length: size - 1 }, (_, i) => [i, i + 1] as [number, number]);
    const graph = buildGraph(size, [...edges, [size - 1, 0]]);
    const { cyclic } = stronglyConnected(graph, () => true);
    expect(cyclic).toEqual([true]);
    expect(breadthFirst(graph, [0]).distance[size - 1]).toBe(size - 1);
  });
});
