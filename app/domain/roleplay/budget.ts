/**
 * An organisation's monthly allowance of AI tokens for own-words practice. Months are London
 * calendar months, so a conversation at 00:30 on 1 April (BST) counts towards April.
 */
import { londonDate } from "../london-time";

/** The London calendar month of an instant: "2026-11". */
export function monthOf(now: Date): string {
  return londonDate(now).slice(0, 7);
}

export type BudgetState = { remaining: number; spent: boolean; message: string };

/** Below this share of the allowance, people are warned that a conversation may not finish. */
const LOW_SHARE = 0.1;

export function budgetState({ used, budget }: { used: number; budget: number }): BudgetState {
  const remaining = Math.max(0, budget - Math.max(0, used));
  if (budget <= 0) {
    return {
      remaining: 0,
      spent: true,
      message: "There is no AI practice allowance this month. The scripted version is ready to play.",
    };
  }
  if (remaining === 0) {
    return {
      remaining,
      spent: true,
      message: "This month's AI practice allowance is used up. The scripted version is ready to play.",
    };
  }
  if (remaining < budget * LOW_SHARE) {
    return {
      remaining,
      spent: false,
      message:
        "This month's AI practice allowance is nearly used up, so a long conversation may stop part-way. The scripted version is always ready to play.",
    };
  }
  const percent = Math.floor((remaining / budget) * 100);
  return { remaining, spent: false, message: `About ${percent}% of this month's AI practice allowance is left.` };
}

/**
 * A rough token count (about four characters a token), for pre-flight checks only: whether a
 * request is likely to fit what is left. Usage is always recorded from the provider's own count.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
