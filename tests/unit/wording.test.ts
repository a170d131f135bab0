import { flesch } from "flesch";
import { describe, expect, it } from "vitest";
import { BLAMING_PHRASES, findBlamingPhrases, readingEase } from "~/domain/wording";

describe("findBlamingPhrases", () => {
  it("finds each listed phrase in the narrator's voice, whatever the case or hyphenation", () => {
    for (const phrase of BLAMING_PHRASES) {
      expect(findBlamingPhrases(`The report said she was ${phrase.toUpperCase()} again.`), phrase).toEqual([
        { phrase, index: 24 },
      ]);
    }
    expect(findBlamingPhrases("He was described as attention seeking.")).toEqual([
      { phrase: "attention-seeking", index: 20 },
    ]);
  });

  it("allows a person's own quoted words, straight or curly quotes", () => {
    expect(findBlamingPhrases('She said: "I know they think I\'m a pushy parent."')).toEqual([]);
    expect(findBlamingPhrases("She said: “They call me a difficult parent.”")).toEqual([]);
    expect(findBlamingPhrases('"Pushy parent," she said. Staff called her a pushy parent.')).toEqual([
      { phrase: "pushy parent", index: 45 },
    ]);
  });

  it("matches whole words only", () => {
    expect(findBlamingPhrases("The manipulatives in maths help him count.")).toEqual([]);
    expect(findBlamingPhrases("A steady parent, not a pushy one.")).toEqual([]);
  });
});

describe("readingEase", () => {
  it("sums the counts of every text and scores them with the Flesch formula", () => {
    const ease = readingEase(["I know. I just want him to be okay.", "What do you mean?"]);
    expect(ease).toMatchObject({ sentences: 3, words: 13 });
    expect(ease!.score).toBeCloseTo(flesch({ sentence: 3, word: 13, syllable: ease!.syllables }), 1);
  });

  it("scores everyday speech above 60 and official language below it", () => {
    expect(
      readingEase(["He is fine at school. At home he cries every night. I don't know what to do."])!.score,
    ).toBeGreaterThan(80);
    expect(
      readingEase([
        "The authority's determination following multidisciplinary consideration necessitates reconsideration.",
      ])!.score,
    ).toBeLessThan(0);
  });

  it("counts a line without a full stop as a sentence, and has nothing to say about no words", () => {
    expect(readingEase(["Hello", "Yes. Go on"])).toMatchObject({ sentences: 3, words: 4 });
    expect(readingEase(["", "..."])).toBeNull();
  });
});
