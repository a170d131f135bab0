import { findBlamingPhrases, readingEase, type ReadingEase } from "../wording";
import type { Path } from "./locate";
import type { Report } from "./report";
import type { Scenario } from "./schema";

/**
 * The narrator's and the coach's voice: every text that is not a person's spoken line or the
 * practitioner's own reply. Blaming phrases there are warnings; inside quotation marks they are
 * someone's own words and allowed.
 */
function* narratorTexts(scenario: Scenario): Generator<[Path, string]> {
  yield [["title"], scenario.title];
  yield [["summary"], scenario.summary];
  for (const [p, persona] of scenario.personas.entries()) {
    for (const field of ["relationship", "background", "wants", "fears", "voice"] as const) {
      yield [["personas", p, field], persona[field]];
    }
  }
  for (const [m, meter] of scenario.meters.entries()) yield [["meters", m, "label"], meter.label];
  for (const [n, node] of scenario.nodes.entries()) {
    if (node.type === "line") {
      if (node.speaker === undefined) yield [["nodes", n, "text"], node.text];
      if (node.aside !== undefined) yield [["nodes", n, "aside"], node.aside];
      for (const [c, choice] of node.choices.entries()) {
        if (choice.note !== undefined) yield [["nodes", n, "choices", c, "note"], choice.note];
      }
    } else if (node.type === "pause") {
      yield [["nodes", n, "prompt"], node.prompt];
    } else {
      yield [["nodes", n, "title"], node.title];
      yield [["nodes", n, "debrief"], node.debrief];
      for (const [i, item] of node.wentWell.entries()) yield [["nodes", n, "wentWell", i], item];
      for (const [i, item] of node.tryNext.entries()) yield [["nodes", n, "tryNext", i], item];
    }
  }
}

export function checkVoice(scenario: Scenario, report: Report): void {
  for (const [path, text] of narratorTexts(scenario)) {
    for (const found of findBlamingPhrases(text)) {
      report.warning(
        "blaming-language",
        path,
        `"${text.slice(found.index, found.index + found.phrase.length)}" labels or blames someone; describe what happened instead (only a person's own quoted words may use it)`,
        { offset: found.index },
      );
    }
  }
}

/** How easy the family's spoken lines are to read, taken together; null when the family never speaks. */
export function familyReadingEase(scenario: Scenario): ReadingEase | null {
  const family = new Set(scenario.personas.filter((persona) => persona.kind === "family").map((persona) => persona.id));
  const lines = scenario.nodes.flatMap((node) =>
    node.type === "line" && node.speaker !== undefined && family.has(node.speaker) ? [node.text] : [],
  );
  return readingEase(lines);
}
