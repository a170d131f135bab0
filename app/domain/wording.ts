import { flesch } from "flesch";
import { syllable } from "syllable";

/**
 * Checks on the words we write (scenarios, guidance, copy): phrases that blame, and how easy a
 * text is to read. docs/content-style.md explains why.
 */

/**
 * Phrases that label or blame a family or a member of staff. They may appear only inside a
 * person's own quoted words ("I know they think I'm a pushy parent"), never in the narrator's
 * or the coach's voice.
 */
export const BLAMING_PHRASES = [
  "pushy parent",
  "difficult parent",
  "challenging parent",
  "helicopter parent",
  "attention-seeking",
  "refuses to engage",
  "refused to engage",
  "failed to engage",
  "non-compliant",
  "hard to reach",
  "manipulative",
  "over-anxious",
  "wheelchair-bound",
  "confined to a wheelchair",
  "suffers from",
  "special needs child",
] as const;

export type PhraseFound = { phrase: string; index: number };

const QUOTED = /"[^"]*"|“[^”]*”/g;
const PATTERNS = BLAMING_PHRASES.map((phrase) => ({
  phrase,
  // Whole words, any case, with any run of spaces or a hyphen where the phrase has either.
  pattern: new RegExp(`\\b${phrase.replace(/[ -]/g, "[\\s-]+")}\\b`, "gi"),
}));

/** Blaming phrases outside quotation marks, with where each starts in `text`. */
export function findBlamingPhrases(text: string): PhraseFound[] {
  // Blank out quoted speech (keeping offsets) so a person's own words are allowed.
  const unquoted = text.replace(QUOTED, (quote) => " ".repeat(quote.length));
  const found: PhraseFound[] = [];
  for (const { phrase, pattern } of PATTERNS) {
    for (const match of unquoted.matchAll(pattern)) found.push({ phrase, index: match.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

export type ReadingEase = {
  /** Flesch reading ease (1975): 60-70 is plain English, higher is easier. */
  score: number;
  sentences: number;
  words: number;
  syllables: number;
};

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
// A sentence ends at ., ! or ? (or several) followed by a space, a closing quote or the end.
const SENTENCE_END = /[.!?…]+(?=\s|$|["”’)])/g;

/**
 * The reading ease of several texts read as one (their counts summed), so a one-word "Yes."
 * does not count as much as a paragraph. Null when there are no words.
 */
export function readingEase(texts: readonly string[]): ReadingEase | null {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const text of texts) {
    const found = text.match(WORD) ?? [];
    if (found.length === 0) continue;
    words += found.length;
    for (const word of found) syllables += Math.max(1, syllable(word));
    // Words after the last full stop (or a text without one) still make a sentence.
    const trimmed = text.trim();
    const ends = (trimmed.match(SENTENCE_END) ?? []).length;
    sentences += ends + (/[.!?…]["”’)]*$/.test(trimmed) ? 0 : 1);
  }
  if (words === 0) return null;
  return {
    score: Math.round(flesch({ sentence: sentences, word: words, syllable: syllables }) * 10) / 10,
    sentences,
    words,
    syllables,
  };
}
