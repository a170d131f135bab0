import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";
import { SelectField, TextAreaField, TextField } from "~/components/forms";
import { asList, asText, formText, formVersion, linesOf, partSchema } from "~/domain/scenario/edit";
import { endingNodeSchema, endingTones, lineNodeSchema, pauseNodeSchema } from "~/domain/scenario/schema";

/** The fields of one node of any type (a line's choices have their own form), shared by "add" and "edit". */
export const NODE_TYPES = ["line", "pause", "ending"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const NODE_TYPE_LABELS: Record<NodeType, string> = {
  line: "A line: someone speaks and the practitioner chooses a reply",
  pause: "A pause: a moment to stop and reflect",
  ending: "An ending: how the conversation ended, with a debrief",
};

export const NODE_LABELS = {
  id: "Node id",
  speaker: "Who speaks",
  text: "What they say",
  aside: "Aside",
  prompt: "Question to reflect on",
  next: "The node that follows",
  title: "Name of this ending",
  tone: "How it ended",
  debrief: "Debrief",
  wentWell: "What went well",
  tryNext: "What to try next time",
  guidance: "Guidance pages",
} as const;

const FIELDS_OF: Record<NodeType, (keyof typeof NODE_LABELS)[]> = {
  line: ["id", "speaker", "text", "aside"],
  pause: ["id", "prompt", "next"],
  ending: ["id", "title", "tone", "debrief", "wentWell", "tryNext", "guidance"],
};

export const nodeFormFields = {
  version: formVersion,
  type: z.enum(NODE_TYPES, { error: "choose a line, a pause or an ending" }),
  id: formText(80),
  speaker: formText(80),
  text: formText(4000),
  aside: formText(2000),
  prompt: formText(2000),
  next: formText(80),
  title: formText(200),
  tone: formText(20),
  debrief: formText(4000),
  wentWell: formText(4000),
  tryNext: formText(4000),
  guidance: formText(2000),
};

export const nodePart = z.discriminatedUnion("type", [
  lineNodeSchema.omit({ choices: true }),
  pauseNodeSchema,
  endingNodeSchema,
]);

type NodeFields = { type: NodeType } & Partial<Record<keyof typeof NODE_LABELS, string>>;

export function buildNode(fields: NodeFields): Record<string, unknown> {
  const built: Record<string, unknown> = { type: fields.type };
  for (const key of FIELDS_OF[fields.type]) {
    const value = fields[key];
    if (key === "wentWell" || key === "tryNext") built[key] = linesOf(value);
    else if (key === "guidance") built[key] = (value ?? "").split(/[\s,]+/).filter(Boolean);
    else if (key === "speaker" || key === "aside") built[key] = value;
    else built[key] = value ?? "";
  }
  return built;
}

/** The form to add a node, checked with the scenario's own node schemas. */
export const newNodeSchema = partSchema(z.object(nodeFormFields), nodePart, buildNode);

/** The node form's fields as typed, for `useForm`. */
export type NodeFormInput = z.input<z.ZodObject<typeof nodeFormFields>>;

export function nodeFormValues(node: Record<string, unknown>): Record<string, string> {
  const type = NODE_TYPES.find((t) => t === node.type) ?? "line";
  const values: Record<string, string> = { type };
  for (const key of FIELDS_OF[type]) {
    values[key] = key === "guidance" ? asList(node[key]).join(" ") : asText(node[key]);
  }
  return values;
}

export function nodeTheirs(node: Record<string, unknown> | undefined): [string, string][] {
  if (!node) return [];
  const values = nodeFormValues(node);
  const type = values.type as NodeType;
  return FIELDS_OF[type].map((key) => [NODE_LABELS[key], values[key] ?? ""]);
}

type FieldsMeta = Record<keyof typeof NODE_LABELS, FieldMetadata<string | undefined>>;

/** The controls of one type of node; an unknown current value stays listed so saving keeps it. */
export function NodeFields({
  type,
  fields,
  personas,
  nodes,
}: {
  type: NodeType;
  fields: FieldsMeta;
  personas: { id: string; name: string }[];
  nodes: string[];
}) {
  const withCurrent = (options: { value: string; label: string }[], current: unknown) =>
    typeof current === "string" && current && !options.some((o) => o.value === current)
      ? [...options, { value: current, label: `${current} (not in this draft)` }]
      : options;
  return (
    <>
      <input type="hidden" name="type" value={type} />
      <TextField
        meta={fields.id}
        label={NODE_LABELS.id}
        hint="Unique in the scenario, like first-call. Renaming it also renames every choice and pause that leads here."
        spellCheck={false}
      />
      {type === "line" ? (
        <>
          <SelectField
            meta={fields.speaker}
            label={NODE_LABELS.speaker}
            placeholder="Nobody: narration"
            options={withCurrent(
              personas.map((p) => ({ value: p.id, label: `${p.name} (${p.id})` })),
              fields.speaker.value,
            )}
          />
          <TextAreaField meta={fields.text} label={NODE_LABELS.text} hint="Keep it under about 75 words." rows={4} />
          <TextAreaField
            meta={fields.aside}
            label={NODE_LABELS.aside}
            hint="Optional: context, or the practitioner's inner voice."
            rows={2}
          />
        </>
      ) : null}
      {type === "pause" ? (
        <>
          <TextAreaField meta={fields.prompt} label={NODE_LABELS.prompt} rows={3} />
          <SelectField
            meta={fields.next}
            label={NODE_LABELS.next}
            options={withCurrent(
              nodes.map((id) => ({ value: id, label: id })),
              fields.next.value,
            )}
          />
        </>
      ) : null}
      {type === "ending" ? (
        <>
          <TextField meta={fields.title} label={NODE_LABELS.title} hint="A short name for how it ended." />
          <SelectField
            meta={fields.tone}
            label={NODE_LABELS.tone}
            options={endingTones.map((tone) => ({ value: tone, label: tone[0]!.toUpperCase() + tone.slice(1) }))}
          />
          <TextAreaField
            meta={fields.debrief}
            label={NODE_LABELS.debrief}
            hint="What happened and why, addressed to the learner."
            rows={4}
          />
          <TextAreaField
            meta={fields.wentWell}
            label={NODE_LABELS.wentWell}
            hint="One per line; at least one."
            rows={3}
          />
          <TextAreaField
            meta={fields.tryNext}
            label={NODE_LABELS.tryNext}
            hint="One per line; at least one."
            rows={3}
          />
          <TextField
            meta={fields.guidance}
            label={NODE_LABELS.guidance}
            hint="Optional: the names of guidance pages, separated by spaces, like agreeing-next-steps."
            spellCheck={false}
          />
        </>
      ) : null}
    </>
  );
}
