import { z } from "zod";

/**
 * The scenario file format. This zod schema is the one source of truth: the
 * checker validates with it, the engine's types are inferred from it and
 * `npm run scenarios:schema` turns it into scenarios/scenario.schema.json.
 * Rules that need the whole file (references, reachability) live in the checker.
 */

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const slugMessage = "use lowercase letters, digits and single hyphens, starting with a letter (like first-call)";

/** Words the condition language keeps for itself, so no meter or node may use them. */
export const reservedWords = ["and", "or", "not", "visited", "true", "false"] as const;

export const slug = z
  .string()
  .regex(SLUG, slugMessage)
  .refine((value) => !(reservedWords as readonly string[]).includes(value), {
    message: `${reservedWords.join(", ")} are words of the condition language and cannot be used as ids`,
  });

const text = z.string().trim().min(1, "must not be empty");

export const practitionerRoles = [
  "send-caseworker",
  "senco",
  "teacher",
  "teaching-assistant",
  "educational-psychologist",
  "health-professional",
  "social-worker",
  "early-years-practitioner",
  "team-manager",
] as const;

export const conversationMedia = ["phone", "in-person", "online"] as const;

export const rubricCriterionSchema = z
  .strictObject({
    id: slug.describe("Names the criterion in the coach's feedback."),
    label: text.describe("A short name, for example: Acknowledged feelings."),
    description: text.describe("What the coach looks for, in plain words."),
  })
  .describe("One thing the coach judges in your-own-words practice.");

export const personaSchema = z
  .strictObject({
    id: slug.describe("How lines name this person in `speaker`."),
    name: text.describe("Full name, invented."),
    relationship: text.describe("Who they are to the child, for example: Mother of Ruby, aged 9."),
    background: text.describe("What has happened so far, in a few sentences."),
    wants: text.describe("What they want from this conversation."),
    fears: text.describe("What they are afraid of."),
    voice: text.describe("How they speak: pace, words, what they do when upset."),
    kind: z
      .enum(["family", "professional"])
      .default("family")
      .describe(
        "`family` for parents, carers, children and young people (their lines are checked for plain words); `professional` for staff and interpreters.",
      ),
  })
  .describe("A person the practitioner talks to. Also briefs the AI role-play mode.");

export const meterSchema = z
  .strictObject({
    id: slug.describe("How effects and conditions name this meter."),
    label: text.describe("The meter in the persona's terms, for example: How far Grace trusts you."),
    start: z.int().describe("Value at the start of a run."),
    min: z.int().describe("Lowest value; effects are clamped to it."),
    max: z.int().describe("Highest value; effects are clamped to it."),
    visible: z.boolean().describe("Whether the learner sees this meter while playing."),
  })
  .superRefine((meter, ctx) => {
    if (meter.min >= meter.max) {
      ctx.addIssue({ code: "custom", path: ["max"], message: `max must be greater than min (${meter.min})` });
    } else if (meter.start < meter.min || meter.start > meter.max) {
      ctx.addIssue({
        code: "custom",
        path: ["start"],
        message: `start must lie between min (${meter.min}) and max (${meter.max})`,
      });
    }
  })
  .describe("A named value that choices move, such as trust or understanding.");

export const choiceSchema = z
  .strictObject({
    id: slug.describe("Unique among the choices of this node; recorded in a run's path."),
    says: text.describe("What the practitioner says or does."),
    next: slug.describe("The id of the node this choice leads to."),
    effects: z
      .record(slug, z.int())
      .default({})
      .describe("Amounts added to meters, for example { trust: 1, calm: -1 }."),
    note: text.optional().describe("The coach's note: why this helps or hurts."),
    skills: z.array(slug).default([]).describe("Skills this choice practises, from scenarios/skills.yaml."),
    when: text
      .optional()
      .describe("Condition for offering this choice, for example: trust >= 3 and not visited(blame)."),
  })
  .describe("Something the practitioner can say or do.");

