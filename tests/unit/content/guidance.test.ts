import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guidanceLinks, guidanceWordCount, parseGuidanceSource, readingMinutesFor } from "~/domain/guidance";
import { findBlamingPhrases } from "~/domain/wording";
import { libraryContext } from "../scenario/helpers";

/** Every guidance page is valid, honest about its reading time, linked correctly and plainly worded. */

const DIR = path.join("content", "guidance");
const { skills, guidancePages } = libraryContext();
const pages = readdirSync(DIR)
  .filter((name) => name.endsWith(".md"))
  .map((name) => {
    const file = path.join(DIR, name);
    return { file, slug: name.slice(0, -3), source: readFileSync(file, "utf8") };
  });

/** The topics the issue asks for, each as a page of its own. */
const REQUIRED = [
  "preparing-for-a-meeting-with-a-family",
  "running-an-inclusive-meeting",
  "giving-difficult-news-by-phone",
  "honesty-about-limits",
  "hearing-the-childs-voice",
  "co-production-in-practice",
  "writing-professional-records",
  "working-with-interpreters",
  "reflective-models",
  "what-good-supervision-looks-like",
];

describe("guidance pages", () => {
  it("cover every topic the library needs", () => {
    expect(REQUIRED.filter((slug) => !guidancePages.includes(slug))).toEqual([]);
  });

  describe.each(pages)("$slug", ({ file, source }) => {
    const parsed = parseGuidanceSource(source, file);

    it("has valid front matter", () => {
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    });

    it("names only skills from scenarios/skills.yaml", () => {
      if (!parsed.ok) return expect.fail("front matter is not valid");
      expect(parsed.front.skills.filter((skill) => !skills.includes(skill))).toEqual([]);
    });

    it("gives an honest reading time (about 200 words a minute)", () => {
      if (!parsed.ok) return expect.fail("front matter is not valid");
      expect(Math.abs(parsed.front.readingMinutes - readingMinutesFor(parsed.body))).toBeLessThanOrEqual(1);
      expect(guidanceWordCount(parsed.body)).toBeGreaterThanOrEqual(150);
    });

    it("links only to guidance pages that exist", () => {
      if (!parsed.ok) return expect.fail("front matter is not valid");
      expect(guidanceLinks(parsed.body).filter((slug) => !guidancePages.includes(slug))).toEqual([]);
    });

    it("uses no blaming phrases outside quotation marks", () => {
      expect(findBlamingPhrases(source).map((found) => found.phrase)).toEqual([]);
    });
  });
});

describe("reading a guidance page", () => {
  const valid =
    "---\ntitle: A page\nsummary: What it helps with.\nskills: [listening]\nreadingMinutes: 1\n---\n\nSome words.\n";

  it("splits valid front matter from the body", () => {
    const parsed = parseGuidanceSource(valid, "a.md");
    expect(parsed).toEqual({
      ok: true,
      front: { title: "A page", summary: "What it helps with.", skills: ["listening"], readingMinutes: 1 },
      body: "\nSome words.\n",
    });
  });

  it("names the file, line and field of a problem", () => {
    const parsed = parseGuidanceSource(valid.replace("readingMinutes: 1", "readingMinutes: 1.5"), "a.md");
    expect(parsed).toEqual({
      ok: false,
      problems: ["a.md:5:1: readingMinutes: reading time is a whole number of minutes"],
    });
    expect(parseGuidanceSource(valid.replace("skills: [listening]\n", ""), "a.md")).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^a\.md:2:1: skills: /)],
    });
    expect(parseGuidanceSource(valid.replace("title: A page", "title: A page\nauthor: me"), "a.md")).toMatchObject({
      ok: false,
    });
  });

  it("refuses a page without front matter, or with broken YAML, with a location", () => {
    expect(parseGuidanceSource("# Just a heading\n", "b.md")).toEqual({
      ok: false,
      problems: ["b.md:1:1: the page must start with front matter between --- lines"],
    });
    expect(parseGuidanceSource("---\ntitle: [unclosed\n---\nbody\n", "c.md")).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^c\.md:\d+:\d+: the front matter is not valid YAML$/)],
    });
  });

  it("counts words without link targets or markup, and finds links to other pages", () => {
    const body = "## Heading\n\n- one [two three](/guidance/other-page) *four*\n";
    expect(guidanceWordCount(body)).toBe(5);
    expect(guidanceLinks(body)).toEqual(["other-page"]);
    expect(readingMinutesFor("word ".repeat(201))).toBe(2);
  });
});
