/**
 * Small graph algorithms over a compact adjacency list (CSR): the edges of vertex v
 * are targets[offsets[v]] up to targets[offsets[v + 1]]. Vertices are either nodes
 * or states of a run, so the same code serves both analyses. All loops are
 * iterative: a scenario of thousands of nodes must not exhaust the stack.
 */
export type Graph = {
  size: number;
  offsets: ArrayLike<number>;
  targets: ArrayLike<number>;
};

export function buildGraph(size: number, edges: ReadonlyArray<readonly [number, number]>): Graph {
  const offsets = new Int32Array(size + 1);
  for (const [from] of edges) offsets[from + 1]! += 1;
  for (let v = 0; v < size; v += 1) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, size);
  const targets = new Int32Array(edges.length);
  for (const [from, to] of edges) targets[fill[from]!++] = to;
  return { size, offsets, targets };
}

export function reverseGraph(graph: Graph): Graph {
  const { size, offsets, targets } = graph;
  const reversedOffsets = new Int32Array(size + 1);
  const edges = offsets[size]!;
  for (let e = 0; e < edges; e += 1) reversedOffsets[targets[e]! + 1]! += 1;
  for (let v = 0; v < size; v += 1) reversedOffsets[v + 1]! += reversedOffsets[v]!;
  const fill = reversedOffsets.slice(0, size);
  const reversedTargets = new Int32Array(edges);
  // Sources in increasing order, as buildGraph would place them.
  for (let v = 0; v < size; v += 1) {
    for (let e = offsets[v]!; e < offsets[v + 1]!; e += 1) reversedTargets[fill[targets[e]!]!++] = v;
  }
  return { size, offsets: reversedOffsets, targets: reversedTargets };
}

/** Breadth-first search: distance in edges from the nearest source (-1 if unreached) and parent. */
export function breadthFirst(graph: Graph, sources: readonly number[]): { distance: Int32Array; parent: Int32Array } {
  const distance = new Int32Array(graph.size).fill(-1);
  const parent = new Int32Array(graph.size).fill(-1);
  const queue = new Int32Array(graph.size);
  let head = 0;
  let tail = 0;
  for (const source of sources) {
    if (distance[source] !== -1) continue;
    distance[source] = 0;
    queue[tail++] = source;
  }
  while (head < tail) {
    const v = queue[head++]!;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e += 1) {
      const w = graph.targets[e]!;
      if (distance[w] === -1) {
        distance[w] = distance[v]! + 1;
        parent[w] = v;
        queue[tail++] = w;
      }
    }
  }
  return { distance, parent };
}

/**
 * Strongly connected components of the vertices for which `include` holds (Tarjan,
 * with an explicit stack). A component is cyclic when it has more than one vertex or
 * a vertex with an edge to itself.
 */
export function stronglyConnected(
  graph: Graph,
  include: (v: number) => boolean,
): { component: Int32Array; cyclic: boolean[] } {
  const n = graph.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const cyclic: boolean[] = [];
  const stack: number[] = [];
  const callVertex: number[] = [];
  const callEdge: number[] = [];
  let counter = 0;

  for (let root = 0; root < n; root += 1) {
    if (!include(root) || index[root] !== -1) continue;
    callVertex.push(root);
    callEdge.push(graph.offsets[root]!);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callVertex.length > 0) {
      const top = callVertex.length - 1;
      const v = callVertex[top]!;
      const e = callEdge[top]!;
      if (e < graph.offsets[v + 1]!) {
        callEdge[top] = e + 1;
        const w = graph.targets[e]!;
        if (!include(w)) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callVertex.push(w);
          callEdge.push(graph.offsets[w]!);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      callVertex.pop();
      callEdge.pop();
      const caller = callVertex[callVertex.length - 1];
      if (caller !== undefined) low[caller] = Math.min(low[caller]!, low[v]!);
      if (low[v] !== index[v]) continue;
      const id = cyclic.length;
      let size = 0;
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component[w] = id;
        size += 1;
      } while (w !== v);
      cyclic.push(size > 1 || hasSelfLoop(graph, v));
    }
  }
  return { component, cyclic };
}

function hasSelfLoop(graph: Graph, v: number): boolean {
  for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e += 1) if (graph.targets[e] === v) return true;
  return false;
}

export type PathStats = {
  /** Distinct paths from the initial vertex to a goal, at most `cap`. */
  count: number;
  capped: boolean;
  shortest: number | null;
  /** null when a loop makes paths unboundedly long. */
  longest: number | null;
};

/**
 * Counts the paths from `initial` to goal vertices, and their shortest and longest
 * length in edges, over the vertices that lie on some such path. A loop among those
 * vertices means infinitely many paths: the count is capped and longest is null.
 */
export function pathStats(graph: Graph, initial: number, isGoal: (v: number) => boolean, cap: number): PathStats {
  const n = graph.size;
  const forward = breadthFirst(graph, [initial]).distance;
  const goals: number[] = [];
  for (let v = 0; v < n; v += 1) if (forward[v] !== -1 && isGoal(v)) goals.push(v);
  if (goals.length === 0) return { count: 0, capped: false, shortest: null, longest: null };
  const backward = breadthFirst(reverseGraph(graph), goals).distance;
  const useful = (v: number): boolean => forward[v] !== -1 && backward[v] !== -1;
  const shortest = backward[initial]!;

  // Kahn's topological order over useful vertices; leftovers mean a loop.
  const indegree = new Int32Array(n);
  let usefulCount = 0;
  for (let v = 0; v < n; v += 1) {
    if (!useful(v)) continue;
    usefulCount += 1;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e += 1) {
      const w = graph.targets[e]!;
      if (useful(w)) indegree[w]! += 1;
    }
  }
  // A way back into the start is itself a loop on the way to a goal.
  if (indegree[initial]! > 0) return { count: cap, capped: true, shortest, longest: null };
  const ways = new Float64Array(n);
  const longest = new Int32Array(n);
  const order: number[] = [initial];
  ways[initial] = 1;
  for (let i = 0; i < order.length; i += 1) {
    const v = order[i]!;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e += 1) {
      const w = graph.targets[e]!;
      if (!useful(w)) continue;
      ways[w] = Math.min(cap, ways[w]! + ways[v]!);
      longest[w] = Math.max(longest[w]!, longest[v]! + 1);
      indegree[w]! -= 1;
      if (indegree[w] === 0) order.push(w);
    }
  }
  if (order.length < usefulCount) return { count: cap, capped: true, shortest, longest: null };
  let count = 0;
  let longestPath = 0;
  for (const goal of goals) {
    count = Math.min(cap, count + ways[goal]!);
    longestPath = Math.max(longestPath, longest[goal]!);
  }
  return { count, capped: count >= cap, shortest, longest: longestPath };
}
