import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parse,
  parseDocument,
  type Document,
  type Node,
} from "yaml";
import { createLocator, type Path, type Position } from "~/domain/scenario/locate";
import { parseYaml } from "~/domain/scenario/yaml";
import { FIXTURES, libraryFiles } from "./helpers";

/**
 * The checker reads YAML with js-yaml and locates problems from the offsets its
 * listener reports. The `yaml` package keeps the source range of every node, so it
 * is the reference: for every path in every fixture and scenario (and in files made
 * to hit the awkward cases), both must name the same line and column.
 */

/** The locator the checker used with the `yaml` package, kept here as the reference. */
function referenceLocator(source: string) {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(source, { lineCounter, uniqueKeys: false });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  type Found = { node: Node; keyNode?: Node };
  const child = (node: Node, segment: string | number | symbol): Found | undefined => {
    if (typeof segment === "symbol" || isAlias(node)) return undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key) && String(key.value) === String(segment)) {
          const value = pair.value as Node | null;
          return value && value.range ? { node: value, keyNode: key } : { node: key, keyNode: key };
        }
      }
      return undefined;
    }
    if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      return item && item.range ? { node: item } : undefined;
    }
    return undefined;
  };
  const find = (p: Path): Found | undefined => {
    let current: Found | undefined = document.contents ? { node: document.contents } : undefined;
    for (const segment of p) {
      if (!current) return undefined;
      const next = child(current.node, segment);
      if (!next) return current;
      current = next;
    }
    return current;
  };
  const start = (node: Node | undefined): number => node?.range?.[0] ?? 0;
  return {
    value: (p: Path) => position(start(find(p)?.node)),
    key: (p: Path) => {
      const found = find(p);
      return position(start(found?.keyNode ?? found?.node));
    },
    inside: (p: Path, offset: number) => {
      const node = find(p)?.node;
      if (!node || !isScalar(node) || typeof node.value !== "string" || !node.range) return position(start(node));
      const from = node.range[0];
      const quote = source[from] === '"' || source[from] === "'" ? 1 : 0;
      const text = node.value;
      const exact = source.slice(from + quote, from + quote + text.length) === text && !text.includes("\n");
      return position(exact ? from + quote + offset : from);
    },
  };
}

/** Every path in the data, plus one step past each leaf and a missing key in each mapping. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
    paths.push([...prefix, value.length]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
    paths.push([...prefix, "missing"]);
  } else {
    paths.push([...prefix, "beyond"]);
  }
  return paths;
}

function compare(source: string, name: string): number {
  const parsed = parseYaml(source);
  expect(parsed.ok, `${name} should parse`).toBe(true);
  const data: unknown = parse(source);
  const ours = createLocator(source, parsed.tree);
  const reference = referenceLocator(source);
  const paths = pathsOf(data);
  for (const p of paths) {
    const where = `${name} at ${JSON.stringify(p)}`;
    expect(ours.value(p), `value of ${where}`).toEqual(reference.value(p));
    expect(ours.key(p), `key of ${where}`).toEqual(reference.key(p));
    expect(ours.inside(p, 3), `inside ${where}`).toEqual(reference.inside(p, 3));
  }
  return paths.length;
}

const files = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".yaml") && f !== "yaml-syntax.yaml")
    .map((f) => path.join(FIXTURES, f)),
  ...libraryFiles(),
  path.join("scenarios", "skills.yaml"),
];

/** Forms the real files do not use, but a trainer might. */
const awkward: Record<string, string> = {
  "empty values": "a:\nb:   \nc: # comment\n  \nd:\n  - x\n  -\n  - \n  - y\ne: {f: , g: 1}\n",
  "comments and blank lines": "# top\n\nid:   # why\n  # more\n  value\nlist:\n\n  # c\n  - one # tail\n  - two\n",
  "quoted and block scalars":
    "a: 'it''s here'\nb: \"esc\\\"aped\"\nc: |\n  line one\n  line two\nd: >-\n  folded\n  text\n\"e f\": 'k'\n",
  "flow collections": "a: { id: x, name: \"Y z\", list: [1, two, 'three'] }\nb: [ {c: d}, [e, f], g ]\nh: {i, j: k}\n",
  "anchors, tags and aliases":
    "a: &anchor\n  b: 1\nc: *anchor\nd: !!str 12\ne: &x [1, 2]\nf: !!map { g: h }\ng: !!str\nh: &y\ni:\n  *anchor\n",
  "sequences at the parent's indentation": "nodes:\n- id: one\n  choices:\n  - id: a\n    next: b\n- id: two\n",
  "numbers and words":
    "a: yes\nb: no\nc: on\nd: off\ne: ~\nf: 2024-01-02\ng: 0o7\nh: 0x1F\ni: 1e3\nj: .5\nk: -.5\nl: true\n",
  "a byte order mark": "\uFEFFid: one\nlist:\n  - two\n",
  "Windows line breaks": "id: one\r\nlist:\r\n  - two\r\n  - 'three'\r\nmap:\r\n  key: value\r\n",
  "a document marker": "---\nid: one\n...\n",
  "a scalar document": "just text\n",
  "a list document": "- 1\n- 2\n",
  "an empty document": "# nothing here\n",
  "non-ASCII text": 'says: "Ça va — très bien 😀"\nnext: n\nwhen: "trust >= 2 ∧ x"\n',
};

