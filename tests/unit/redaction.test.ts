import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  describeRedaction,
  isValidNhsNumber,
  isValidPupilNumber,
  redact,
  type RedactionKind,
} from "~/domain/redaction";

const Corpus = z.array(
  z.object({
    text: z.string().min(1),
    allowedNames: z.array(z.string()),
    expected: z.string(),
    note: z.string().min(1),
  }),
);
const corpus = Corpus.parse(
  JSON.parse(readFileSync(new URL("../fixtures/redaction/corpus.json", import.meta.url), "utf8")),
);
// The "year of birth up to the present" rule depends on today; pin it.
const today = new Date("2025-06-01T12:00:00Z");
const run = (text: string, allowedNames: readonly string[] = ["Nadia Begum", "Idris"]) =>
  redact(text, { allowedNames, today });

const mustCatch = corpus.filter((c) => c.expected !== c.text);
const mustLeave = corpus.filter((c) => c.expected === c.text);

describe("the redaction corpus", () => {
  it("has at least 200 cases, roughly half to catch and half to leave alone", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(mustCatch.length).toBeGreaterThanOrEqual(90);
    expect(mustLeave.length).toBeGreaterThanOrEqual(90);
  });

  it("covers every kind of detail", () => {
    const kinds = new Set(mustCatch.flatMap((c) => run(c.text, c.allowedNames).removed.map((r) => r.kind)));
    const all: RedactionKind[] = [
      "name",
      "email",
      "phone",
      "postcode",
      "nhs-number",
      "pupil-number",
      "date-of-birth",
      "address",
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it.each(mustCatch)("catches: $note", ({ text, allowedNames, expected }) => {
    const result = run(text, allowedNames);
    expect(result.text).toBe(expected);
    expect(result.removed.length).toBeGreaterThan(0);
  });

  it.each(mustLeave)("leaves alone: $note", ({ text, allowedNames }) => {
    expect(run(text, allowedNames)).toEqual({ text, removed: [] });
  });

  it("changes nothing more when run a second time", () => {
    for (const { text, allowedNames } of corpus) {
      const once = run(text, allowedNames);
      expect(run(once.text, allowedNames), text).toEqual({ text: once.text, removed: [] });
    }
  });
});

describe("redact", () => {
  it("uses plain placeholders and counts each detail once", () => {
    const result = run(
      "Mrs Okafor (07700 900214) says Tyrese was born on 2 June 2014 and lives at 8 Fennel Street, B12 9ZZ. " +
        "Email tk@example.org; NHS number 999 001 0412; UPN U999123456789.",
    );
    expect(result.text).toBe(
      "Mrs [name] ([phone number]) says [name] was born on [date of birth] and lives at [address], [postcode]. " +
        "Email [email]; NHS number [NHS number]; UPN [pupil number].",
    );
    expect(result.removed).toEqual([
      { kind: "name", count: 2 },
      { kind: "email", count: 1 },
      { kind: "phone", count: 1 },
      { kind: "postcode", count: 1 },
      { kind: "address", count: 1 },
      { kind: "date-of-birth", count: 1 },
      { kind: "nhs-number", count: 1 },
      { kind: "pupil-number", count: 1 },
    ]);
  });

  it("leaves the scenario's people alone, whole or in parts, whatever the case", () => {
    const allowed = ["Nadia Begum", "Idris"];
    expect(run("Nadia Begum, Ms Begum, Nadia and Idris; nadia and idris.", allowed).text).toBe(
      "Nadia Begum, Ms Begum, Nadia and Idris; nadia and idris.",
    );
    expect(run("Nadia and Idris came.", []).text).toBe("[name] and [name] came.");
  });

  it("merges a first name and surname into one name", () => {
    expect(run("Priya Sharma rang.").removed).toEqual([{ kind: "name", count: 1 }]);
  });

  it("is deterministic", () => {
    const text = mustCatch.map((c) => c.text).join(" ");
    expect(run(text)).toEqual(run(text));
  });

  it("stays idempotent over one long mixed text", () => {
    const text = corpus.map((c) => c.text).join("\n");
    const once = run(text);
    expect(run(once.text).text).toBe(once.text);
  });
});

describe("isValidNhsNumber", () => {
  it("accepts numbers whose modulus 11 check digit matches", () => {
    expect(isValidNhsNumber("943 476 5919")).toBe(true);
    expect(isValidNhsNumber("4010232137")).toBe(true);
    expect(isValidNhsNumber("999-000-4110")).toBe(true);
    expect(isValidNhsNumber("9990000050")).toBe(true); // remainder 0: the check digit is 0
  });

  it("rejects a wrong check digit, a check value of 10 and the wrong length", () => {
    expect(isValidNhsNumber("943 476 5918")).toBe(false);
    expect(isValidNhsNumber("1234567890")).toBe(false);
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`999000000${last}`)).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
    expect(isValidNhsNumber("94347659l9")).toBe(false);
  });
});

