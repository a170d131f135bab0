import { describe, expect, it } from "vitest";
import {
  DEFAULT_TURN_LIMIT,
  DirectorDecision,
  applyDirector,
  directorDecisionFor,
  directorMessages,
  nearestEnding,
  startArc,
} from "~/domain/roleplay";
import { phoneBeforeTheLetter, practitioner, shortTranscript } from "./fixture";

const scenario = phoneBeforeTheLetter();
const decide = (nodeId: string, ending = false) => ({ nodeId, ending, reason: "Because." });

describe("the director's decision schema", () => {
  it("accepts a node id, an ending flag and a reason", () => {
    expect(DirectorDecision.parse(decide("shock"))).toEqual(decide("shock"));
    expect(DirectorDecision.safeParse({ nodeId: "shock", ending: false }).success).toBe(false);
    expect(DirectorDecision.safeParse({ nodeId: "", ending: false, reason: "x" }).success).toBe(false);
    expect(DirectorDecision.safeParse({ nodeId: "shock", ending: "no", reason: "x" }).success).toBe(false);
  });

  it("narrowed to a scenario, names only its lines and endings", () => {
    const schema = directorDecisionFor(scenario);
    expect(schema.safeParse(decide("evenings")).success).toBe(true);
    expect(schema.safeParse(decide("ending-heard", true)).success).toBe(true);
    expect(schema.safeParse(decide("pause-before-reasons")).success).toBe(false);
    expect(schema.safeParse(decide("made-up")).success).toBe(false);
  });
});

describe("applying the director's decision", () => {
  const options = { currentNodeId: "check-time", turn: 2 };

  it("starts at the start node", () => {
    expect(startArc(scenario)).toEqual({ nodeId: "opening", ended: false });
  });

  it("moves to the line the director names", () => {
    expect(applyDirector(scenario, decide("disappointment"), options)).toEqual({
      nodeId: "disappointment",
      ended: false,
    });
  });

  it("ends at an ending the director names, whatever its flag says", () => {
    expect(applyDirector(scenario, decide("ending-heard", true), options)).toEqual({
      nodeId: "ending-heard",
      ended: true,
    });
    expect(applyDirector(scenario, decide("ending-hung-up", false), options)).toEqual({
      nodeId: "ending-hung-up",
      ended: true,
    });
  });

  it("takes the ending nearest a line when the director says it is over there", () => {
    expect(applyDirector(scenario, decide("angry", true), options)).toEqual({ nodeId: "ending-informed", ended: true });
  });

  it.each(["made-up", "pause-before-reasons", "", "OPENING"])(
    "refuses %j and stays at the current moment",
    (nodeId) => {
      expect(applyDirector(scenario, decide(nodeId), options)).toEqual({
        nodeId: "check-time",
        ended: false,
        overridden: "unknown-node",
      });
      expect(applyDirector(scenario, decide(nodeId, true), options)).toMatchObject({
        nodeId: "check-time",
        ended: false,
      });
    },
  );

  it("falls back to the start when neither id is known", () => {
    expect(applyDirector(scenario, decide("made-up"), { currentNodeId: "also-made-up", turn: 1 })).toMatchObject({
      nodeId: "opening",
      ended: false,
    });
  });

  it(`brings the conversation to the best-fitting ending at the turn limit (${DEFAULT_TURN_LIMIT} by default)`, () => {
    expect(applyDirector(scenario, decide("next-steps"), { ...options, turn: 11 })).toEqual({
      nodeId: "next-steps",
      ended: false,
    });
    expect(applyDirector(scenario, decide("next-steps"), { ...options, turn: 12 })).toEqual({
      nodeId: "ending-heard",
      ended: true,
      overridden: "turn-limit",
    });
    expect(applyDirector(scenario, decide("angry"), { ...options, turn: 13 })).toMatchObject({
      nodeId: "ending-informed",
      ended: true,
    });
  });

  it("keeps an ending the director chose on the last turn", () => {
    expect(applyDirector(scenario, decide("ending-hung-up", true), { ...options, turn: 12 })).toEqual({
      nodeId: "ending-hung-up",
      ended: true,
    });
  });

  it("forces an ending even when the last decision named nothing real", () => {
    expect(applyDirector(scenario, decide("made-up"), { currentNodeId: "rights", turn: 12 })).toEqual({
      nodeId: "ending-heard",
      ended: true,
      overridden: "turn-limit",
    });
  });

  it("takes a scenario's own turn limit", () => {
    expect(applyDirector(scenario, decide("shock"), { ...options, turn: 4, turnLimit: 4 })).toMatchObject({
      ended: true,
    });
    expect(applyDirector(scenario, decide("shock"), { ...options, turn: 12, turnLimit: 20 })).toMatchObject({
      ended: false,
    });
  });

  it("finds the nearest ending through pauses, in the order the file gives choices", () => {
    expect(nearestEnding(scenario, "next-steps").id).toBe("ending-heard");
    expect(nearestEnding(scenario, "evenings").id).toBe("ending-heard");
    expect(nearestEnding(scenario, "ending-informed").id).toBe("ending-informed");
  });
});

describe("the director's messages", () => {
  const transcript = [...shortTranscript(scenario), practitioner(scenario, "Yes. I'm afraid the panel said no.", 50)];
  const [system, user, ...rest] = directorMessages({ scenario, transcript, currentNodeId: "check-time" });

  it("briefs the director with the arc, the endings and the coach's notes", () => {
    expect(rest).toEqual([]);
    expect(system!.role).toBe("system");
    for (const node of scenario.nodes) {
      if (node.type === "ending") expect(system!.content).toContain(`${node.id} (${node.tone}): ${node.title}.`);
      if (node.type === "line") {
        expect(system!.content).toContain(node.text);
        for (const choice of node.choices) expect(system!.content).toContain(choice.note);
      }
    }
    expect(system!.content).toContain('now at the moment "check-time"');
    expect(system!.content).toContain(
      '"I\'ll make sure the school gives him a quiet room from Monday." leads to ending-informed',
    );
  });

  it("follows a choice through a pause to the moment after it", () => {
    expect(system!.content).toContain("leads to reasons");
    expect(system!.content).not.toContain("leads to pause-before-reasons");
  });

  it("sends the conversation as JSON in a user message, never in the system message", () => {
    expect(user!.role).toBe("user");
    expect(system!.content).not.toContain("I'm afraid the panel said no.");
    const data = JSON.parse(user!.content.slice(user!.content.indexOf("\n[") + 1)) as unknown;
    expect(data).toEqual(
      transcript.map((turn) => ({
        speaker: turn.speaker === "practitioner" ? "practitioner" : "Nadia Begum",
        text: turn.text,
      })),
    );
  });

  it("asks for an ending when no turns are left", () => {
    const last = directorMessages({ scenario, transcript, currentNodeId: "rights", turnsLeft: 0 })[0]!.content;
    expect(last).toMatch(/used their last turn: choose the ending/);
    expect(system!.content).not.toMatch(/last turn/);
  });
});
