import { Lexer } from "yaml";
import { z } from "zod";
import { nodeFields, scenarioFields, scenarioHeader, scenarioToYaml, type Field, type Fields } from "./export";
import { createLocator } from "./locate";
import { reservedWords, type ScenarioInput } from "./schema";
import { parseYaml } from "./yaml";

/**
 * Editing a draft through forms. A draft may not pass the checker yet, so forms work on the
 * document as YAML reads it (plain data, unchecked) and write it back in the canonical layout.
 * Only what the canonical layout can keep is editable here: a draft with unknown fields, values
 * of the wrong shape or comments below its header is refused, so nothing a trainer typed is lost.
 */
export type DraftDocument = Record<string, unknown>;
type Item = Record<string, unknown>;

export type ReadDraft = { ok: true; document: DraftDocument; header?: string } | { ok: false; reason: string };

export type ListName = "personas" | "meters";
export type Direction = "up" | "down";

/** The fields the canonical layout writes, from the export itself, so the two cannot drift apart. */
type Shape = Field;
const nodeShapes: Readonly<Record<string, Fields>> = Object.fromEntries(
  Object.entries(nodeFields).map(([type, { fields }]) => [type, fields]),
);
const scenarioShape: Fields = scenarioFields;

export function isRecord(value: unknown): value is Item {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isScalar = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);

/** Paths of the values the canonical layout would drop or change beyond recognition. */
function unkept(value: unknown, shape: Shape, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (shape === "scalar") return isScalar(value) ? [] : [path];
  if (shape === "ids" || shape === "texts") {
    const items = Array.isArray(value) ? value : [value];
    return items.every(isScalar) ? [] : [path];
  }
  if (shape === "effects") return isRecord(value) && Object.values(value).every(isScalar) ? [] : [path];
  if (!Array.isArray(value)) return [path];
  return value.flatMap((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (shape === "nodes") {
      const type = isRecord(item) && typeof item.type === "string" ? item.type : "line";
      return unkeptFields(item, nodeShapes[type] ?? nodeShapes.line!, itemPath);
    }
    return unkeptFields(item, shape.fields, itemPath);
  });
}

function unkeptFields(item: unknown, fields: Fields, path: string): string[] {
  if (item === null) return [];
  if (!isRecord(item)) return [path];
  return Object.entries(item).flatMap(([key, value]) => {
    const keyPath = path ? `${path}.${key}` : key;
    const shape = fields[key];
    return shape ? unkept(value, shape, keyPath) : [keyPath];
  });
}

/** Comments the canonical layout cannot keep: any after the file's opening comment block. */
function hasCommentsBelowHeader(source: string): boolean {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerComments = lines.findIndex((line) => line.trim() !== "" && !line.startsWith("#"));
  const inHeader = lines
    .slice(0, headerComments === -1 ? lines.length : headerComments)
    .filter((line) => line.startsWith("#")).length;
  let comments = 0;
  for (const token of new Lexer().lex(source)) if (token.startsWith("#")) comments += 1;
  return comments > inHeader;
}

/** The draft as data, or why the forms cannot edit it (the source editor always can). */
export function readDraft(source: string): ReadDraft {
  const parsed = parseYaml(source);
  if (!parsed.ok) return { ok: false, reason: "its YAML cannot be read" };
  const value: unknown = parsed.value ?? {};
  if (!isRecord(value)) return { ok: false, reason: "its YAML is not a list of fields such as id: and title:" };
  const lost = unkeptFields(value, scenarioShape, "");
  if (lost.length > 0) {
    const named = lost.slice(0, 5).join(", ") + (lost.length > 5 ? ` and ${lost.length - 5} more` : "");
    return { ok: false, reason: `it has fields the forms do not know, or cannot keep as written: ${named}` };
  }
  if (hasCommentsBelowHeader(source)) {
    return { ok: false, reason: "it has comments below its opening comment block, which the forms cannot keep" };
  }
  return { ok: true, document: structuredClone(value), header: scenarioHeader(source) };
}

