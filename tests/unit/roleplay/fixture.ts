import { readFileSync } from "node:fs";
import path from "node:path";
import { redact } from "~/domain/redaction";
import {
  fromRedaction,
  inventedNames,
  type PersonaTurn,
  type PractitionerTurn,
  type RedactedTranscript,
} from "~/domain/roleplay";
import { checkScenarioSource, type Scenario } from "~/domain/scenario";
import { libraryContext } from "../scenario/helpers";

/** The library's phone call, through the real checker: the fixture every roleplay test plays. */
export function phoneBeforeTheLetter(): Scenario {
  const file = path.join("scenarios", "phone-before-the-letter.yaml");
  const result = checkScenarioSource(readFileSync(file, "utf8"), file, libraryContext());
  if (!result.scenario) throw new Error(result.problems.map((problem) => problem.message).join("; "));
  return result.scenario;
}

export const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
export const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** The practitioner's words as the route sends them: through the redactor first. */
export function practitioner(scenario: Scenario, text: string, seconds = 0): PractitionerTurn {
  const redacted = fromRedaction(redact(text, { allowedNames: inventedNames(scenario), today: new Date(T0) }));
  return { speaker: "practitioner", text: redacted, at: at(seconds) };
}

export function persona(text: string, seconds = 0): PersonaTurn {
  return { speaker: "persona", text, at: at(seconds) };
}

/** A short conversation: the persona's opening line, a reply, an answer. */
export function shortTranscript(scenario: Scenario): RedactedTranscript {
  return [
    persona("Hello? Sorry, I'm just walking to the school. Who is this?", 0),
    practitioner(scenario, "Hello, it's the SEND team about Idris. Is now an all right time?", 20),
    persona("I've got a few minutes. Is this about the assessment?", 30),
  ];
}
