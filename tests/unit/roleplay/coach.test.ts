import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import {
  CoachFeedback,
  DEFAULT_RUBRIC,
  coachFeedbackSchema,
  coachMessages,
  rubricFor,
  verifyQuotes,
  type Rubric,
} from "~/domain/roleplay";
import { persona, phoneBeforeTheLetter, practitioner } from "./fixture";

const scenario = phoneBeforeTheLetter();
const ids = DEFAULT_RUBRIC.map((criterion) => criterion.id);

type Criterion = CoachFeedback["criteria"][number];
const criterion = (id: string, extra: Partial<Criterion> = {}): Criterion => ({
  id,
  judgement: "partly",
  comment: "You began to do this.",
  quotes: [],
  ...extra,
});
const feedbackOn = (criteriaIds: readonly string[]) => ({ criteria: criteriaIds.map((id) => criterion(id)) });

describe("the rubric", () => {
  it("has the five default criteria, in plain words", () => {
    expect(DEFAULT_RUBRIC.map(({ id, label }) => [id, label])).toEqual([
      ["acknowledged-feelings", "Acknowledged feelings"],
      ["honest-about-limits", "Honest about limits"],
      ["clear-without-jargon", "Explained clearly, without jargon"],
      ["next-steps", "Agreed next steps with owners and dates"],
      ["avoided-blame", "Avoided blame"],
    ]);
    for (const { description } of DEFAULT_RUBRIC) expect(description.length).toBeGreaterThan(20);
  });

  it("is the default for a scenario without its own", () => {
    expect(rubricFor({ ...scenario, rubric: undefined })).toBe(DEFAULT_RUBRIC);
    expect(rubricFor(scenario).map((criterion) => criterion.id)).toContain("asked-first");
  });

  it("uses a scenario's own rubric when its file has one", () => {
    const own = [
      { id: "explained-the-panel", label: "Explained the panel", description: "Said who decides and how." },
    ] as const;
    expect(rubricFor({ ...scenario, rubric: [...own] })).toEqual(own);
    expect(
      coachFeedbackSchema(rubricFor({ ...scenario, rubric: [...own] })).safeParse({
        criteria: [{ id: "explained-the-panel", judgement: "strong", comment: "Clear.", quotes: [] }],
      }).success,
    ).toBe(true);
  });
});

describe("the coach's feedback schema", () => {
  it("accepts feedback on every criterion once, in any order", () => {
    expect(CoachFeedback.safeParse(feedbackOn([...ids].reverse())).success).toBe(true);
  });

  it("refuses feedback that leaves a criterion out", () => {
    const result = CoachFeedback.safeParse(feedbackOn(ids.filter((id) => id !== "next-steps")));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['no feedback on "next-steps"']);
  });

  it("refuses feedback on a criterion twice", () => {
    const result = CoachFeedback.safeParse(feedbackOn([...ids, "avoided-blame"]));
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['feedback on "avoided-blame" given 2 times']);
  });

  it("refuses a criterion the rubric does not have", () => {
    expect(CoachFeedback.safeParse(feedbackOn([...ids, "used-humour"])).success).toBe(false);
  });

  it.each([
    ["a judgement of its own", { judgement: "excellent" }],
    ["a comment over 400 characters", { comment: "x".repeat(401) }],
    ["more than three quotes", { quotes: ["a", "b", "c", "d"] }],
    ["a quote over 200 characters", { quotes: ["y".repeat(201)] }],
  ])("refuses %s", (_what, extra) => {
    const criteria = ids.map((id, index) => (index === 0 ? { ...criterion(id), ...extra } : criterion(id)));
    expect(CoachFeedback.safeParse({ criteria }).success).toBe(false);
  });

  it("accepts the limits exactly", () => {
    const criteria = ids.map((id) =>
      criterion(id, { judgement: "not yet", comment: "x".repeat(400), quotes: ["a", "b", "y".repeat(200)] }),
    );
    expect(CoachFeedback.safeParse({ criteria }).success).toBe(true);
  });

  it("can be built for a scenario's own rubric", () => {
    const rubric: Rubric = [
      ...DEFAULT_RUBRIC,
      { id: "heard-the-child", label: "Heard the child", description: "Asked how the child shows what they think." },
    ];
    const schema = coachFeedbackSchema(rubric);
    expect(schema.safeParse(feedbackOn(ids)).success).toBe(false);
    expect(schema.safeParse(feedbackOn([...ids, "heard-the-child"])).success).toBe(true);
  });

  it("tells structured output, and the mocks, which criteria to answer", () => {
    const format = zodResponseFormat(CoachFeedback, "coach_feedback");
    const schema = format.json_schema.schema as {
      properties: { criteria: { items: { properties: { id: { enum: string[] } } } } };
    };
    expect(schema.properties.criteria.items.properties.id.enum).toEqual(ids);
  });
});

