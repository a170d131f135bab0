import { describe, expect, it } from "vitest";
import { practiceSeconds } from "~/domain/practice-time";
import { redact } from "~/domain/redaction";
import {
  fromRedaction,
  inventedNames,
  practiceSecondsOf,
  practitionerTurnCount,
  type PractitionerTurn,
} from "~/domain/roleplay";
import { at, persona, phoneBeforeTheLetter, practitioner, shortTranscript } from "./fixture";

const scenario = phoneBeforeTheLetter();

describe("practice time in own-words mode", () => {
  it("counts the gaps between turns, as scripted runs do", () => {
    const turns = [persona("Hello?", 0), practitioner(scenario, "Hello.", 40), persona("Yes?", 100)];
    expect(practiceSecondsOf(turns)).toBe(100);
  });

  it("counts a gap over five minutes as five", () => {
    const turns = [persona("Hello?", 0), practitioner(scenario, "Sorry, back now.", 3600), persona("OK.", 3630)];
    expect(practiceSecondsOf(turns)).toBe(300 + 30);
    expect(practiceSecondsOf(turns)).toBe(practiceSeconds(turns.map((turn) => turn.at)));
  });

  it("is zero for an empty or one-turn conversation", () => {
    expect(practiceSecondsOf([])).toBe(0);
    expect(practiceSecondsOf([persona("Hello?", 0)])).toBe(0);
  });
});

describe("redacted text", () => {
  it("comes only from the redactor", () => {
    const result = redact("Ring Sarah Mitchell on 07700 900123.", { allowedNames: [] });
    expect(fromRedaction(result)).toBe("Ring [name] on [phone number].");
  });

  it("cannot be a plain string, so unredacted words cannot be sent by mistake", () => {
    const typed: string = "Ring Sarah Mitchell.";
    // @ts-expect-error a practitioner's turn needs RedactedText, not a string
    const turn: PractitionerTurn = { speaker: "practitioner", text: typed, at: at(0) };
    expect(turn.text).toBe(typed);
  });

  it("keeps the scenario's invented people, and removes everyone else", () => {
    const names = inventedNames(scenario);
    expect(names).toEqual(expect.arrayContaining(["Nadia", "Begum", "Idris", "Kingsmere"]));
    const said = "Nadia, I know Idris finds school hard. I spoke to Sarah Mitchell at Kingsmere.";
    expect(redact(said, { allowedNames: names }).text).toBe(
      "Nadia, I know Idris finds school hard. I spoke to [name] at Kingsmere.",
    );
  });

  it("counts the practitioner's turns", () => {
    expect(practitionerTurnCount(shortTranscript(scenario))).toBe(1);
  });
});
