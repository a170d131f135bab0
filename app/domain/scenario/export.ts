import { z } from "zod";
import {
  choiceSchema,
  endingNodeSchema,
  lineNodeSchema,
  meterSchema,
  pauseNodeSchema,
  personaSchema,
  rubricCriterionSchema,
  scenarioSchema,
  type Choice,
  type EndingNode,
  type LineNode,
  type Meter,
  type PauseNode,
  type Persona,
  type RubricCriterionInput as RubricCriterion,
  type Scenario,
  type ScenarioInput,
} from "./schema";

/**
 * Writes a scenario in the canonical layout of the files in scenarios/ (documented in
 * docs/scenario-format.md, "Canonical formatting and export"), so that a file exported by
 * the studio reads like one written by hand and parses back to the same scenario.
 * Written by hand rather than with the `yaml` package, because the layout (where blank
 * lines go, flow style for ids and effects, `>-` wrapping) is not something it can be told.
 */
export type ExportOptions = {
  /** Comment text written under the schema line, without the `# ` prefixes. */
  header?: string;
};

export const SCHEMA_COMMENT = "# yaml-language-server: $schema=./scenario.schema.json";
/** Longest line for text; longer text is folded into a `>-` block. */
const TEXT_WIDTH = 96;
/** Longest line for a flow list or map, the project's Prettier printWidth, so `npm run format` agrees. */
const FLOW_WIDTH = 120;

export type Field = "scalar" | "ids" | "texts" | "effects" | ObjectList | "nodes";
type ObjectList = { fields: Fields; defaults: Defaults };
export type Fields = Readonly<Record<string, Field>>;
type Defaults = Readonly<Record<string, unknown>>;

/** Each object's fields in the order they are written; `satisfies` keeps every schema field listed. */
const personaFields = {
  id: "scalar",
  name: "scalar",
  relationship: "scalar",
  background: "scalar",
  wants: "scalar",
  fears: "scalar",
  voice: "scalar",
  kind: "scalar",
} as const satisfies Record<keyof Persona, Field>;

const meterFields = {
  id: "scalar",
  label: "scalar",
  start: "scalar",
  min: "scalar",
  max: "scalar",
  visible: "scalar",
} as const satisfies Record<keyof Meter, Field>;

const rubricFields = {
  id: "scalar",
  label: "scalar",
  description: "scalar",
} as const satisfies Record<keyof RubricCriterion, Field>;

/** `when` right after `id`, as every file in the library has it: the condition reads first, like an `if`. */
const choiceFields = {
  id: "scalar",
  when: "scalar",
  says: "scalar",
  next: "scalar",
  effects: "effects",
  note: "scalar",
  skills: "ids",
} as const satisfies Record<keyof Choice, Field>;

const lineFields = {
  id: "scalar",
  type: "scalar",
  speaker: "scalar",
  text: "scalar",
  aside: "scalar",
  choices: { fields: choiceFields, defaults: defaultsOf(choiceSchema) },
} as const satisfies Record<keyof LineNode, Field>;

const pauseFields = { id: "scalar", type: "scalar", prompt: "scalar", next: "scalar" } as const satisfies Record<
  keyof PauseNode,
  Field
>;

const endingFields = {
  id: "scalar",
  type: "scalar",
  title: "scalar",
  tone: "scalar",
  debrief: "scalar",
  wentWell: "texts",
  tryNext: "texts",
  guidance: "ids",
} as const satisfies Record<keyof EndingNode, Field>;

export const nodeFields = {
  line: { fields: lineFields, defaults: defaultsOf(lineNodeSchema) },
  pause: { fields: pauseFields, defaults: defaultsOf(pauseNodeSchema) },
  ending: { fields: endingFields, defaults: defaultsOf(endingNodeSchema) },
} as const;

export const scenarioFields = {
  id: "scalar",
  title: "scalar",
  summary: "scalar",
  audience: "ids",
  skills: "ids",
  minutes: "scalar",
  medium: "scalar",
  coachNotes: "scalar",
  contentNotes: "texts",
  personas: { fields: personaFields, defaults: defaultsOf(personaSchema) },
  meters: { fields: meterFields, defaults: defaultsOf(meterSchema) },
  rubric: { fields: rubricFields, defaults: defaultsOf(rubricCriterionSchema) },
  start: "scalar",
  nodes: "nodes",
} as const satisfies Record<keyof Scenario, Field>;

