/**
 * Practice time from step timestamps. A long gap (a phone call, a meeting) is
 * counted as five minutes, so leaving a run open does not inflate anyone's figures.
 */

export const MAX_COUNTED_GAP_SECONDS = 5 * 60;

/** Seconds to count between two moments of activity: never negative, never more than five minutes. */
export function countedGapSeconds(previous: Date, next: Date): number {
  const seconds = Math.round((next.getTime() - previous.getTime()) / 1000);
  return Math.min(MAX_COUNTED_GAP_SECONDS, Math.max(0, seconds));
}

/** Total counted seconds across a run's timestamps, in any order. */
export function practiceSeconds(timestamps: readonly Date[]): number {
  const sorted = [...timestamps].sort((a, b) => a.getTime() - b.getTime());
  let total = 0;
  for (let index = 1; index < sorted.length; index++) {
    total += countedGapSeconds(sorted[index - 1]!, sorted[index]!);
  }
  return total;
}

/** "under a minute", "1 minute", "12 minutes" */
export function describeMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return "under a minute";
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