/** The document in the canonical layout, with the file's opening comment block kept. */
export function writeDraft(document: DraftDocument, header?: string): string {
  return scenarioToYaml(document as ScenarioInput, { header });
}

/** A new scenario: only its id and title. The checker then lists what it still needs. */
export function draftSkeleton(id: string, title: string): string {
  return writeDraft({ id, title });
}

/** A scenario id made from a title: "Before the review!" gives before-the-review. */
export function suggestSlug(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  const slug = /^[a-z]/.test(words) ? words : `scenario${words ? `-${words}` : ""}`;
  return (reservedWords as readonly string[]).includes(slug) ? `${slug}-scenario` : slug;
}

/** `<slug>-copy`, then `-copy-2`, `-copy-3`... the first one not in `taken`. */
export function copySlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(`${slug}-copy`)) return `${slug}-copy`;
  for (let n = 2; ; n += 1) if (!taken.has(`${slug}-copy-${n}`)) return `${slug}-copy-${n}`;
}

export function listOf(document: DraftDocument, key: string): unknown[] {
  const value = document[key];
  return Array.isArray(value) ? value : [];
}

export function records(document: DraftDocument, key: string): Item[] {
  return listOf(document, key).map((item) => (isRecord(item) ? item : {}));
}

function withList(document: DraftDocument, key: string, change: (list: unknown[]) => void): DraftDocument {
  const next = structuredClone(document);
  const list = [...listOf(next, key)];
  change(list);
  next[key] = list;
  return next;
}

function moved<T>(list: T[], index: number, direction: Direction): T[] {
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || index >= list.length || other < 0 || other >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  return copy;
}

