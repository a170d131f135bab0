import { FRAMEWORKS, isFrameworkId } from "./reflection";

/** Everything a person wrote in Heartwork, in forms they can keep: their data is theirs. Pure. */

export type ExportedReflection = {
  id: string;
  title: string;
  framework: string;
  answers: Record<string, string>;
  sharedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  runId: string | null;
};

export type ExportedRun = {
  id: string;
  scenario: string;
  version: number;
  status: string;
  startedAt: Date;
  endedAt: Date | null;
  practiceSeconds: number;
  confidenceBefore: number | null;
  confidenceAfter: number | null;
  replies: string[];
};

export type JournalExport = {
  person: { name: string; email: string };
  exportedAt: Date;
  reflections: ExportedReflection[];
  runs: ExportedRun[];
};

function promptsOf(reflection: ExportedReflection) {
  return isFrameworkId(reflection.framework) ? FRAMEWORKS[reflection.framework].prompts : [];
}

export function journalToJson(data: JournalExport): string {
  return JSON.stringify(
    {
      format: "heartwork-journal/1",
      exportedAt: data.exportedAt.toISOString(),
      person: data.person,
      reflections: data.reflections.map((reflection) => ({
        id: reflection.id,
        title: reflection.title,
        framework: reflection.framework,
        sharedWithSupervisor: reflection.sharedAt !== null,
        createdAt: reflection.createdAt.toISOString(),
        updatedAt: reflection.updatedAt.toISOString(),
        practiceRunId: reflection.runId,
        answers: promptsOf(reflection).map((prompt) => ({
          prompt: prompt.id,
          label: prompt.label,
          text: reflection.answers[prompt.id] ?? "",
        })),
      })),
      practiceRuns: data.runs.map((run) => ({
        ...run,
        startedAt: run.startedAt.toISOString(),
        endedAt: run.endedAt?.toISOString() ?? null,
      })),
    },
    null,
    2,
  );
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function journalToMarkdown(data: JournalExport): string {
  const lines = [
    `# Heartwork journal: ${data.person.name}`,
    "",
    `Exported on ${day(data.exportedAt)}. Everything you wrote in Heartwork, and the conversations you practised.`,
    "",
    "## Reflections",
    "",
  ];
  if (data.reflections.length === 0) lines.push("None yet.", "");
  for (const reflection of data.reflections) {
    const framework = isFrameworkId(reflection.framework) ? FRAMEWORKS[reflection.framework].label : reflection.framework;
    lines.push(`### ${reflection.title || "Untitled reflection"}`, "");
    lines.push(
      `${framework}. Written ${day(reflection.createdAt)}, last changed ${day(reflection.updatedAt)}. ${reflection.sharedAt ? "Shared with your supervisor." : "Private."}`,
      "",
    );
    for (const prompt of promptsOf(reflection)) {
      lines.push(`#### ${prompt.label}`, "", reflection.answers[prompt.id]?.trim() || "(nothing written)", "");
    }
  }
  lines.push("## Conversations practised", "");
  if (data.runs.length === 0) lines.push("None yet.", "");
  for (const run of data.runs) {
    const minutes = Math.round(run.practiceSeconds / 60);
    lines.push(`### ${run.scenario} (${day(run.startedAt)})`, "");
    lines.push(
      `${run.status === "completed" ? "Completed" : run.status === "abandoned" ? "Stopped part way" : "In progress"}, about ${minutes} ${minutes === 1 ? "minute" : "minutes"}.` +
        (run.confidenceBefore || run.confidenceAfter
          ? ` Confidence: ${run.confidenceBefore ?? "not given"} before, ${run.confidenceAfter ?? "not given"} after (out of 5).`
          : ""),
      "",
    );
    run.replies.forEach((reply, index) => lines.push(`${index + 1}. ${reply}`));
    lines.push("");
  }
  return lines.join("\n");
}
