import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkScenarioSource } from "~/domain/scenario";
import {
  addNode,
  choicesOf,
  copySlug,
  deleteChoice,
  deleteListItem,
  deleteNode,
  draftSkeleton,
  findNode,
  moveChoice,
  moveNode,
  nodeIds,
  partOfLine,
  partSchema,
  readDraft,
  saveChoice,
  saveListItem,
  setDetails,
  suggestSlug,
  updateNode,
  wholeNumber,
  writeDraft,
  type DraftDocument,
} from "~/domain/scenario/edit";
import { personaSchema } from "~/domain/scenario/schema";
import { fixtureContext, fixturePath, libraryFiles } from "./helpers";

const MINIMAL = readFileSync(fixturePath("minimal"), "utf8");

function documentOf(source: string): DraftDocument {
  const read = readDraft(source);
  if (!read.ok) throw new Error(read.reason);
  return read.document;
}

const check = (document: DraftDocument) => checkScenarioSource(writeDraft(document), "minimal.yaml", fixtureContext);

describe("reading and writing a draft", () => {
  it.each(libraryFiles())("gives back %s byte for byte when nothing changed", (file) => {
    const source = readFileSync(file, "utf8");
    const read = readDraft(source);
    expect(read.ok).toBe(true);
    if (read.ok) expect(writeDraft(read.document, read.header)).toBe(source);
  });

  it("refuses a draft whose YAML does not parse, and says why", () => {
    expect(readDraft("id: [unclosed")).toEqual({ ok: false, reason: "its YAML cannot be read" });
  });

  it("refuses a draft with fields the canonical layout would drop, naming them", () => {
    const read = readDraft(`${MINIMAL}sumary: a typo\n`);
    expect(read).toEqual({ ok: false, reason: expect.stringContaining("sumary") });
    const nested = readDraft(MINIMAL.replace("text: Hello.", "text: Hello.\n    txet: again"));
    expect(nested).toEqual({ ok: false, reason: expect.stringContaining("nodes[0].txet") });
  });

  it("refuses a draft with comments below its header, which would be lost", () => {
    expect(readDraft(`# A header\n${MINIMAL}`).ok).toBe(true);
    expect(readDraft(MINIMAL.replace("minutes: 2", "minutes: 2 # roughly")).ok).toBe(false);
  });

  it("reads an empty draft as no fields", () => {
    expect(readDraft("")).toEqual({ ok: true, document: {}, header: undefined });
  });

  it("writes a skeleton the checker reads, listing what is missing", () => {
    const source = draftSkeleton("first-try", "First try");
    expect(source).toContain("id: first-try\ntitle: First try\n");
    const problems = checkScenarioSource(source, "first-try.yaml", fixtureContext).problems;
    expect(problems.map((p) => p.message).join("\n")).toMatch(/summary/);
  });
});

describe("ids", () => {
  it("suggests a scenario id from a title", () => {
    expect(suggestSlug("Before the review!")).toBe("before-the-review");
    expect(suggestSlug("Café à l'école")).toBe("cafe-a-l-ecole");
    expect(suggestSlug("2 weeks late")).toBe("scenario-2-weeks-late");
    expect(suggestSlug("")).toBe("scenario");
    expect(suggestSlug("and")).toBe("and-scenario");
  });

  it("numbers copies after the first", () => {
    expect(copySlug("x", new Set())).toBe("x-copy");
    expect(copySlug("x", new Set(["x-copy"]))).toBe("x-copy-2");
    expect(copySlug("x", new Set(["x-copy", "x-copy-2"]))).toBe("x-copy-3");
  });
});