/** Keys with an undefined value are removed: a cleared optional field leaves the file. */
function assignFields(target: Item, fields: Record<string, unknown>): Item {
  const next = { ...target };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

export function setDetails(document: DraftDocument, details: Record<string, unknown>): DraftDocument {
  return assignFields(structuredClone(document), details);
}

export function nodeIndex(document: DraftDocument, id: string): number {
  return listOf(document, "nodes").findIndex((node) => isRecord(node) && node.id === id);
}

export function findNode(document: DraftDocument, id: string): Item | undefined {
  const index = nodeIndex(document, id);
  return index === -1 ? undefined : (listOf(document, "nodes")[index] as Item);
}

export function nodeIds(document: DraftDocument): string[] {
  return records(document, "nodes").flatMap((node) => (typeof node.id === "string" ? [node.id] : []));
}

/** A persona or meter saved at `index`, or added at the end when `index` is null. */
export function saveListItem(
  document: DraftDocument,
  key: ListName,
  index: number | null,
  item: Record<string, unknown>,
): DraftDocument {
  const previous = index === null ? undefined : records(document, key)[index];
  let next = withList(document, key, (list) => {
    if (index === null || index >= list.length) list.push(item);
    else list[index] = item;
  });
  const oldId = typeof previous?.id === "string" ? previous.id : undefined;
  const newId = typeof item.id === "string" ? item.id : undefined;
  if (oldId && newId && oldId !== newId) {
    next = key === "personas" ? renamePersona(next, oldId, newId) : renameMeter(next, oldId, newId);
  }
  return next;
}

export function deleteListItem(document: DraftDocument, key: ListName, index: number): DraftDocument {
  return withList(document, key, (list) => list.splice(index, 1));
}

/** A node added at the end; the first node of a draft without a start becomes its start. */
export function addNode(document: DraftDocument, node: Item): DraftDocument {
  const next = withList(document, "nodes", (list) => list.push(node));
  if (next.start === undefined || next.start === null || next.start === "") next.start = node.id;
  return next;
}

/**
 * The node `id` replaced by `fields` (a line keeps its choices, which have forms of their own).
 * A new id is carried to everything that named the old one: `start`, each `next` and
 * `visited()` in conditions, so renaming never breaks a working scenario.
 */
export function updateNode(document: DraftDocument, id: string, fields: Item): DraftDocument {
  const index = nodeIndex(document, id);
  if (index === -1) return document;
  let next = withList(document, "nodes", (list) => {
    const current = list[index] as Item;
    list[index] = current.type === "line" ? { ...fields, choices: current.choices } : { ...fields };
  });
  const newId = fields.id;
  if (typeof newId === "string" && newId !== id) next = renameNode(next, id, newId);
  return next;
}

export function moveNode(document: DraftDocument, id: string, direction: Direction): DraftDocument {
  const index = nodeIndex(document, id);
  const next = structuredClone(document);
  next.nodes = moved(listOf(next, "nodes"), index, direction);
  return next;
}

/** The node goes; anything that led to it is left for the checker to report. */
export function deleteNode(document: DraftDocument, id: string): DraftDocument {
  const index = nodeIndex(document, id);
  return index === -1 ? document : withList(document, "nodes", (list) => list.splice(index, 1));
}

export function choicesOf(document: DraftDocument, nodeId: string): Item[] {
  const node = findNode(document, nodeId);
  return Array.isArray(node?.choices) ? node.choices.map((choice) => (isRecord(choice) ? choice : {})) : [];
}

function withChoices(document: DraftDocument, nodeId: string, change: (choices: unknown[]) => unknown[]) {
  const index = nodeIndex(document, nodeId);
  if (index === -1) return document;
  return withList(document, "nodes", (list) => {
    const node = list[index] as Item;
    list[index] = { ...node, choices: change(Array.isArray(node.choices) ? [...node.choices] : []) };
  });
}

/** A choice saved at `index` of the node's choices, or added at the end when `index` is null. */
export function saveChoice(document: DraftDocument, nodeId: string, index: number | null, choice: Item) {
  return withChoices(document, nodeId, (choices) => {
    if (index === null || index >= choices.length) choices.push(choice);
    else choices[index] = choice;
    return choices;
  });
}

export function moveChoice(document: DraftDocument, nodeId: string, index: number, direction: Direction) {
  return withChoices(document, nodeId, (choices) => moved(choices, index, direction));
}

export function deleteChoice(document: DraftDocument, nodeId: string, index: number) {
  return withChoices(document, nodeId, (choices) => choices.filter((_, i) => i !== index));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** An id as a whole word of a condition: ids are letters, digits and hyphens. */
const word = (id: string) => `(?<![a-z0-9-])${escape(id)}(?![a-z0-9-])`;

function mapChoices(document: DraftDocument, change: (choice: Item) => Item): DraftDocument {
  const next = structuredClone(document);
  next.nodes = listOf(next, "nodes").map((node) =>
    isRecord(node) && Array.isArray(node.choices)
      ? { ...node, choices: node.choices.map((choice) => (isRecord(choice) ? change(choice) : choice)) }
      : node,
  );
  return next;
}

function renameNode(document: DraftDocument, from: string, to: string): DraftDocument {
  const visited = new RegExp(`(visited\\(\\s*)${escape(from)}(\\s*\\))`, "g");
  const next = mapChoices(document, (choice) => ({
    ...choice,
    ...(choice.next === from ? { next: to } : {}),
    ...(typeof choice.when === "string" ? { when: choice.when.replace(visited, `$1${to}$2`) } : {}),
  }));
  if (next.start === from) next.start = to;
  next.nodes = listOf(next, "nodes").map((node) =>
    isRecord(node) && node.type === "pause" && node.next === from ? { ...node, next: to } : node,
  );
  return next;
}

function renamePersona(document: DraftDocument, from: string, to: string): DraftDocument {
  const next = structuredClone(document);
  next.nodes = listOf(next, "nodes").map((node) =>
    isRecord(node) && node.speaker === from ? { ...node, speaker: to } : node,
  );
  return next;
}

/** A meter's new id in every effect and comparison; `visited(x)` names a node, so it is left alone. */
function renameMeter(document: DraftDocument, from: string, to: string): DraftDocument {
  const inCondition = new RegExp(`(?<!visited\\(\\s*)${word(from)}`, "g");
  return mapChoices(document, (choice) => {
    const changed = { ...choice };
    if (isRecord(choice.effects) && from in choice.effects) {
      changed.effects = Object.fromEntries(
        Object.entries(choice.effects).map(([meter, amount]) => [meter === from ? to : meter, amount]),
      );
    }
    if (typeof choice.when === "string") changed.when = choice.when.replace(inCondition, to);
    return changed;
  });
}

/** The form a line of the source is edited in: a node's, the people and meters page, or the details. */
export type PartOfLine = { node: string } | "people" | "details" | undefined;

const PEOPLE_KEYS = new Set(["personas", "meters"]);

/**
 * Which part of the draft each line belongs to, so a checker problem can link to the form it is
 * fixed in. Lines of a node without an id, and of a file that does not parse, belong to none.
 */
export function partOfLine(source: string): (line: number) => PartOfLine {
  const parsed = parseYaml(source);
  if (!parsed.ok || !isRecord(parsed.value)) return () => undefined;
  const locate = createLocator(source, parsed.tree);
  const document = parsed.value;
  // Top-level keys in the order they appear; each owns the lines up to the next.
  const sections = Object.keys(document)
    .map((key) => ({ key, line: locate.key([key]).line }))
    .sort((a, b) => a.line - b.line);
  const nodes = listOf(document, "nodes").map((node, i) => ({
    line: locate.value(["nodes", i]).line,
    id: isRecord(node) && typeof node.id === "string" ? node.id : undefined,
  }));
  return (line) => {
    let section: string | undefined;
    for (const candidate of sections) if (candidate.line <= line) section = candidate.key;
    if (section === undefined || !Object.hasOwn(scenarioShape, section)) return "details";
    if (PEOPLE_KEYS.has(section)) return "people";
    if (section !== "nodes") return "details";
    let id: string | undefined;
    for (const node of nodes) if (node.line <= line) id = node.id;
    return id === undefined ? undefined : { node: id };
  };
}

/**
 * A form's own schema (strings as typed) followed by one of the scenario's sub-schemas:
 * `build` turns the form's fields into the part of the file, and each problem the scenario's
 * schema finds is put on the form field it came from. The output keeps the form's own fields
 * (the version the form was loaded at) beside the part.
 */
export function partSchema<Form extends z.ZodObject, Part extends z.ZodType>(
  form: Form,
  part: Part,
  build: (fields: z.output<Form>) => unknown,
  field: (path: PropertyKey[]) => PropertyKey[] = (path) => path.slice(0, 1),
) {
  return form.transform((fields, ctx): { part: z.output<Part>; form: z.output<Form> } => {
    const result = part.safeParse(build(fields));
    if (result.success) return { part: result.data, form: fields };
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: "custom", path: field(issue.path), message: plainMessage(issue) });
    }
    return z.NEVER;
  });
}

