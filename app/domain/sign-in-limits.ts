/**
 * How many failed sign-ins are allowed before a pause, per account and per
 * address. Pure: callers pass the recent failures they found in the audit log.
 */

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type SignInLimit = { limited: false } | { limited: true; retryAt: Date };

/**
 * Given the times of recent failures (any order), when may the next attempt be made?
 * Limited once `max` failures fall inside the window; free again when the oldest
 * of those leaves it.
 */
export function signInLimit(failures: readonly Date[], max: number, now: Date): SignInLimit {
  const recent = failures
    .map((date) => date.getTime())
    .filter((time) => now.getTime() - time < SIGN_IN_WINDOW_MS)
    .sort((a, b) => b - a);
  if (recent.length < max) return { limited: false };
  const oldestCounted = recent[max - 1] as number;
  return { limited: true, retryAt: new Date(oldestCounted + SIGN_IN_WINDOW_MS) };
}

/** The later of two limits, so the message names the time that really applies. */
export function laterLimit(a: SignInLimit, b: SignInLimit): SignInLimit {
  if (!a.limited) return b;
  if (!b.limited) return a;
  return a.retryAt >= b.retryAt ? a : b;
}

/** "in 1 minute", "in 14 minutes": always rounds up, never says "0". */
export function describeWait(retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return minutes === 1 ? "in 1 minute" : `in ${minutes} minutes`;
}
