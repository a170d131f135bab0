import { FAILSAFE_SCHEMA, load, Type, YAMLException, type State } from "js-yaml";
import type { Severity } from "./problem";

/**
 * Reads a YAML file with js-yaml and keeps, beside the value, where every node of it
 * starts: locate.ts turns a data path into a line and column from that. js-yaml calls
 * a listener when it opens and closes each node; the nodes form a tree in the order
 * they start, so a node's start offset, end offset, kind, value and the size of its
 * subtree are kept in flat arrays indexed by that order. Nothing here is looked at again
 * unless the checker has something to report.
 */
export type SourceTree = {
  /** js-yaml drops a byte order mark; this puts its offsets back into the source's. */
  shift: number;
  /** The number of nodes; node 0 is the document. */
  count: number;
  /** Offset at which the parser opened the node (before any space it skips). */
  start: Int32Array;
  /** Offset at which the parser closed the node. */
  end: Int32Array;
  /** The number of nodes in the node's subtree, itself included: its children follow it in order. */
  size: Int32Array;
  kind: Uint8Array;
  /** The node's value as the parser built it (for keys and text). */
  value: unknown[];
};

export const KIND_NONE = 0;
export const KIND_SCALAR = 1;
export const KIND_MAPPING = 2;
export const KIND_SEQUENCE = 3;

/** A problem of the YAML itself, at an offset into the source. */
export type YamlProblem = { offset: number; severity: Severity; message: string };

export type ParsedYaml =
  | { ok: true; value: unknown; tree: SourceTree; warnings: YamlProblem[] }
  | { ok: false; error: YamlProblem; tree: SourceTree; warnings: YamlProblem[] };

/**
 * The YAML 1.2 core schema, as the `yaml` package (and YAML 1.2 itself) reads plain
 * scalars: null is `~`, `null`, `Null`, `NULL` or nothing; booleans are only true and
 * false in three spellings (so `yes`, `no`, `on` and `off` stay text); integers are
 * decimal, `0o` octal or `0x` hexadecimal; floats include `.inf` and `.nan`. Dates stay
 * text and `<<` is an ordinary key. js-yaml's own CORE_SCHEMA is its JSON schema, which
 * also reads `0b1` and `-0x1` as numbers, and its DEFAULT_SCHEMA adds dates, merge
 * keys, sets and binary: trainers would see different values for the same file than
 * their editor shows. So the two number types are written out here.
 */
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;

/** Only a plain scalar that starts with a digit, a sign or a dot can be a number; most are words. */
function mayBeNumber(data: string): boolean {
  const c = data.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

const nullType = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: string | null) =>
    data === null || data.length === 0 || (data.length <= 4 && /^(?:~|[Nn]ull|NULL)$/.test(data)),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

const boolType = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: string | null) =>
    data !== null && (data.length === 4 || data.length === 5) && /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(data),
  construct: (data: string) => data[0] === "t" || data[0] === "T",
  predicate: (value: unknown) => typeof value === "boolean",
});

const intType = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && mayBeNumber(data) && INT.test(data),
  construct: (data: string) => {
    if (data.startsWith("0o")) return parseInt(data.slice(2), 8);
    if (data.startsWith("0x")) return parseInt(data.slice(2), 16);
    return parseInt(data, 10);
  },
  predicate: (value: unknown) => typeof value === "number" && Number.isInteger(value),
});

const floatType = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && mayBeNumber(data) && FLOAT.test(data),
  construct: (data: string) => {
    if (/nan$/i.test(data)) return NaN;
    if (/inf$/i.test(data)) return data.startsWith("-") ? -Infinity : Infinity;
    return parseFloat(data);
  },
  predicate: (value: unknown) => typeof value === "number",
});

export const YAML_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });

/** More nodes than this reached through aliases is an attack or a mistake, never a scenario. */
const EXPANSION_FACTOR = 10;
const EXPANSION_MINIMUM = 10_000;
const MAX_EXPANDED_DEPTH = 200;

