import { describe, expect, it } from "vitest";
import { journalToJson, journalToMarkdown, type JournalExport } from "~/domain/journal-export";

const data: JournalExport = {
  person: { name: "Sam Okoro", email: "sam@example.org" },
  exportedAt: new Date("2026-11-23T12:00:00Z"),
  reflections: [
    {
      id: "r1",
      title: "",
      framework: "what-so-what-now-what",
      answers: { what: "A phone call.", "so-what": "  " },
      sharedAt: null,
      createdAt: new Date("2026-11-20T09:00:00Z"),
      updatedAt: new Date("2026-11-21T09:00:00Z"),
      runId: null,
    },
  ],
  runs: [
    {
      id: "p1",
      scenario: "A first meeting",
      version: 2,
      status: "completed",
      startedAt: new Date("2026-11-22T10:00:00Z"),
      endedAt: new Date("2026-11-22T10:09:00Z"),
      practiceSeconds: 540,
      confidenceBefore: 2,
      confidenceAfter: null,
      replies: ["Hello, I'm Sam.", "Carried on after a pause"],
    },
  ],
};

describe("journal export", () => {
  it("writes readable Markdown with every prompt, even the empty ones", () => {
    const markdown = journalToMarkdown(data);
    expect(markdown).toContain("# Heartwork journal: Sam Okoro");
    expect(markdown).toContain("### Untitled reflection");
    expect(markdown).toContain("#### What happened?\n\nA phone call.");
    expect(markdown).toContain("#### So what?\n\n(nothing written)");
    expect(markdown).toContain("Private.");
    expect(markdown).toContain("Completed, about 9 minutes. Confidence: 2 before, not given after (out of 5).");
    expect(markdown).toContain("1. Hello, I'm Sam.");
  });

  it("writes JSON that names its format and keeps every answer with its prompt", () => {
    const json = JSON.parse(journalToJson(data)) as {
      format: string;
      reflections: { answers: { prompt: string; text: string }[]; sharedWithSupervisor: boolean }[];
    };
    expect(json.format).toBe("heartwork-journal/1");
    expect(json.reflections[0]?.sharedWithSupervisor).toBe(false);
    expect(json.reflections[0]?.answers.map((answer) => answer.prompt)).toEqual(["what", "so-what", "now-what"]);
  });
});
