import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/**
 * Maps a path into the parsed data (["nodes", 3, "choices", 0, "next"]) back to the
 * YAML node it came from, so every problem can name a line and column. When the
 * path goes further than the file does (a missing field), the nearest enclosing
 * node is used.
 */
export type Path = ReadonlyArray<string | number | symbol>;

export type Position = { line: number; column: number };

export type Locator = {
  /** Where the value at `path` starts. */
  value(path: Path): Position;
  /** Where the key at the end of `path` starts (for "unknown field" problems). */
  key(path: Path): Position;
  /**
   * Where a character inside a text value is: `offset` counts from the start of the
   * text. Exact for plain and simply quoted one-line values, else the value's start.
   */
  inside(path: Path, offset: number): Position;
};

type Found = { node: Node; keyNode?: Node };

export function createLocator(source: string, document: Document, lineCounter: LineCounter): Locator {
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const find = (path: Path): Found | undefined => {
    let current: Found | undefined = document.contents ? { node: document.contents } : undefined;
    for (const segment of path) {
      if (!current) return undefined;
      const next = child(current.node, segment);
      if (!next) return current;
      current = next;
    }
    return current;
  };

  const start = (node: Node | undefined): number => node?.range?.[0] ?? 0;

  return {
    value: (path) => position(start(find(path)?.node)),
    key: (path) => {
      const found = find(path);
      return position(start(found?.keyNode ?? found?.node));
    },
    inside: (path, offset) => {
      const found = find(path);
      const node = found?.node;
      if (!node || !isScalar(node) || typeof node.value !== "string" || !node.range) return position(start(node));
      const [from, to] = node.range;
      const raw = source.slice(from, to);
      const quote = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
      const text = node.value;
      const exact = source.slice(from + quote, from + quote + text.length) === text && !text.includes("\n");
      return position(exact ? from + quote + offset : from);
    },
  };
}

function child(node: Node, segment: string | number | symbol): Found | undefined {
  if (typeof segment === "symbol") return undefined;
  const target = isAlias(node) ? undefined : node;
  if (isMap(target)) {
    for (const pair of target.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      const keyText = isScalar(key) ? String(key.value) : undefined;
      if (keyText === String(segment)) {
        const value = pair.value as Node | null;
        const keyNode = key as Node;
        return value && value.range ? { node: value, keyNode } : { node: keyNode, keyNode };
      }
    }
    return undefined;
  }
  if (isSeq(target) && typeof segment === "number") {
    const item = target.items[segment] as Node | undefined;
    return item && item.range ? { node: item } : undefined;
  }
  return undefined;
}