export const lineNodeSchema = z
  .strictObject({
    id: slug.describe("Unique node id."),
    type: z.literal("line"),
    speaker: slug.optional().describe("The persona who speaks; leave out for narration."),
    text: text.describe("What they say."),
    aside: text.optional().describe("Context, or the practitioner's inner voice."),
    choices: z.array(choiceSchema).min(1, "a line needs at least one choice"),
  })
  .describe("Someone speaks, and the practitioner chooses a reply.");

export const pauseNodeSchema = z
  .strictObject({
    id: slug.describe("Unique node id."),
    type: z.literal("pause"),
    prompt: text.describe("A question to stop and reflect on."),
    next: slug.describe("The node that follows the pause."),
  })
  .describe("A moment to stop and reflect before carrying on.");

export const endingTones = ["positive", "mixed", "difficult"] as const;

export const coachNoteTimings = ["after-each-choice", "in-debrief"] as const;

export const endingNodeSchema = z
  .strictObject({
    id: slug.describe("Unique node id."),
    type: z.literal("ending"),
    title: text.describe("A short name for how the conversation ended."),
    tone: z.enum(endingTones).describe("positive, mixed or difficult."),
    debrief: text.describe("What happened and why, addressed to the learner."),
    wentWell: z.array(text).min(1, "name at least one thing that went well").describe("What went well."),
    tryNext: z.array(text).min(1, "suggest at least one thing to try").describe("What to try next time."),
    guidance: z.array(slug).default([]).describe("Slugs of guidance pages in content/guidance/."),
  })
  .describe("How the conversation ended, with a debrief.");

export const nodeSchema = z.discriminatedUnion("type", [lineNodeSchema, pauseNodeSchema, endingNodeSchema]);

export const scenarioSchema = z
  .strictObject({
    id: slug.describe("The scenario's id; must match the file name."),
    title: text.describe("Title shown in the library."),
    summary: text.describe("One or two sentences on what the learner will practise."),
    audience: z.array(z.enum(practitionerRoles)).min(1, "name at least one role").describe("Roles it suits."),
    skills: z.array(slug).min(1, "name at least one skill").describe("Skills from scenarios/skills.yaml."),
    minutes: z.int().min(1).max(120).describe("Estimated minutes to play."),
    medium: z
      .enum(conversationMedia)
      .optional()
      .describe("How the conversation happens: phone, in-person or online. A phone call is shown as one."),
    coachNotes: z
      .enum(coachNoteTimings)
      .default("after-each-choice")
      .describe("When the learner reads the coach's notes: after-each-choice, or only in-debrief."),
    contentNotes: z.array(text).default([]).describe("Warnings about upsetting content."),
    personas: z.array(personaSchema).min(1, "a scenario needs at least one persona"),
    meters: z.array(meterSchema).default([]),
    rubric: z
      .array(rubricCriterionSchema)
      .optional()
      .describe("What the coach judges in your-own-words practice; leave out for Heartwork's default five."),
    start: slug.describe("The id of the first node."),
    nodes: z.array(nodeSchema).min(1, "a scenario needs at least one node"),
  })
  .describe("A branching role-play for practising a difficult conversation.");

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Persona = z.output<typeof personaSchema>;
export type Meter = z.output<typeof meterSchema>;
export type RubricCriterionInput = z.output<typeof rubricCriterionSchema>;
export type Choice = z.output<typeof choiceSchema>;
export type ScenarioNode = z.output<typeof nodeSchema>;
export type LineNode = z.output<typeof lineNodeSchema>;
export type PauseNode = z.output<typeof pauseNodeSchema>;
export type EndingNode = z.output<typeof endingNodeSchema>;
export type EndingTone = (typeof endingTones)[number];

/** scenarios/skills.yaml: the controlled vocabulary of skills. */
export const skillVocabularySchema = z.strictObject({
  skills: z
    .array(
      z.strictObject({
        id: slug,
        label: text,
        description: text,
      }),
    )
    .min(1),
});

export type Skill = z.output<typeof skillVocabularySchema>["skills"][number];