/** zod's own words for a wrong type or size become ones a trainer can act on. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    return issue.expected === "number" || issue.expected === "int" ? "write a whole number, like 5" : "fill this in";
  }
  if (issue.code === "invalid_value") return "choose one of the options";
  if (issue.code === "unrecognized_keys") return `unexpected field: ${issue.keys.join(", ")}`;
  if (issue.code === "too_small" && issue.message.startsWith("Too small")) return `must be at least ${issue.minimum}`;
  if (issue.code === "too_big" && issue.message.startsWith("Too big")) return `must be at most ${issue.maximum}`;
  return issue.message;
}

/** A text field of a form, as typed (an empty one arrives as undefined), with a limit. */
export const formText = (max: number) =>
  z
    .string()
    .max(max, { error: `this is over ${max.toLocaleString("en-GB")} characters: shorten it` })
    .optional();

/** The version of the draft the form was loaded at. */
export const formVersion = z
  .number({ error: "This form is out of date. Reload the page and try again." })
  .int()
  .min(1)
  .max(1_000_000_000);

/** A whole number as typed: undefined when empty, NaN when not a whole number, so the schema says which. */
export function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return /^\s*[-+]?\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** One item per line of a text area, blank lines dropped. */
export function linesOf(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A document value shown in a form: text as it is, lists one item per line. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(asText).join("\n");
  return String(value);
}

export function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(asText);
}
