import { load } from "js-yaml";
import { z } from "zod";

/**
 * Guidance pages: Markdown files in content/guidance/ with front matter. The reading is pure so
 * the app, the tests and any checker share one definition of a valid page.
 */

export const GUIDANCE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** About 200 words a minute for careful reading. */
export const WORDS_PER_MINUTE = 200;

export const guidanceFrontMatterSchema = z.strictObject({
  title: z.string().trim().min(1, "give the page a title"),
  summary: z.string().trim().min(1, "write a one-sentence summary").max(200, "keep the summary under 200 characters"),
  skills: z
    .array(z.string().regex(GUIDANCE_SLUG, "a skill id is lowercase words joined by hyphens"))
    .min(1, "name at least one skill from scenarios/skills.yaml"),
  readingMinutes: z.number().int("reading time is a whole number of minutes").min(1).max(30),
});

export type GuidanceFrontMatter = z.output<typeof guidanceFrontMatterSchema>;

export type ParsedGuidance = { ok: true; front: GuidanceFrontMatter; body: string } | { ok: false; problems: string[] };

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/;

/** Splits and validates a page; problems read `file:line:column: message`. */
export function parseGuidanceSource(source: string, file: string): ParsedGuidance {
  const match = FRONT_MATTER.exec(source.replace(/^\uFEFF/, ""));
  if (!match) return { ok: false, problems: [`${file}:1:1: the page must start with front matter between --- lines`] };
  const front = match[1] ?? "";
  let data: unknown;
  try {
    data = load(front);
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const where = mark ? `${mark.line + 2}:${mark.column + 1}` : "2:1";
    return { ok: false, problems: [`${file}:${where}: the front matter is not valid YAML`] };
  }
  const parsed = guidanceFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const lines = front.split(/\r?\n/);
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? "");
        const index = key ? lines.findIndex((line) => line.startsWith(`${key}:`)) : -1;
        const field = key ? `${key}: ` : "";
        return `${file}:${index === -1 ? 2 : index + 2}:1: ${field}${issue.message}`;
      }),
    };
  }
  return { ok: true, front: parsed.data, body: match[2] ?? "" };
}

/** Words in a Markdown body, ignoring link targets and markup. */
export function guidanceWordCount(body: string): number {
  const text = body.replace(/\]\([^)]*\)/g, "]").replace(/[#*_>`[\]|-]/g, " ");
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function readingMinutesFor(body: string): number {
  return Math.max(1, Math.ceil(guidanceWordCount(body) / WORDS_PER_MINUTE));
}

/** Links to other guidance pages in a body, as slugs. */
export function guidanceLinks(body: string): string[] {
  return [...body.matchAll(/\]\(\/guidance\/([^)#?\s]*)/g)].map((m) => m[1] ?? "");
}