describe("the coach's messages", () => {
  const transcript = [
    persona("So why not? What did they actually look at?", 0),
    practitioner(scenario, "They looked at the school's plan. I don't know every date, but I'll find out today.", 30),
  ];
  const [system, user, ...rest] = coachMessages({ scenario, transcript, rubric: DEFAULT_RUBRIC });

  it("names every criterion in the system message and keeps the conversation in the user message", () => {
    expect(rest).toEqual([]);
    expect(system!.role).toBe("system");
    for (const { id, label } of DEFAULT_RUBRIC) expect(system!.content).toContain(`${id}: ${label}.`);
    expect(system!.content).not.toContain("I'll find out today");
    expect(user).toMatchObject({ role: "user" });
    expect(user!.content).toContain(JSON.stringify({ speaker: "practitioner", text: transcript[1]!.text }));
  });

  it("asks for exact quotes from the practitioner's own lines only", () => {
    expect(system!.content).toMatch(/copied exactly from the practitioner's own lines/);
    expect(system!.content).toMatch(/Never quote the other person/);
  });
});

describe("checking the coach's quotes", () => {
  const transcript = [
    persona("Hello? Sorry, I'm just walking to the school. Who is this?", 0),
    practitioner(scenario, "Hello, it's the SEND team. I'm sorry, I've worried you.", 20),
    persona("Please just tell me.", 30),
    practitioner(scenario, "The panel decided not to assess Idris for now.\nI’ll email you today.", 60),
  ];
  const withQuotes = (quotes: string[]) => ({
    criteria: ids.map((id) => criterion(id, id === "acknowledged-feelings" ? { quotes } : {})),
  });

  it("keeps quotes the practitioner really said, allowing for case, spacing, apostrophes and end punctuation", () => {
    const quotes = [
      "I'm sorry, I've worried you.",
      "\u201cthe panel decided not to assess Idris\u201d",
      "I'll email you today",
      "...not to assess  Idris for now...",
    ];
    const { feedback, dropped } = verifyQuotes(withQuotes(quotes), transcript);
    expect(dropped).toEqual([]);
    expect(feedback.criteria[0]!.quotes).toEqual(quotes);
  });

  it("drops and reports quotes that are not the practitioner's words", () => {
    const quotes = [
      "Please just tell me.",
      "I promise he will get a quiet room.",
      "I'm sorry ... I'll email you today.",
      "...",
    ];
    const input = withQuotes(quotes);
    const { feedback, dropped } = verifyQuotes(input, transcript);
    expect(feedback.criteria[0]!.quotes).toEqual([]);
    expect(dropped).toEqual(quotes.map((quote) => ({ criterionId: "acknowledged-feelings", quote })));
    expect(input.criteria[0]!.quotes).toEqual(quotes);
  });

  it("keeps a quote only when it lies within one line", () => {
    const { dropped } = verifyQuotes(withQuotes(["I've worried you. The panel decided"]), transcript);
    expect(dropped).toHaveLength(1);
  });
});