export function parseYaml(source: string): ParsedYaml {
  const shift = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let capacity = Math.max(64, source.length >> 4);
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let size = new Int32Array(capacity);
  let kind = new Uint8Array(capacity);
  const value: unknown[] = [];
  // The nodes open around the current one. js-yaml refuses to nest deeper than 100.
  let stack = new Int32Array(128);
  let depth = 0;
  let count = 0;
  let aliases = false;

  const grow = (): void => {
    capacity *= 2;
    start = copy(start, new Int32Array(capacity));
    end = copy(end, new Int32Array(capacity));
    size = copy(size, new Int32Array(capacity));
    kind = copy(kind, new Uint8Array(capacity));
  };

  const listener = (event: "open" | "close", state: State): void => {
    if (event === "open") {
      if (count === capacity) grow();
      const id = count++;
      start[id] = state.position;
      if (depth === stack.length) stack = copy(stack, new Int32Array(depth * 2));
      stack[depth++] = id;
      value.push(undefined);
      return;
    }
    const id = stack[--depth]!;
    end[id] = state.position;
    size[id] = count - id;
    const result: unknown = state.result;
    value[id] = result;
    const k = state.kind as string | null;
    if (k === "scalar") kind[id] = KIND_SCALAR;
    else if (k === "mapping") kind[id] = KIND_MAPPING;
    else if (k === "sequence") kind[id] = KIND_SEQUENCE;
    else {
      kind[id] = KIND_NONE;
      // No kind but a collection: an alias to it.
      if (result !== null && typeof result === "object") aliases = true;
    }
  };

  const warnings: YamlProblem[] = [];
  const tree = (): SourceTree => ({ shift, count, start, end, size, kind, value });
  let data: unknown;
  try {
    data = load(source, {
      schema: YAML_CORE_SCHEMA,
      listener,
      onWarning: (warning) => {
        // The yaml package accepted text lines less indented than their key; so does the checker.
        if (!/^deficient indentation/.test(warning.reason))
          warnings.push(problemOf(warning, "warning", shift, source.length));
      },
    });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const problem = problemOf(error, "error", shift, source.length);
    // js-yaml gives no position for a second document: it starts where the first ends.
    if (/^expected a single document/.test(error.reason) && count > 0)
      problem.offset = nextToken(source, end[0]! + shift);
    // It reports an unknown tag after reading its node; point at the tag, as editors do.
    if (/^unknown tag/.test(error.reason)) problem.offset = tagBefore(source, problem.offset);
    return { ok: false, error: problem, tree: tree(), warnings };
  }
  if (aliases) {
    const trouble = aliasTrouble(data, Math.max(EXPANSION_MINIMUM, count * EXPANSION_FACTOR));
    if (trouble)
      return { ok: false, error: { offset: 0, severity: "error", message: trouble }, tree: tree(), warnings };
  }
  return { ok: true, value: data, tree: tree(), warnings };
}

/** The first offset from `from` that is not space, a line break or a comment. */
function nextToken(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 0x23) while (i < source.length && source.charCodeAt(i) !== 0x0a) i += 1;
    else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i += 1;
    else break;
  }
  return Math.min(i, source.length);
}

/** The start of the last tag ("!" after a space or a bracket) on the line before `offset`. */
function tagBefore(source: string, offset: number): number {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  for (let i = Math.min(offset, source.length - 1); i >= lineStart; i -= 1) {
    const before = i === lineStart ? 0x20 : source.charCodeAt(i - 1);
    if (
      source.charCodeAt(i) === 0x21 &&
      (before === 0x20 || before === 0x09 || before === 0x5b || before === 0x7b || before === 0x2c)
    ) {
      return i;
    }
  }
  return offset;
}

function copy<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function problemOf(error: YAMLException, severity: Severity, shift: number, length: number): YamlProblem {
  const at = typeof error.mark?.position === "number" ? error.mark.position + shift : 0;
  return { offset: Math.max(0, Math.min(length, at)), severity, message: yamlMessage(error.reason) };
}

/** js-yaml's reasons, in the words the checker has always used where it had some. */
const MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^unexpected end of the (stream|document) within a double quoted scalar/, 'Missing closing "quote'],
  [/^unexpected end of the (stream|document) within a single quoted scalar/, "Missing closing 'quote"],
  [/^unexpected end of the stream within a flow collection/, "Missing closing bracket or brace"],
  [/^duplicated mapping key/, "Map keys must be unique"],
  [/^expected a single document in the stream/, "Source contains multiple documents"],
  [/^tab characters must not be used in indentation/, "Tabs are not allowed as indentation"],
  [/^incomplete explicit mapping pair/, "A colon with no key before it"],
  [/^bad indentation of a (mapping|sequence) entry/, "Bad indentation of a $1 entry"],
  [/^unknown tag !<tag:yaml\.org,2002:([^>]*)>/, "Unknown tag !!$1"],
  [/^unknown tag !<([^>]*)>/, "Unknown tag $1"],
];

function yamlMessage(reason: string | undefined): string {
  const text = (reason ?? "the file is not valid YAML").split("\n")[0]!;
  for (const [pattern, words] of MESSAGES) {
    const match = pattern.exec(text);
    if (match) return words.replace("$1", match[1] ?? "");
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * js-yaml shares an aliased node instead of copying it, so a file can describe a
 * structure far larger than itself (or one that contains itself). Counts the nodes the
 * value has when every alias is expanded, as the schema check would visit them.
 */
function aliasTrouble(root: unknown, limit: number): string | undefined {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const size = (value: unknown, depth: number): number => {
    if (value === null || typeof value !== "object") return 1;
    if (depth > MAX_EXPANDED_DEPTH) throw new AliasCycle();
    const known = sizes.get(value);
    if (known !== undefined) return known;
    if (open.has(value)) throw new AliasCycle();
    open.add(value);
    let total = 1;
    for (const child of Object.values(value)) {
      total += size(child, depth + 1);
      if (total > limit) break;
    }
    open.delete(value);
    sizes.set(value, total);
    return total;
  };
  try {
    if (size(root, 0) > limit) return "the file could not be read: its aliases expand it far beyond its size";
  } catch (error) {
    if (error instanceof AliasCycle)
      return "the file could not be read: an alias refers to a node that contains it, or aliases nest too deeply";
    throw error;
  }
  return undefined;
}

class AliasCycle extends Error {}
