import { z } from "zod";

/**
 * Form fields shared by several forms, with the messages people see. A number box arrives as text,
 * so it is coerced; the message names what was asked for.
 */
export function wholeNumber(what: string, min: number, max: number) {
  return z.coerce
    .number({ error: `Enter ${what} as a whole number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `Use at least ${min.toLocaleString("en-GB")}.`)
    .max(max, `Use at most ${max.toLocaleString("en-GB")}.`);
}
