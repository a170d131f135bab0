import type { z } from "zod";
import type { Path } from "./locate";

/**
 * Turns zod's issues into plain words for trainers, each aimed at the part of the
 * file it is about: the value, the key (an unknown field) or, for a missing field,
 * the mapping that should hold it.
 */
export type Described = { path: Path; message: string; at: "value" | "key" };

/** Every field name in the format, for "did you mean" hints. */
const FIELDS = [
  "id",
  "title",
  "summary",
  "audience",
  "skills",
  "minutes",
  "contentNotes",
  "personas",
  "meters",
  "start",
  "nodes",
  "name",
  "relationship",
  "background",
  "wants",
  "fears",
  "voice",
  "label",
  "min",
  "max",
  "visible",
  "type",
  "speaker",
  "text",
  "aside",
  "choices",
  "says",
  "next",
  "effects",
  "note",
  "when",
  "prompt",
  "tone",
  "debrief",
  "wentWell",
  "tryNext",
  "guidance",
  "description",
];

export function describeIssue(issue: z.core.$ZodIssue, data: unknown): Described[] {
  const path = issue.path;
  const field = fieldName(path);
  const value = valueAt(data, path);
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return [{ path, at: "value", message: `${field} is missing` }];
      return [{ path, at: "value", message: `${field} should be ${expected(issue.expected)}, not ${kindOf(value)}` }];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], at: "key", message: unknownField(key) }));
    case "invalid_union":
      if (issue.discriminator !== undefined && "options" in issue) {
        const options = (issue.options ?? []).map(String);
        const kinds = oneOf(options);
        if (value === undefined)
          return [{ path, at: "value", message: `type is missing: say whether this node is ${kinds}` }];
        return [{ path, at: "value", message: `type should be ${kinds}, not ${show(value)}` }];
      }
      return [{ path, at: "value", message: `${field} does not match any of the allowed forms` }];
    case "invalid_value":
      return [
        {
          path,
          at: "value",
          message: `${field} should be ${oneOf(issue.values.map(String))}${value === undefined ? "" : `, not ${show(value)}`}`,
        },
      ];
    case "invalid_key":
      return [
        { path, at: "key", message: `${show(path[path.length - 1])} is not a valid id: ${firstMessage(issue.issues)}` },
      ];
    case "invalid_element":
      return [{ path, at: "value", message: `${field} has an invalid item: ${firstMessage(issue.issues)}` }];
    default:
      // Every other check in the schema carries its own message, written for trainers.
      return [{ path, at: "value", message: `${field}: ${issue.message}` }];
  }
}

function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const segment = path[i];
    if (typeof segment === "string") {
      const index = path[i + 1];
      return typeof index === "number" ? `${segment} item ${index + 1}` : segment;
    }
  }
  return "the file";
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || typeof segment === "symbol") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function expected(type: string): string {
  const words: Record<string, string> = {
    string: "text",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a set of fields",
  };
  return words[type] ?? type;
}

function kindOf(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "string") return `the text ${show(value)}`;
  if (typeof value === "boolean") return `${value}`;
  if (typeof value === "object") return "a set of fields";
  return typeof value;
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}

function oneOf(options: readonly string[]): string {
  if (options.length <= 1) return options.join("");
  return `${options.slice(0, -1).join(", ")} or ${options[options.length - 1]}`;
}

function firstMessage(issues: ReadonlyArray<{ message: string }>): string {
  return issues[0]?.message ?? "invalid";
}

function unknownField(key: string): string {
  const guess = FIELDS.map((f) => [f, distance(f.toLowerCase(), key.toLowerCase())] as const)
    .filter(([, d]) => d <= 2)
    .sort((a, b) => a[1] - b[1])[0];
  return `unknown field ${show(key)}${guess ? ` (did you mean "${guess[0]}"?)` : ""}`;
}

/** Levenshtein distance, for short field names only. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || b.length > 40) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}
