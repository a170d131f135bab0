import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { checkScenarioSource, importTwee } from "~/domain/scenario";
import { FIXTURES } from "./helpers";

const story = readFileSync(`${FIXTURES}/twine-story.twee`, "utf8");

describe("Twine import", () => {
  const imported = importTwee(story);

  it("turns passages into nodes and every link form into a choice", () => {
    const { scenario } = imported;
    expect(scenario).toMatchObject({ id: "the-review-meeting", title: "The Review Meeting", start: "welcome" });
    expect(scenario.nodes.map((n) => [n.id, n.type])).toEqual([
      ["welcome", "line"],
      ["introductions", "line"],
      ["agenda", "pause"],
      ["how-she-is", "line"],
      ["good-ending", "ending"],
      ["cold-ending", "ending"],
      ["odd-name-passage", "ending"],
    ]);
    const welcome = scenario.nodes[0]!;
    expect(welcome.type === "line" && welcome.choices).toEqual([
      { id: "introduce-everyone", says: "Introduce everyone", next: "introductions" },
      { id: "start-with-the-agenda", says: "Start with the agenda", next: "agenda" },
      { id: "ask-how-she-is", says: "Ask how she is", next: "how-she-is" },
    ]);
    expect(scenario.nodes[2]).toEqual({
      id: "agenda",
      type: "pause",
      prompt: "Think: who wrote this agenda, and was Priya asked?",
      next: "how-she-is",
    });
    const introductions = scenario.nodes[1]!;
    expect(introductions.type === "line" && introductions.choices[0]).toEqual({
      id: "invite-her-to-start",
      says: "Invite her to start",
      next: "how-she-is",
    });
  });

  it("keeps the words and drops macros and variables", () => {
    const [welcome, introductions, , howSheIs] = imported.scenario.nodes;
    expect(welcome?.type === "line" && welcome.text).toBe(
      'Priya sits down at the end of the table. She looks at the six professionals.\n\n"Is all of this for Kai?"',
    );
    expect(introductions?.type === "line" && introductions.text).toBe(
      "Priya nods as each person says their name and role. She relaxes a little.",
    );
    expect(howSheIs?.type === "line" && howSheIs.text).toBe(
      '"Honestly? Tired. He hasn\'t slept properly since half-term."',
    );
  });

  it("sets ending tones from tags", () => {
    const tones = imported.scenario.nodes.flatMap((n) => (n.type === "ending" ? [n.tone] : []));
    expect(tones).toEqual(["positive", "difficult", "mixed"]);
  });

  it("reports everything it could not carry over, with the line in the story", () => {
    expect(imported.notes.map((n) => `${n.line}: ${n.message}`)).toEqual([
      "1: story format Harlowe 3.3.8: its macros and variables are not carried over (see below)",
      "1: written with placeholders marked TODO: the persona, summary, audience, skills and coach's notes need a trainer (the checker refuses the file until they are written)",
      '13: passage "UserScript" is story JavaScript: not carried over',
      '16: passage "UserStylesheet" is story CSS: not carried over',
      "20: Harlowe macro not carried over: (set: $trust to 3)",
      "30: Harlowe macro not carried over: (if: $trust > 2)",
      "39: SugarCube macro not carried over: <<set $heard to true>>",
      '42: link to a passage that does not exist: "Nowhere"',
      '50: ending "Odd [name] passage" has no tone tag: set to mixed',
    ]);
  });

  it("writes YAML that reads back as the same scenario and that the checker understands", () => {
    expect(parse(imported.yaml)).toEqual(imported.scenario);
    expect(imported.yaml.startsWith("# yaml-language-server: $schema=./scenario.schema.json")).toBe(true);
    const result = checkScenarioSource(imported.yaml, "scenarios/the-review-meeting.yaml", {
      skills: ["listening"],
      guidancePages: [],
    });
    const errors = (problems: typeof result.problems, code?: string) =>
      problems.filter((p) => p.severity === "error" && (code ? p.code === code : p.code !== "placeholder"));
    expect(errors(result.problems).map((p) => p.message)).toEqual(['next names no node: "nowhere"']);
    // Every placeholder the import wrote is an error, located, until a trainer writes it.
    const placeholders = imported.yaml.split("\n").filter((line) => line.includes("TODO: "));
    expect(errors(result.problems, "placeholder")).toHaveLength(placeholders.length);
    const persona = errors(result.problems, "placeholder").find((p) => p.message.includes("an invented name"));
    expect(imported.yaml.split("\n")[persona!.line - 1]).toContain("TODO: an invented name");

    const fixed = importTwee(story.replace("[[Check a missing passage->Nowhere]]\n", ""));
    const written = fixed.yaml.replace(/TODO: /g, "Written by a trainer: ");
    const clean = checkScenarioSource(written, "scenarios/the-review-meeting.yaml", {
      skills: ["listening"],
      guidancePages: [],
    });
    expect(clean.problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([
      'the ending "odd-name-passage" cannot be reached: nothing leads to it',
    ]);
    expect(clean.problems.filter((p) => p.code === "missing-note")).toHaveLength(6);
  });

  it("uses the first passage when there is no StoryData, and the id it is given", () => {
    const small = importTwee(":: Hello\nHi [[Bye]]\n\n:: Bye\nThe end.\n", { id: "small" });
    expect(small.scenario).toMatchObject({ id: "small", start: "hello", title: "Imported story" });
  });
});
