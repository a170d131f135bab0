import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { marked } from "marked";
import { GUIDANCE_SLUG, parseGuidanceSource, type GuidanceFrontMatter } from "~/domain/guidance";

/** Guidance pages: Markdown files with front matter in content/guidance/, written by us. */

const GUIDANCE_DIR = path.join("content", "guidance");

export type GuidanceSummary = GuidanceFrontMatter & { slug: string };
export type GuidancePage = GuidanceSummary & { html: string };

async function readPage(slug: string): Promise<{ front: GuidanceFrontMatter; body: string } | null> {
  if (!GUIDANCE_SLUG.test(slug)) return null;
  const file = path.join(GUIDANCE_DIR, `${slug}.md`);
  const source = await readFile(file, "utf8").catch(() => null);
  if (source === null) return null;
  const parsed = parseGuidanceSource(source, file);
  if (!parsed.ok) {
    // The tests refuse such a page; a server still running an older checkout logs it rather than failing.
    for (const problem of parsed.problems) console.warn(`guidance page skipped: ${problem}`);
    return null;
  }
  return parsed;
}

export async function getGuidancePage(slug: string): Promise<GuidancePage | null> {
  const page = await readPage(slug);
  if (!page) return null;
  // Our own files from the repository, so the HTML is trusted; the CSP forbids scripts in it anyway.
  const html = await marked.parse(page.body, { gfm: true });
  return { slug, ...page.front, html };
}

export async function listGuidancePages(): Promise<GuidanceSummary[]> {
  const names = (await readdir(GUIDANCE_DIR).catch(() => [])).filter((name) => name.endsWith(".md")).sort();
  const pages = await Promise.all(
    names.map(async (name) => {
      const slug = name.slice(0, -3);
      const page = await readPage(slug);
      return page ? { slug, ...page.front } : null;
    }),
  );
  return pages.filter((page) => page !== null).sort((a, b) => a.title.localeCompare(b.title, "en-GB"));
}