describe("locating paths in YAML", () => {
  it.each(files)("names the same line and column as the yaml package in %s", (file) => {
    expect(compare(readFileSync(file, "utf8"), file)).toBeGreaterThan(10);
  });

  it.each(Object.keys(awkward))("names the same line and column as the yaml package with %s", (name) => {
    compare(awkward[name]!, name);
  });
});

describe("reading YAML", () => {
  it("reads plain scalars as the YAML 1.2 core schema does, like the yaml package", () => {
    const scalars = [
      "yes",
      "no",
      "on",
      "off",
      "y",
      "n",
      "~",
      "null",
      "Null",
      "NULL",
      "",
      "true",
      "True",
      "TRUE",
      "false",
      "FALSE",
      "2024-01-02",
      "2024-01-02T10:00:00Z",
      "0o7",
      "0o8",
      "0x1F",
      "0x1g",
      "-0x1",
      "0b101",
      "012",
      "+12",
      "-3",
      "1_000",
      "1e3",
      "1.5e-2",
      ".5",
      "-.5",
      "+.5",
      "1.",
      ".inf",
      "-.Inf",
      ".NaN",
      "nan",
      "12:30",
      "<<",
      "0",
      "-0",
      "1.0",
      "9007199254740993",
    ];
    const source = scalars.map((s, i) => `k${i}: ${s}`).join("\n");
    const parsed = parseYaml(source);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value).toEqual(parse(source));
  });

  it("reports a duplicate key as an error at the second key", () => {
    const parsed = parseYaml("id: one\ntitle: T\nid: two\n");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toEqual({ offset: 17, severity: "error", message: "Map keys must be unique" });
  });

  it("points at the second document and at an unknown tag, in plain words", () => {
    const twoDocuments = parseYaml("a: 1\n# between\n---\nb: 2\n");
    expect(!twoDocuments.ok && twoDocuments.error).toMatchObject({
      offset: 15,
      message: "Source contains multiple documents",
    });
    const tagged = parseYaml("a: 1\nb: !!binary aGk=\n");
    expect(!tagged.ok && tagged.error).toMatchObject({ offset: 8, message: "Unknown tag !!binary" });
    const keyless = parseYaml("a: 1\n: 2\n");
    expect(!keyless.ok && keyless.error).toMatchObject({ offset: 5, message: "A colon with no key before it" });
  });

  it("refuses aliases that expand far beyond the file or contain themselves", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i += 1)
      levels.push(
        `${"b".repeat(i)}: &a${i} [${Array(10)
          .fill(i === 1 ? "*a" : `*a${i - 1}`)
          .join(", ")}]`,
      );
    const bomb = parseYaml(levels.join("\n"));
    expect(bomb.ok).toBe(false);
    const loop = parseYaml("a: &a [1, *a]\n");
    expect(loop.ok).toBe(false);
  });
});

describe("locating paths in mutated files", () => {
  const sources = files.map((file) => readFileSync(file, "utf8"));
  const replacements = [
    "42",
    "true",
    "null",
    "[]",
    "{}",
    "[a, b]",
    "''",
    "&anchor",
    "!!str x",
    "|",
    "",
    "# c",
    "{a: 1, b}",
  ];
  const mutation = fc.oneof(
    fc.nat().map((i) => (lines: string[]) => lines.filter((_, j) => j !== i % lines.length)),
    fc.nat().map((i) => (lines: string[]) => lines.flatMap((l, j) => (j === i % lines.length ? [l, l] : [l]))),
    fc.tuple(fc.nat(), fc.boolean()).map(
      ([i, deeper]) =>
        (lines: string[]) =>
          lines.map((l, j) => (j !== i % lines.length ? l : deeper ? `  ${l}` : l.slice(2))),
    ),
    fc.tuple(fc.nat(), fc.constantFrom(...replacements)).map(
      ([i, value]) =>
        (lines: string[]) =>
          lines.map((l, j) =>
            j === i % lines.length && l.includes(": ") ? `${l.slice(0, l.indexOf(": ") + 2)}${value}` : l,
          ),
    ),
    fc.nat().map((i) => (lines: string[]) => lines.map((l, j) => (j === i % lines.length ? l.replace(/\S+$/, "") : l))),
  );

  it("names the same line and column as the yaml package whenever both read the file", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.nat(sources.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, mutations) => {
          const source = mutations.reduce((lines, m) => m(lines), sources[which]!.split("\n")).join("\n");
          if (parseDocument(source, { uniqueKeys: true }).errors.length > 0 || !parseYaml(source).ok) return;
          compare(source, `mutated ${files[which]}`);
          compared += 1;
        },
      ),
      { numRuns: 150, seed: 20261123 },
    );
    expect(compared).toBeGreaterThan(50);
  }, 30_000);
});
