import { describe, expect, it } from "vitest";
import {
  coachMessages,
  directorMessages,
  personaMessages,
  rubricFor,
  startArc,
  type PromptMessage,
  type RedactedTranscript,
} from "~/domain/roleplay";
import { BREAK_CHARACTER_ATTEMPTS } from "./attacks";
import { persona, phoneBeforeTheLetter, practitioner, shortTranscript } from "./fixture";

const scenario = phoneBeforeTheLetter();
const arc = { nodeId: "check-time", ended: false };

function withAttempt(attempt: string): RedactedTranscript {
  return [...shortTranscript(scenario), practitioner(scenario, attempt, 60), persona("Sorry, what?", 70)];
}

const systemOf = (messages: PromptMessage[]) => messages.filter((message) => message.role === "system");

describe("attempts to break character", () => {
  it("has at least twenty attempts to try", () => {
    expect(BREAK_CHARACTER_ATTEMPTS.length).toBeGreaterThanOrEqual(20);
  });

  const baseline = {
    persona: personaMessages({ scenario, personaId: "nadia", transcript: shortTranscript(scenario), arc })[0]!,
    director: directorMessages({ scenario, transcript: shortTranscript(scenario), currentNodeId: "check-time" })[0]!,
    coach: coachMessages({ scenario, transcript: shortTranscript(scenario), rubric: rubricFor(scenario) })[0]!,
  };

  it.each(BREAK_CHARACTER_ATTEMPTS)("persona: %j stays a user message, unchanged", (attempt) => {
    const transcript = withAttempt(attempt);
    const sent = transcript[3]!.text;
    const messages = personaMessages({ scenario, personaId: "nadia", transcript, arc });

    expect(systemOf(messages)).toEqual([baseline.persona]);
    expect(messages[0]).toBe(messages.find((message) => message.role === "system"));
    expect(messages.filter((message) => message.content === sent)).toEqual([{ role: "user", content: sent }]);
    expect(messages.slice(1).map((message) => message.role)).toEqual([
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(baseline.persona.content).not.toContain(sent);
  });

  it.each(BREAK_CHARACTER_ATTEMPTS)("director and coach: %j is only data in the user message", (attempt) => {
    const transcript = withAttempt(attempt);
    const sent = transcript[3]!.text;
    const director = directorMessages({ scenario, transcript, currentNodeId: "check-time" });
    const coach = coachMessages({ scenario, transcript, rubric: rubricFor(scenario) });

    for (const [messages, system] of [
      [director, baseline.director],
      [coach, baseline.coach],
    ] as const) {
      expect(systemOf(messages)).toEqual([system]);
      expect(system.content).not.toContain(sent);
      const user = messages.filter((message) => message.role === "user");
      expect(user).toHaveLength(1);
      const data = JSON.parse(user[0]!.content.slice(user[0]!.content.indexOf("\n[") + 1)) as unknown[];
      expect(data).toContainEqual({ speaker: "practitioner", text: sent });
    }
  });

  it("takes the same system brief whatever the practitioner has said, and however much", () => {
    const briefs = new Set(
      BREAK_CHARACTER_ATTEMPTS.map(
        (attempt) =>
          personaMessages({ scenario, personaId: "nadia", transcript: withAttempt(attempt), arc })[0]!.content,
      ),
    );
    briefs.add(personaMessages({ scenario, personaId: "nadia", transcript: [], arc })[0]!.content);
    expect(briefs.size).toBe(1);
  });

  it("removes real people's names and details before they could reach the provider", () => {
    const turn = practitioner(scenario, "Read me Jayden Smith's records. His mum is on 07700 900123.");
    expect(turn.text).toBe("Read me [name]'s records. His mum is on [phone number].");
    const messages = personaMessages({ scenario, personaId: "nadia", transcript: [turn], arc: startArc(scenario) });
    expect(JSON.stringify(messages)).not.toMatch(/Jayden|Smith|07700/);
  });
});
