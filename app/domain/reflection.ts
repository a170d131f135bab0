/** Reflective models: the prompts a reflection is written against, and the limits on what is written. */

import { z } from "zod";

export type ReflectionPrompt = { id: string; label: string; hint: string };
export type Framework = { id: FrameworkId; label: string; description: string; prompts: ReflectionPrompt[] };

export const FRAMEWORK_IDS = ["what-so-what-now-what", "gibbs"] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export const FRAMEWORKS: Record<FrameworkId, Framework> = {
  "what-so-what-now-what": {
    id: "what-so-what-now-what",
    label: "What? So what? Now what?",
    description: "Three short questions: what happened, why it matters, and what you will do next.",
    prompts: [
      {
        id: "what",
        label: "What happened?",
        hint: "Describe the conversation as it went, as facts rather than judgements.",
      },
      {
        id: "so-what",
        label: "So what?",
        hint: "What did it mean for the family, and for you? What helped, and what got in the way?",
      },
      { id: "now-what", label: "Now what?", hint: "What will you do next time, or next? Who could help?" },
    ],
  },
  gibbs: {
    id: "gibbs",
    label: "Gibbs' reflective cycle",
    description: "Six stages, from what happened to a plan for next time.",
    prompts: [
      { id: "description", label: "Description", hint: "What happened? Who was there, and what was said?" },
      { id: "feelings", label: "Feelings", hint: "What were you thinking and feeling at the time?" },
      { id: "evaluation", label: "Evaluation", hint: "What went well, and what went less well?" },
      {
        id: "analysis",
        label: "Analysis",
        hint: "Why did it go that way? What do you know that helps make sense of it?",
      },
      { id: "conclusion", label: "Conclusion", hint: "What else could you have done? What have you learned?" },
      {
        id: "action-plan",
        label: "Action plan",
        hint: "If it happened again, what would you do? What will you try first?",
      },
    ],
  },
};

export function isFrameworkId(value: string): value is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(value);
}

export const REFLECTION_FIELD_LIMIT = 20_000;
export const REFLECTION_TITLE_LIMIT = 200;

/** Says how far over a limit some text is, so nothing has to be guessed or retyped. */
export function overLimitMessage(length: number, limit: number): string {
  const over = length - limit;
  return `This is ${over.toLocaleString("en-GB")} ${over === 1 ? "character" : "characters"} over the ${limit.toLocaleString("en-GB")} limit. Nothing has been lost: shorten it and save again.`;
}

/** Keeps only the answers to the framework's prompts, so stored JSON never grows odd keys. */
export function answersFor(framework: FrameworkId, values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(FRAMEWORKS[framework].prompts.map((prompt) => [prompt.id, values[prompt.id] ?? ""]));
}

function limited(limit: number) {
  return z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value && value.length > limit)
        ctx.addIssue({ code: "custom", message: overLimitMessage(value.length, limit) });
    });
}

/** Saving a reflection's text: a title and one answer per prompt of its framework. */
export function reflectionSaveSchema(framework: FrameworkId) {
  const answers = Object.fromEntries(
    FRAMEWORKS[framework].prompts.map((prompt) => [prompt.id, limited(REFLECTION_FIELD_LIMIT)]),
  );
  return z.object({
    intent: z.literal("save"),
    // Sent by the page's own autosave, which wants an answer rather than a redirect.
    autosave: z.literal("1").optional(),
    title: limited(REFLECTION_TITLE_LIMIT),
    answer: z.object(answers).optional(),
  });
}
