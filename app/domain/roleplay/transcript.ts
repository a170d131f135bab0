/**
 * The own-words conversation as it is kept and as it is sent. A practitioner's words may hold a
 * real family's details, so anything that goes to a provider takes them only as `RedactedText`:
 * a string that has been through the redactor. The brand exists only in the types, and only
 * `fromRedaction` makes one, so passing raw input where redacted text is due fails to compile.
 */
import { practiceSeconds } from "../practice-time";
import type { Redaction } from "../redaction";
import type { Scenario } from "../scenario";

declare const redactedBrand: unique symbol;
export type RedactedText = string & { readonly [redactedBrand]: true };

/** The only way to make `RedactedText`: from what `redact()` returned. */
export function fromRedaction(result: Redaction): RedactedText {
  return result.text as RedactedText;
}

export type Speaker = "practitioner" | "persona";
export type Turn = { speaker: Speaker; text: string; at: Date };

/** A practitioner's turn as it may leave the server: already redacted by the caller. */
export type PractitionerTurn = { speaker: "practitioner"; text: RedactedText; at: Date };
/** The persona's turn: written by the model from invented content only. */
export type PersonaTurn = { speaker: "persona"; text: string; at: Date };
/** A transcript that is safe to send: every practitioner line has been redacted. */
export type RedactedTranscript = ReadonlyArray<PractitionerTurn | PersonaTurn>;

/** A chat message as the provider client takes it (the shape of ai.server's ChatMessage). */
export type PromptMessage = { role: "system" | "user" | "assistant"; content: string };

/** Practice time counts exactly as in scripted runs: long gaps count as five minutes. */
export function practiceSecondsOf(turns: ReadonlyArray<Pick<Turn, "at">>): number {
  return practiceSeconds(turns.map((turn) => turn.at));
}

export function practitionerTurnCount(transcript: RedactedTranscript): number {
  return transcript.filter((turn) => turn.speaker === "practitioner").length;
}

const CAPITALISED = /\p{Lu}[\p{L}\p{M}'’-]*/gu;

/**
 * The scenario's own invented names, for the redactor's `allowedNames`: every capitalised word
 * in its text (the persona, the child in "Mother of Idris", the invented council), so that a
 * practitioner who talks about Idris is not shown "[name]". Ordinary capitalised words in the
 * list are harmless: allowing a word only stops it being taken for a name.
 */
export function inventedNames(scenario: Scenario): string[] {
  const words = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      for (const [word] of value.matchAll(CAPITALISED)) words.add(word.replace(/['’]s$/u, ""));
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(scenario);
  return [...words];
}

/**
 * The conversation as data for the director and the coach: JSON, so whatever the practitioner
 * wrote stays inside a quoted string and cannot pass for a heading or a new instruction.
 */
export function transcriptAsData(transcript: RedactedTranscript, personaName: string): string {
  const lines = transcript.map(({ speaker, text }) =>
    JSON.stringify({ speaker: speaker === "practitioner" ? "practitioner" : personaName, text }),
  );
  return `[\n${lines.join(",\n")}\n]`;
}
