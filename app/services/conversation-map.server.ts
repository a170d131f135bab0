import { createHash } from "node:crypto";
import type { CheckResult, Scenario } from "~/domain/scenario";
import { conversationMap, type ConversationMap } from "~/domain/scenario/map";

/**
 * The map of a draft, laid out once per version of its source. Laying out a large map with
 * dagre takes seconds (npm run bench:studio-map), while the same source always gives the same
 * map; so the page keeps the last few, keyed by a hash of the source, and reopening a draft,
 * or opening it after someone else did, does not lay it out again.
 */
const KEPT = 16;
const laidOut = new Map<string, ConversationMap>();

export function conversationMapOf(source: string, scenario: Scenario, check: Pick<CheckResult, "problems">) {
  const key = createHash("sha256").update(source).digest("base64url");
  const kept = laidOut.get(key);
  if (kept) {
    // Most recently used last, so the oldest is the first to go.
    laidOut.delete(key);
    laidOut.set(key, kept);
    return kept;
  }
  const map = conversationMap(scenario, check);
  laidOut.set(key, map);
  if (laidOut.size > KEPT) laidOut.delete(laidOut.keys().next().value!);
  return map;
}
