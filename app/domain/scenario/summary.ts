import type { ReadingEase } from "../wording";
import type { Summary } from "./runs";

/** One line per scenario for the checker's output. */
export function formatSummary(file: string, summary: Summary, readability?: ReadingEase): string {
  const paths = summary.paths.capped ? `${summary.paths.count.toLocaleString("en-GB")}+` : `${summary.paths.count}`;
  const range =
    summary.shortest === null
      ? "no path to an ending"
      : `${summary.shortest} to ${summary.longest ?? "unlimited (a loop can be repeated)"} choices to an ending`;
  return [
    `${file}:`,
    `${summary.nodes} nodes,`,
    `${summary.choices} choices,`,
    `${summary.endings} endings,`,
    `${paths} distinct paths,`,
    `${range},`,
    `about ${summary.minutes} minutes${readability ? "," : ""}`,
    readability ? `family lines' reading ease ${readability.score.toFixed(1)}` : "",
    summary.analysis === "intervals" ? "(checked with intervals: too many states to check each one)" : "",
  ]
    .filter(Boolean)
    .join(" ");
}