describe("nodes", () => {
  it("adds a node at the end, and makes the first node of a new draft its start", () => {
    const empty = addNode({ id: "new" }, { id: "first", type: "pause", prompt: "Why?", next: "x" });
    expect(empty.start).toBe("first");
    const document = addNode(documentOf(MINIMAL), { id: "later", type: "pause", prompt: "Why?", next: "done" });
    expect(nodeIds(document)).toEqual(["hello", "done", "later"]);
    expect(document.start).toBe("hello");
  });

  it("moves a node up and down, and not past either end", () => {
    const document = documentOf(MINIMAL);
    expect(nodeIds(moveNode(document, "done", "up"))).toEqual(["done", "hello"]);
    expect(nodeIds(moveNode(document, "hello", "down"))).toEqual(["done", "hello"]);
    expect(nodeIds(moveNode(document, "hello", "up"))).toEqual(["hello", "done"]);
    expect(nodeIds(moveNode(document, "done", "down"))).toEqual(["hello", "done"]);
  });

  it("deletes a node and leaves the broken reference for the checker to report", () => {
    const document = deleteNode(documentOf(MINIMAL), "done");
    expect(nodeIds(document)).toEqual(["hello"]);
    const problems = check(document).problems;
    expect(problems.some((p) => p.code === "unknown-node" && p.message.includes("done"))).toBe(true);
  });

  it("keeps a line's choices when its own fields are saved", () => {
    const document = updateNode(documentOf(MINIMAL), "hello", {
      id: "hello",
      type: "line",
      speaker: "sam",
      text: "Hi there.",
    });
    expect(findNode(document, "hello")?.text).toBe("Hi there.");
    expect(choicesOf(document, "hello").map((c) => c.id)).toEqual(["greet"]);
  });

  it("renames a node everywhere it is named: start, next, a pause's next and visited()", () => {
    let document = documentOf(MINIMAL);
    document = addNode(document, { id: "think", type: "pause", prompt: "Why?", next: "hello" });
    document = saveChoice(document, "hello", null, {
      id: "again",
      when: "visited(hello) and not visited( think )",
      says: "Again.",
      next: "hello",
    });
    const renamed = updateNode(document, "hello", { id: "greeting", type: "line", speaker: "sam", text: "Hello." });
    expect(renamed.start).toBe("greeting");
    expect(findNode(renamed, "think")?.next).toBe("greeting");
    const again = choicesOf(renamed, "greeting")[1]!;
    expect(again.next).toBe("greeting");
    expect(again.when).toBe("visited(greeting) and not visited( think )");
    expect(check(renamed).problems.filter((p) => p.severity === "error" && p.code === "unknown-node")).toEqual([]);
  });
});

describe("choices", () => {
  const withTwo = () =>
    saveChoice(documentOf(MINIMAL), "hello", null, { id: "wave", says: "Wave.", next: "done", note: "Fine." });

  it("adds, edits, moves and deletes a choice", () => {
    let document = withTwo();
    expect(choicesOf(document, "hello").map((c) => c.id)).toEqual(["greet", "wave"]);
    document = saveChoice(document, "hello", 1, { id: "nod", says: "Nod.", next: "done" });
    expect(choicesOf(document, "hello")[1]).toEqual({ id: "nod", says: "Nod.", next: "done" });
    document = moveChoice(document, "hello", 1, "up");
    expect(choicesOf(document, "hello").map((c) => c.id)).toEqual(["nod", "greet"]);
    document = deleteChoice(document, "hello", 0);
    expect(choicesOf(document, "hello").map((c) => c.id)).toEqual(["greet"]);
  });

  it("writes a new choice in the canonical layout", () => {
    const yaml = writeDraft(withTwo());
    expect(yaml).toContain("      - id: wave\n        says: Wave.\n        next: done\n        note: Fine.\n");
  });
});

