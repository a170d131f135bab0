import type { Choice, Scenario, ScenarioNode } from "./schema";

/**
 * What changed between two versions of a scenario, node by node, for a trainer checking a new
 * version against the last. Values are shown as text; order follows the newer version, with nodes
 * it removed at the end.
 */

export type FieldChange = { field: string; before: string; after: string };

export type ItemDiff = {
  id: string;
  /** A short name: a persona's name, a meter's label, a node's first words or title. */
  label: string;
  status: "added" | "removed" | "changed" | "unchanged";
  changes: FieldChange[];
};

export type ScenarioDiff = {
  details: FieldChange[];
  personas: ItemDiff[];
  meters: ItemDiff[];
  nodes: ItemDiff[];
  /** How many nodes were added, removed and changed. */
  counts: { added: number; removed: number; changed: number; unchanged: number };
};

const DETAIL_FIELDS = [
  ["title", "Title"],
  ["summary", "Summary"],
  ["audience", "Suits"],
  ["skills", "Skills"],
  ["minutes", "Minutes"],
  ["medium", "How it happens"],
  ["coachNotes", "Coach's notes shown"],
  ["contentNotes", "Content notes"],
  ["start", "First node"],
  ["rubric", "Own-words rubric"],
] as const;

export function diffScenarios(before: Scenario, after: Scenario): ScenarioDiff {
  const details = DETAIL_FIELDS.flatMap(([key, field]) => change(field, before[key], after[key]));
  const personas = diffItems(
    before.personas,
    after.personas,
    (persona) => persona.name,
    (a, b) =>
      (["name", "relationship", "background", "wants", "fears", "voice", "kind"] as const).flatMap((key) =>
        change(key, a[key], b[key]),
      ),
  );
  const meters = diffItems(
    before.meters,
    after.meters,
    (meter) => meter.label,
    (a, b) => (["label", "start", "min", "max", "visible"] as const).flatMap((key) => change(key, a[key], b[key])),
  );
  const nodes = diffItems(before.nodes, after.nodes, nodeLabel, diffNode);
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const node of nodes) counts[node.status] += 1;
  return { details, personas, meters, nodes, counts };
}

function diffItems<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  label: (item: T) => string,
  compare: (a: T, b: T) => FieldChange[],
): ItemDiff[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const kept = new Set(after.map((item) => item.id));
  const result: ItemDiff[] = after.map((item) => {
    const previous = old.get(item.id);
    if (!previous) return { id: item.id, label: label(item), status: "added", changes: [] };
    const changes = compare(previous, item);
    return { id: item.id, label: label(item), status: changes.length > 0 ? "changed" : "unchanged", changes };
  });
  for (const item of before) {
    if (!kept.has(item.id)) result.push({ id: item.id, label: label(item), status: "removed", changes: [] });
  }
  return result;
}

function diffNode(a: ScenarioNode, b: ScenarioNode): FieldChange[] {
  if (a.type !== b.type) return [{ field: "type", before: a.type, after: b.type }];
  if (a.type === "line" && b.type === "line") {
    return [
      ...change("speaker", a.speaker, b.speaker),
      ...change("text", a.text, b.text),
      ...change("aside", a.aside, b.aside),
      ...diffChoices(a.choices, b.choices),
    ];
  }
  if (a.type === "pause" && b.type === "pause") {
    return [...change("prompt", a.prompt, b.prompt), ...change("next", a.next, b.next)];
  }
  if (a.type === "ending" && b.type === "ending") {
    return (["title", "tone", "debrief", "wentWell", "tryNext", "guidance"] as const).flatMap((key) =>
      change(key, a[key], b[key]),
    );
  }
  return [];
}

function diffChoices(before: readonly Choice[], after: readonly Choice[]): FieldChange[] {
  const changes = diffItems(
    before,
    after,
    (choice) => choice.says,
    (a, b) =>
      (["says", "next", "effects", "note", "skills", "when"] as const).flatMap((key) => change(key, a[key], b[key])),
  ).flatMap((item): FieldChange[] => {
    const name = `choice “${item.id}”`;
    if (item.status === "added") return [{ field: name, before: "", after: `added: ${item.label}` }];
    if (item.status === "removed") return [{ field: name, before: item.label, after: "removed" }];
    return item.changes.map((entry) => ({ ...entry, field: `${name}: ${entry.field}` }));
  });
  const order = (choices: readonly Choice[]) => choices.map((choice) => choice.id).join(", ");
  const sameSet = before.length === after.length && before.every((choice) => after.some((c) => c.id === choice.id));
  if (sameSet && order(before) !== order(after)) {
    changes.push({ field: "order of choices", before: order(before), after: order(after) });
  }
  return changes;
}

function change(field: string, before: unknown, after: unknown): FieldChange[] {
  const a = shown(before);
  const b = shown(after);
  return a === b ? [] : [{ field, before: a, after: b }];
}

/** A value as a reader sees it: lists joined, maps as "key: value", absent as empty. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(shown).join("; ");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, entry]) => `${key}: ${shown(entry)}`)
      .join(", ");
  }
  return String(value);
}

function nodeLabel(node: ScenarioNode): string {
  if (node.type === "ending") return node.title;
  const text = node.type === "line" ? node.text : node.prompt;
  return text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text;
}
