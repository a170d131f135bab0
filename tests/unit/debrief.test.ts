import { describe, expect, it } from "vitest";
import { buildDebrief } from "~/domain/debrief";
import { scenarioSchema } from "~/domain/scenario";

// Parsed by the real schema, so the fixture is a scenario the checker would accept in shape.
const scenario = scenarioSchema.parse({
  id: "tiny",
  title: "Tiny",
  summary: "A tiny conversation.",
  audience: ["send-caseworker"],
  skills: ["listening"],
  minutes: 2,
  contentNotes: [],
  personas: [{ id: "dana", name: "Dana", relationship: "Parent", background: "b", wants: "w", fears: "f", voice: "v" }],
  meters: [
    { id: "trust", label: "How far Dana trusts you", start: 3, min: 0, max: 10, visible: true },
    { id: "hidden", label: "Hidden", start: 0, min: 0, max: 10, visible: false },
  ],
  start: "hello",
  nodes: [
    {
      id: "hello",
      type: "line",
      speaker: "dana",
      text: "Hello?",
      choices: [
        { id: "warm", says: "Hello Dana, it's Sam.", next: "think", effects: { trust: 1 }, note: "Warm.", skills: ["listening"] },
        { id: "cold", says: "Case 42.", next: "think", effects: { trust: -3 }, note: "Cold.", skills: [] },
      ],
    },
    { id: "think", type: "pause", prompt: "What might Dana be feeling?", next: "bye" },
    {
      id: "bye",
      type: "line",
      speaker: "dana",
      text: "Thanks.",
      choices: [{ id: "close", says: "Speak soon.", next: "end", effects: { trust: 1, hidden: 5 }, skills: ["listening"] }],
    },
    {
      id: "end",
      type: "ending",
      title: "A good start",
      tone: "positive",
      debrief: "It went well.",
      wentWell: ["You said who you were."],
      tryNext: ["Check the time."],
      guidance: [],
    },
  ],
});

describe("the debrief", () => {
  it("tells the path as it happened, with notes, meters after each step and the ending", () => {
    const debrief = buildDebrief(scenario, ["cold", "continue", "close"]);
    expect(debrief.moments.map((moment) => [moment.step, moment.kind, moment.reply])).toEqual([
      [1, "line", "Case 42."],
      [2, "pause", "Carried on"],
      [3, "line", "Speak soon."],
    ]);
    expect(debrief.moments[0]?.note).toBe("Cold.");
    expect(debrief.meters).toEqual([
      { id: "trust", label: "How far Dana trusts you", min: 0, max: 10, values: [3, 0, 0, 1] },
    ]);
    expect(debrief.ending?.title).toBe("A good start");
    expect(debrief.skills).toEqual(["listening"]);
  });

  it("marks the biggest swings as turning points, with the replies not chosen", () => {
    const debrief = buildDebrief(scenario, ["cold", "continue", "close"], 1);
    expect(debrief.turningPoints).toEqual([1]);
    expect(debrief.moments[0]?.roadsNotTaken).toEqual([
      { says: "Hello Dana, it's Sam.", note: "Warm.", effects: { trust: 1 }, leadsTo: "A pause to reflect." },
    ]);
    expect(buildDebrief(scenario, ["warm", "continue"]).moments[1]?.roadsNotTaken).toEqual([]);
  });

  it("has no ending for a run that stopped part way", () => {
    const debrief = buildDebrief(scenario, ["warm"]);
    expect(debrief.ending).toBeNull();
    expect(debrief.moments).toHaveLength(1);
  });

  it("stops at a move the scenario does not allow, rather than inventing one", () => {
    expect(buildDebrief(scenario, ["warm", "no-such-choice", "close"]).moments).toHaveLength(1);
  });
});
