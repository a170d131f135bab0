import { KIND_MAPPING, KIND_NONE, KIND_SCALAR, KIND_SEQUENCE, type SourceTree } from "./yaml";

/**
 * Maps a path into the parsed data (["nodes", 3, "choices", 0, "next"]) back to the
 * YAML node it came from, so every problem can name a line and column. When the
 * path goes further than the file does (a missing field), the nearest enclosing
 * node is used. Positions are those the `yaml` package gives its nodes (a test
 * compares the two on every fixture and scenario): a value starts at its first
 * character after any anchor or tag, an empty value just after its colon and the
 * spaces that follow it.
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

/** 1-based line and column of an offset, counting lines at "\n" as the `yaml` package does. */
export function createPositions(source: string): (offset: number) => Position {
  let lineStarts: number[] | undefined;
  return (offset) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
    }
    const table = lineStarts;
    let low = 0;
    let high = table.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (table[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - table[low]! + 1 };
  };
}

type Found = { node: number; keyNode?: number };

const NONE = -1;

export function createLocator(source: string, tree: SourceTree): Locator {
  const position = createPositions(source);
  const { shift, count, kind, value } = tree;
  // The parser's offsets are into the source without its byte order mark.
  const at = (offset: number): number => offset + shift;
  const text = source;

  /** Children in document order: they follow their parent, each after the previous one's subtree. */
  const childCache = new Map<number, number[]>();
  const children = (node: number): readonly number[] => {
    const known = childCache.get(node);
    if (known) return known;
    const list: number[] = [];
    const last = node + tree.size[node]!;
    for (let id = node + 1; id < last; id += Math.max(1, tree.size[id]!)) list.push(id);
    childCache.set(node, list);
    return list;
  };

  const isEmpty = (node: number): boolean => kind[node] === KIND_NONE && value[node] === null;

  /** Where a node's content starts: past spaces, line breaks, comments, anchors and tags. */
  const contentStart = (node: number): number => {
    let i = at(tree.start[node]!);
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i += 1;
      else if (c === 0x23) {
        while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i += 1;
      } else if (c === 0x26 || c === 0x21) {
        while (i < text.length && !isSpace(text.charCodeAt(i))) i += 1;
      } else return i;
    }
  };

  const skipSpaces = (from: number): number => {
    let i = from;
    while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i += 1;
    return i;
  };
  /** An empty value sits just after its colon and the spaces on the same line. */
  const emptyStart = (node: number): number => {
    let i = skipSpaces(at(tree.start[node]!));
    // An anchor or tag with nothing after it: the empty value follows them.
    while (text.charCodeAt(i) === 0x26 || text.charCodeAt(i) === 0x21) {
      while (i < text.length && !isSpace(text.charCodeAt(i))) i += 1;
      i = skipSpaces(i);
    }
    return i;
  };

  const startOf = (node: number): number => {
    const empty = emptyEntries.get(node);
    if (empty !== undefined) return skipSpaces(empty);
    if (kind[node] !== KIND_NONE || isAlias(node)) return contentStart(node);
    return emptyStart(node);
  };

  /** A node with no kind is an alias, or an empty value (perhaps with a tag or an anchor). */
  const isAlias = (node: number): boolean => {
    const content = contentStart(node);
    return text.charCodeAt(content) === 0x2a && content < at(tree.end[node]!);
  };

  /** The first character between two offsets that is not a space or line break. */
  const firstMark = (from: number, to: number): number => {
    for (let i = at(from); i < at(to); i += 1) {
      const c = text.charCodeAt(i);
      if (!isSpace(c)) return c;
    }
    return -1;
  };

  /**
   * A node the parser read as a would-be key and kept ("- { a: b }" is read as a key
   * of a block mapping, then kept as the entry) wraps a node with the same value.
   */
  const unwrap = (node: number): number => {
    let current = node;
    for (;;) {
      if (current < 0) return current;
      const list = children(current);
      if (list.length !== 1) return current;
      const only = list[0]!;
      if (kind[only] !== kind[current] || value[only] !== value[current]) return current;
      current = only;
    }
  };

  const child = (outer: number, segment: string | number | symbol): Found | undefined => {
    if (typeof segment === "symbol") return undefined;
    const node = unwrap(outer);
    if (kind[node] === KIND_MAPPING) {
      const list = children(node);
      const wanted = String(segment);
      for (let i = 0; i < list.length;) {
        const key = list[i]!;
        // The next node is this key's value when a colon comes between them.
        const next = i + 1 < list.length ? list[i + 1]! : NONE;
        const paired = next !== NONE && firstMark(tree.end[key]!, tree.start[next]!) === 0x3a;
        i += paired ? 2 : 1;
        if (!isKey(key) || String(value[key]) !== wanted) continue;
        return paired ? { node: next, keyNode: key } : { node: key, keyNode: key };
      }
      return undefined;
    }
    if (kind[node] === KIND_SEQUENCE && typeof segment === "number") {
      const list = children(node);
      const items = value[node];
      if (!Array.isArray(items) || segment < 0 || segment >= items.length) return undefined;
      if (items.length === list.length) return { node: list[segment]! };
      // An empty entry ("-" alone on its line) has no node of its own.
      const entry = blockEntries(node)?.[segment];
      return entry === undefined ? undefined : { node: entry };
    }
    return undefined;
  };

  /**
   * The entries of a block sequence that has empty ones: each "-" at the column of
   * the first, with the node that follows it, or an empty marker at its offset.
   */
  const entryCache = new Map<number, number[] | undefined>();
  const emptyEntries = new Map<number, number>();
  const blockEntries = (node: number): number[] | undefined => {
    if (entryCache.has(node)) return entryCache.get(node);
    const first = contentStart(node);
    let result: number[] | undefined;
    if (text.charCodeAt(first) === 0x2d) {
      const column = first - (text.lastIndexOf("\n", first - 1) + 1);
      const list = children(node);
      const last = at(tree.end[node]!);
      result = [];
      let next = 0;
      for (let dash = first; dash !== -1;) {
        let nextDash = -1;
        for (let nl = text.indexOf("\n", dash); nl !== -1 && nl + 1 < last; nl = text.indexOf("\n", nl + 1)) {
          const candidate = nl + 1 + column;
          if (
            candidate < last &&
            onlySpaces(text, nl + 1, candidate) &&
            text.charCodeAt(candidate) === 0x2d &&
            isSpace(text.charCodeAt(candidate + 1))
          ) {
            nextDash = candidate;
            break;
          }
        }
        const item = list[next];
        const bound = nextDash === -1 ? last : nextDash;
        if (item !== undefined && contentStart(item) < bound) {
          result.push(item);
          next += 1;
        } else {
          const marker = -2 - dash;
          emptyEntries.set(marker, dash + 1);
          result.push(marker);
        }
        dash = nextDash;
      }
      if (next !== list.length) result = undefined;
    }
    entryCache.set(node, result);
    return result;
  };

  const isKey = (node: number): boolean => {
    if (kind[node] === KIND_SCALAR) return true;
    return kind[node] === KIND_NONE && (value[node] === null || typeof value[node] !== "object");
  };

  const find = (path: Path): Found | undefined => {
    // An empty document has no node to point at.
    let current: Found | undefined = count > 0 && !isEmpty(0) ? { node: 0 } : undefined;
    for (const segment of path) {
      if (!current) return undefined;
      const next = child(current.node, segment);
      if (!next) return current;
      current = next;
    }
    return current;
  };

  const offsetOf = (node: number | undefined): number => (node === undefined ? 0 : startOf(node));

  return {
    value: (path) => position(offsetOf(find(path)?.node)),
    key: (path) => {
      const found = find(path);
      return position(offsetOf(found?.keyNode ?? found?.node));
    },
    inside: (path, offset) => {
      const node = find(path)?.node;
      const from = offsetOf(node);
      if (node === undefined || typeof value[node] !== "string") return position(from);
      if (kind[node] !== KIND_SCALAR && (kind[node] !== KIND_NONE || isAlias(node))) return position(from);
      const first = text.charCodeAt(from);
      const quote = first === 0x22 || first === 0x27 ? 1 : 0;
      const content = value[node] as string;
      const exact = text.slice(from + quote, from + quote + content.length) === content && !content.includes("\n");
      return position(exact ? from + quote + offset : from);
    },
  };
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c);
}
