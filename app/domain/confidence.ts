import { z } from "zod";

const MESSAGE = "Choose a number from 1 to 5.";

/** A 1–5 confidence rating from a radio group. */
export const ConfidenceRating = z.coerce.number({ error: MESSAGE }).int(MESSAGE).min(1, MESSAGE).max(5, MESSAGE);

/** The same, where leaving it blank means "did not say". */
export const OptionalConfidenceRating = ConfidenceRating.optional();
