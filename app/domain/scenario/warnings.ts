import { atomsOf, parseCondition } from "./condition";
import type { Report } from "./report";
import type { Scenario } from "./schema";

/**
 * Things that work but probably are not what the author meant.
 * A meter counts as read when a condition uses it or the learner can see it.
 */

/** People read aloud at about 150 words a minute, so 30 seconds is about 75 words. */
export const MAX_SPOKEN_WORDS = 75;

/** Any white space but a single plain space. */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

export function checkWarnings(scenario: Scenario, report: Report): void {
  const changed = new Set<string>();
  const read = new Set<string>();

  const nodes = scenario.nodes;
  for (let n = 0; n < nodes.length; n += 1) {
    const node = nodes[n]!;
    if (node.type !== "line") continue;
    checkLength(node.text, ["nodes", n, "text"], report);
    const words = new Map<string, number>();
    const choices = node.choices;
    for (let c = 0; c < choices.length; c += 1) {
      const choice = choices[c]!;
      if (choice.note === undefined) {
        report.warning(
          "missing-note",
          ["nodes", n, "choices", c],
          `choice "${choice.id}" has no coach's note: say why it helps or hurts`,
        );
      }
      for (const meter in choice.effects) if (choice.effects[meter] !== 0) changed.add(meter);
      const parsed = choice.when === undefined ? undefined : parseCondition(choice.when);
      if (parsed?.ok) for (const atom of atomsOf(parsed.condition)) if (atom.kind === "compare") read.add(atom.meter);
      const lower = choice.says.toLowerCase();
      // Most lines have single spaces only; the regular expression is then not needed.
      const normalised = UNUSUAL_SPACE.test(lower) ? lower.replace(/\s+/g, " ") : lower;
      const earlier = words.get(normalised);
      if (earlier !== undefined) {
        report.warning(
          "duplicate-words",
          ["nodes", n, "choices", c, "says"],
          `choice "${choice.id}" says the same as choice ${earlier + 1} here`,
        );
      } else {
        words.set(normalised, c);
      }
      if (choice.says.length > 2 * MAX_SPOKEN_WORDS)
        checkLength(choice.says, ["nodes", n, "choices", c, "says"], report);
    }
  }

  scenario.meters.forEach((meter, m) => {
    const path = ["meters", m, "id"];
    if (!changed.has(meter.id))
      report.warning("meter-never-changed", path, `meter "${meter.id}" is never changed by any choice`);
    if (!read.has(meter.id) && !meter.visible) {
      report.warning(
        "meter-never-read",
        path,
        `meter "${meter.id}" is never read: no condition uses it and the learner cannot see it`,
      );
    }
  });
}

function checkLength(text: string, path: Array<string | number>, report: Report): void {
  // More than N words need at least 2N + 1 characters; most lines are far shorter.
  if (text.length <= 2 * MAX_SPOKEN_WORDS) return;
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words > MAX_SPOKEN_WORDS) {
    const seconds = Math.round((words / 150) * 60);
    report.warning(
      "long-line",
      path,
      `this is ${words} words, about ${seconds} seconds read aloud; keep it under ${MAX_SPOKEN_WORDS} words (30 seconds) or split it`,
    );
  }
}
