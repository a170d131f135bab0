import { z } from "zod";

/**
 * "Suggested for you": scenarios that practise the skills this person has
 * practised least, leaving out ones they have already completed when there are others.
 */

export type Suggestable = { slug: string; skills: readonly string[]; completed: number };

export function suggestScenarios<T extends Suggestable>(
  scenarios: readonly T[],
  practisedBySkill: ReadonlyMap<string, number>,
  limit = 3,
): T[] {
  const need = (scenario: T) =>
    scenario.skills.reduce((sum, skill) => sum + 1 / (1 + (practisedBySkill.get(skill) ?? 0)), 0) /
    scenario.skills.length;
  const fresh = scenarios.filter((scenario) => scenario.completed === 0);
  const pool = fresh.length > 0 ? fresh : scenarios;
  return [...pool].sort((a, b) => need(b) - need(a) || a.slug.localeCompare(b.slug)).slice(0, limit);
}

/** How often each skill was practised, counting each completed run's skills once. */
export function practisedSkills(scenarios: readonly Suggestable[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const scenario of scenarios) {
    for (const skill of scenario.skills) counts.set(skill, (counts.get(skill) ?? 0) + scenario.completed);
  }
  return counts;
}

export const LENGTHS = {
  short: { label: "Up to 10 minutes", min: 0, max: 10 },
  medium: { label: "11 to 20 minutes", min: 11, max: 20 },
  long: { label: "More than 20 minutes", min: 21, max: Number.POSITIVE_INFINITY },
} as const;
export type Length = keyof typeof LENGTHS;

export function fitsLength(minutes: number, length: Length | undefined): boolean {
  if (!length) return true;
  const range = LENGTHS[length];
  return minutes >= range.min && minutes <= range.max;
}

export type Recommendation = { slug: string; from: string; note: string; at: Date };

/**
 * "Suggested for you": first what a manager recommended (newest first), then up to `limit`
 * scenarios for the skills practised least, never the same scenario twice.
 */
export function suggestWithRecommendations<T extends Suggestable>(
  scenarios: readonly T[],
  recommendations: readonly Recommendation[],
  limit = 3,
): Array<T & { recommendation: Recommendation | null }> {
  const bySlug = new Map(scenarios.map((scenario) => [scenario.slug, scenario]));
  const recommended = recommendations.flatMap((recommendation) => {
    const scenario = bySlug.get(recommendation.slug);
    return scenario ? [{ ...scenario, recommendation }] : [];
  });
  const taken = new Set(recommended.map((scenario) => scenario.slug));
  const rest = suggestScenarios(
    scenarios.filter((scenario) => !taken.has(scenario.slug)),
    practisedSkills(scenarios),
    limit,
  ).map((scenario) => ({ ...scenario, recommendation: null }));
  return [...recommended, ...rest];
}

/** A manager's note with a recommendation: optional, short, and never cut without saying so. */
export const RECOMMENDATION_NOTE_LIMIT = 500;
export const RECOMMENDATION_NOTE_HINT = `Why you think it would help, in up to ${RECOMMENDATION_NOTE_LIMIT} characters.`;
export const RecommendationNote = z
  .string()
  .max(
    RECOMMENDATION_NOTE_LIMIT,
    `Keep the note to ${RECOMMENDATION_NOTE_LIMIT} characters or fewer. Nothing has been lost: shorten it and send again.`,
  )
  .optional();