describe("personas, meters and details", () => {
  it("renames a persona in the lines it speaks", () => {
    const document = saveListItem(documentOf(MINIMAL), "personas", 0, {
      ...(documentOf(MINIMAL).personas as object[])[0],
      id: "samuel",
    });
    expect(findNode(document, "hello")?.speaker).toBe("samuel");
  });

  it("renames a meter in effects and conditions, but not inside visited()", () => {
    let document = saveListItem(documentOf(MINIMAL), "meters", null, {
      id: "trust",
      label: "Trust",
      start: 1,
      min: 0,
      max: 3,
      visible: true,
    });
    document = saveChoice(document, "hello", 0, {
      id: "greet",
      when: "trust >= 1 and not visited(trust)",
      says: "Hi.",
      next: "done",
      effects: { trust: 1 },
    });
    document = saveListItem(document, "meters", 0, {
      id: "faith",
      label: "Faith",
      start: 1,
      min: 0,
      max: 3,
      visible: true,
    });
    const choice = choicesOf(document, "hello")[0]!;
    expect(choice.effects).toEqual({ faith: 1 });
    expect(choice.when).toBe("faith >= 1 and not visited(trust)");
  });

  it("deletes a meter", () => {
    const document = saveListItem(documentOf(MINIMAL), "meters", null, {
      id: "a",
      label: "A",
      start: 0,
      min: 0,
      max: 1,
      visible: false,
    });
    expect(deleteListItem(document, "meters", 0).meters).toEqual([]);
  });

  it("removes a cleared optional field", () => {
    const document = setDetails({ id: "x", medium: "phone" }, { medium: undefined, title: "X" });
    expect(document).toEqual({ id: "x", title: "X" });
  });
});

describe("which part of the draft a line belongs to", () => {
  it("maps each line to its node, the people and meters, or the details", () => {
    let document = documentOf(MINIMAL);
    document = saveListItem(document, "meters", null, { id: "a", label: "A", start: 0, min: 0, max: 1, visible: true });
    const source = writeDraft(document);
    const lines = source.split("\n");
    const partOf = partOfLine(source);
    const at = (text: string) => partOf(lines.indexOf(text) + 1);
    expect(at("id: minimal")).toBe("details");
    expect(at("minutes: 2")).toBe("details");
    expect(at("    name: Sam Okoro")).toBe("people");
    expect(at("    label: A")).toBe("people");
    expect(at("start: hello")).toBe("details");
    expect(at("  - id: hello")).toEqual({ node: "hello" });
    expect(at("    text: Hello.")).toEqual({ node: "hello" });
    expect(at("    tone: positive")).toEqual({ node: "done" });
  });

  it("maps the checker's problem to the node it is about", () => {
    const source = writeDraft(deleteNode(documentOf(MINIMAL), "done"));
    const problem = checkScenarioSource(source, "minimal.yaml", fixtureContext).problems.find(
      (p) => p.code === "unknown-node",
    )!;
    expect(partOfLine(source)(problem.line)).toEqual({ node: "hello" });
  });

  it("maps nothing in a file that does not parse", () => {
    expect(partOfLine("id: [")(1)).toBeUndefined();
  });
});

describe("form parts", () => {
  it("reads whole numbers as typed: empty is none, anything else not a whole number is NaN", () => {
    expect(wholeNumber(undefined)).toBeUndefined();
    expect(wholeNumber("  ")).toBeUndefined();
    expect(wholeNumber(" -2 ")).toBe(-2);
    expect(wholeNumber("1.5")).toBeNaN();
    expect(wholeNumber("five")).toBeNaN();
  });

  const form = z.object({ id: z.string().optional(), name: z.string().optional() });
  const schema = partSchema(form, personaSchema, (fields) => ({
    id: fields.id ?? "",
    name: fields.name ?? "",
    relationship: "r",
    background: "b",
    wants: "w",
    fears: "f",
    voice: "v",
  }));

  it("puts the scenario schema's problems on the form's fields", () => {
    const result = schema.safeParse({ id: "Not A Slug" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues).toEqual([
      ["id", expect.stringContaining("lowercase letters")],
      ["name", "must not be empty"],
    ]);
  });

  it("gives the parsed part when it is valid", () => {
    expect(schema.parse({ id: "sam", name: "Sam" })).toEqual({
      part: expect.objectContaining({ id: "sam", name: "Sam", kind: "family" }),
      form: { id: "sam", name: "Sam" },
    });
  });
});