/** Top-level fields that open a section, with a blank line before them. */
const SECTIONS = new Set(["personas", "meters", "rubric", "start", "nodes"]);

const scenarioDefaults = defaultsOf(scenarioSchema);

export function scenarioToYaml(scenario: ScenarioInput | Scenario, options: ExportOptions = {}): string {
  const lines = [SCHEMA_COMMENT, ...headerLines(options.header), ""];
  for (const [key, field] of Object.entries(scenarioFields)) {
    const value = (scenario as Record<string, unknown>)[key];
    if (omitted(value, key, scenarioDefaults)) continue;
    if (SECTIONS.has(key)) lines.push("");
    lines.push(...fieldLines(key, field, value, 0));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The comment block at the top of a scenario file, without the schema line and the `#`
 * prefixes: what `scenarioToYaml` takes as `header` to write the same block again.
 */
export function scenarioHeader(source: string): string | undefined {
  const block: string[] = [];
  for (const line of source.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (line.trim() === "") block.push("");
    else if (line.startsWith("#")) block.push(line.trimEnd());
    else break;
  }
  const text = block
    .filter((line) => !/^#\s*yaml-language-server:/.test(line))
    .map((line) => line.replace(/^# ?/, ""))
    .join("\n")
    .trim();
  return text === "" ? undefined : text;
}

function headerLines(header: string | undefined): string[] {
  const text = header?.trim();
  if (!text) return [];
  return ["#", ...text.split(/\r?\n/).map((line) => (line.trim() === "" ? "#" : `# ${line.trimEnd()}`))];
}

function defaultsOf(schema: z.ZodObject): Defaults {
  const defaults: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(schema.shape)) {
    if (type instanceof z.ZodDefault) defaults[key] = type.def.defaultValue;
  }
  return defaults;
}

/** Left out: absent, or equal to the schema's default, so a parsed file exports without noise. */
function omitted(value: unknown, key: string, defaults: Defaults): boolean {
  return value === undefined || (key in defaults && sameValue(value, defaults[key]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fieldLines(key: string, field: Field, value: unknown, indent: number): string[] {
  const lead = `${" ".repeat(indent)}${key}:`;
  if (field === "scalar") return scalarLines(lead, indent + 2, value);
  if (field === "ids") return flowLines(lead, indent + 2, asArray(value).map(flowScalar), "[", "]");
  if (field === "effects") {
    const entries = isRecord(value) ? Object.entries(value) : [];
    return flowLines(
      lead,
      indent + 2,
      entries.map(([meter, amount]) => `${flowScalar(meter)}: ${flowScalar(amount)}`),
      "{",
      "}",
    );
  }
  const items = asArray(value);
  if (items.length === 0) return [`${lead} []`];
  if (field === "texts")
    return [lead, ...items.flatMap((item) => scalarLines(`${" ".repeat(indent + 2)}-`, indent + 4, item))];
  if (field === "nodes") return [lead, ...listItems(items, indent + 2, true, (node) => nodeLines(node, indent + 4))];
  return [lead, ...listItems(items, indent + 2, false, (item) => mappingLines(item, field, indent + 4))];
}

function nodeLines(node: unknown, indent: number): string[] {
  const type = isRecord(node) ? node.type : undefined;
  const shape =
    typeof type === "string" && Object.hasOwn(nodeFields, type)
      ? nodeFields[type as keyof typeof nodeFields]
      : undefined;
  // A node of no known type (a half-made draft) keeps its fields in the line's order.
  return mappingLines(node, shape ?? nodeFields.line, indent);
}

function mappingLines(value: unknown, { fields, defaults }: { fields: Fields; defaults: Defaults }, indent: number) {
  const record = isRecord(value) ? value : {};
  const lines: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    if (!omitted(record[key], key, defaults)) lines.push(...fieldLines(key, field, record[key], indent));
  }
  return lines.length > 0 ? lines : [`${" ".repeat(indent)}{}`];
}

/** Block list items: the first line of each mapping takes the `- `; nodes have a blank line between them. */
function listItems(items: unknown[], indent: number, blankBetween: boolean, render: (item: unknown) => string[]) {
  return items.flatMap((item, i) => {
    const [first = "", ...rest] = render(item);
    const lines = [`${" ".repeat(indent)}- ${first.trimStart()}`, ...rest];
    return blankBetween && i > 0 ? ["", ...lines] : lines;
  });
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** `key: [a, b]` or `key: { trust: 1 }` when the line fits, else one item per line. */
function flowLines(lead: string, indent: number, items: string[], open: string, close: string): string[] {
  const pad = open === "{" && items.length > 0 ? " " : "";
  const flow = `${open}${pad}${items.join(", ")}${pad}${close}`;
  if (width(lead) + 1 + width(flow) <= FLOW_WIDTH) return [`${lead} ${flow}`];
  const prefix = `${" ".repeat(indent)}${open === "[" ? "- " : ""}`;
  return [lead, ...items.map((item) => `${prefix}${item}`)];
}

/** A scalar in a block: on the key's line when it fits, else folded into a `>-` block. */
function scalarLines(lead: string, indent: number, value: unknown): string[] {
  if (typeof value !== "string") return [`${lead} ${flowScalar(value)}`];
  const inline = isPlain(value, false) ? value : canQuoteOnOneLine(value) ? quoted(value) : undefined;
  if (inline !== undefined && width(lead) + 1 + width(inline) <= TEXT_WIDTH) return [`${lead} ${inline}`];
  const folded = foldedLines(value, indent);
  if (folded) return [`${lead} >-`, ...folded];
  return [`${lead} ${inline ?? doubleQuoted(value)}`];
}

function flowScalar(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "null";
  const text = String(value);
  return isPlain(text, true) ? text : doubleQuoted(text);
}

/** Characters YAML prints as they are; anything else (controls, line separators, BOM) is escaped. */
const UNPRINTABLE = /[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

/** Plain text that YAML 1.2, or an editor still on YAML 1.1, would read as something other than text. */
const NOT_TEXT = [
  /^(?:~|null|true|false|yes|no|y|n|on|off|<<|=)$/i,
  /^[-+]?\.?[0-9][0-9a-z_.:+-]*$/i,
  /^[-+]?\.(?:inf|nan)$/i,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t]|$)/,
];

/** Whether `text` can be written unquoted: nothing YAML would read as syntax, a number, a boolean or null. */
function isPlain(text: string, flow: boolean): boolean {
  if (text === "" || /^[ \t]|[ \t]$|[\t\n]/.test(text) || UNPRINTABLE.test(text)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text)) return false;
  if (flow && /[,[\]{}:#]/.test(text)) return false;
  return !NOT_TEXT.some((pattern) => pattern.test(text));
}

function canQuoteOnOneLine(text: string): boolean {
  return !text.includes("\n") && !UNPRINTABLE.test(text);
}

/** Double quotes, but single quotes for text with `"` and nothing to escape: Prettier's choice, so it agrees. */
function quoted(text: string): string {
  const single = text.includes('"') && !/[\\\t\n]/.test(text) && !UNPRINTABLE.test(text);
  return single ? `'${text.replaceAll("'", "''")}'` : doubleQuoted(text);
}

const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\t": "\\t",
  "\r": "\\r",
  "\0": "\\0",
};

function doubleQuoted(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (ESCAPES[char]) out += ESCAPES[char];
    else if (!UNPRINTABLE.test(char)) out += char;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `"${out}"`;
}

/**
 * The lines of a `>-` block at `indent`, wrapped at single spaces to TEXT_WIDTH; one
 * newline in the text is one empty line in the block. Undefined when a folded block
 * could not give the text back exactly: whitespace at the start or end of a line
 * (which folding would change or an editor would strip) or characters that need escapes.
 */
function foldedLines(text: string, indent: number): string[] | undefined {
  if (UNPRINTABLE.test(text) || /^[ \t\n]|[ \t\n]$|[ \t]\n|\n[ \t]/.test(text)) return undefined;
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  for (const part of text.split(/(\n+)/)) {
    if (part.startsWith("\n")) {
      for (let i = 0; i < part.length; i += 1) lines.push("");
      continue;
    }
    let line = "";
    for (const word of part.split(/(?<=[^ \t]) (?=[^ \t])/)) {
      if (line === "") line = word;
      else if (indent + width(line) + 1 + width(word) <= TEXT_WIDTH) line += ` ${word}`;
      else {
        lines.push(pad + line);
        line = word;
      }
    }
    lines.push(pad + line);
  }
  return lines;
}

/** Columns a line takes, counting each code point once (é, – and ’ are one column). */
function width(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