describe("isValidPupilNumber", () => {
  it("accepts permanent and temporary UPNs with the right check letter", () => {
    expect(isValidPupilNumber("U999123456789")).toBe(true);
    expect(isValidPupilNumber("C999200312005")).toBe(true);
    expect(isValidPupilNumber("Q99930081412A")).toBe(true);
    expect(isValidPupilNumber("z99940021910k")).toBe(true);
  });

  it("rejects the wrong check letter, letters outside the DfE alphabet and the wrong shape", () => {
    expect(isValidPupilNumber("A999123456789")).toBe(false);
    expect(isValidPupilNumber("Q99930081412O")).toBe(false);
    expect(isValidPupilNumber("U99912345678")).toBe(false);
    expect(isValidPupilNumber("9999123456789")).toBe(false);
  });
});

describe("describeRedaction", () => {
  it("says so when nothing was removed", () => {
    expect(describeRedaction([])).toBe("Nothing needed removing.");
    expect(describeRedaction([{ kind: "name", count: 0 }])).toBe("Nothing needed removing.");
  });

  it("lists what was removed in plain English", () => {
    expect(
      describeRedaction([
        { kind: "name", count: 2 },
        { kind: "phone", count: 1 },
      ]),
    ).toBe("We removed 2 names and 1 phone number before sending.");
    expect(describeRedaction([{ kind: "date-of-birth", count: 1 }])).toBe("We removed 1 date of birth before sending.");
    expect(
      describeRedaction([
        { kind: "email", count: 1 },
        { kind: "address", count: 2 },
        { kind: "date-of-birth", count: 2 },
        { kind: "nhs-number", count: 1 },
      ]),
    ).toBe("We removed 1 email address, 2 addresses, 2 dates of birth and 1 NHS number before sending.");
  });

  it("describes what redact reports", () => {
    expect(describeRedaction(run("Call Amina on 07700 900123.").removed)).toBe(
      "We removed 1 name and 1 phone number before sending.",
    );
    expect(describeRedaction(run("Thank you for your time.").removed)).toBe("Nothing needed removing.");
  });
});

describe("speed", () => {
  const timeOf = (text: string) => {
    const start = performance.now();
    run(text);
    return performance.now() - start;
  };

  it("redacts 20,000 characters of realistic text in well under 50 ms", () => {
    let text = "";
    for (let i = 0; text.length < 20_000; i++) text += `${corpus[i % corpus.length]!.text} `;
    text = text.slice(0, 20_000);
    run(corpus[0]!.text); // warm the regular expressions
    expect(timeOf(text)).toBeLessThan(50);
  });

  it("has no catastrophic backtracking on hostile input", () => {
    const hostile = [
      "0".repeat(20_000),
      "0 ".repeat(10_000),
      "a.".repeat(10_000),
      "a@".repeat(10_000),
      "+44 ".repeat(5_000),
      "12 Oak ".repeat(2_900),
      "Mrs ".repeat(5_000),
      "A1".repeat(10_000),
      "3 May 2015 born ".repeat(1_300),
      `${" ".repeat(19_990)}Will said`,
    ];
    run("warm up");
    for (const text of hostile) expect(timeOf(text), text.slice(0, 12)).toBeLessThan(50);
  });
});
