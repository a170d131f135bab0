import { z } from "zod";

/** What the practitioner sends in an own-words conversation: the turn it answers, and their words. */
export const REPLY_LIMIT = 2000;

export const SaySchema = z.object({
  intent: z.literal("say"),
  turn: z.coerce.number({ error: "This page is out of date. Reload it and try again." }).int().min(0),
  reply: z
    .string({ error: "Write what you would say." })
    .trim()
    .min(1, "Write what you would say.")
    .max(
      REPLY_LIMIT,
      `Keep a reply to ${REPLY_LIMIT.toLocaleString("en-GB")} characters or fewer: say it in two turns.`,
    ),
});

export const STALE_MESSAGE =
  "The conversation moved on in another tab. Here is where it is now: your reply is below, unsent.";

/** One line of the streamed answer: a piece of the parent's reply, the end, or a problem in plain words. */
export type ReplyEvent =
  { token: string } | { done: true; ended: boolean; removed: string } | { error: string; status: number };
