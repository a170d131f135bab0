import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { load } from "js-yaml";
import { marked } from "marked";
import { z } from "zod";

/** Guidance pages: Markdown files with front matter in content/guidance/, written by us. */

const GUIDANCE_DIR = path.join("content", "guidance");
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const FrontMatter = z.object({ title: z.string().min(1), summary: z.string().min(1) });

export type GuidancePage = { slug: string; title: string; summary: string; html: string };

function split(source: string): { front: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  return match ? { front: match[1] ?? "", body: match[2] ?? "" } : null;
}

export async function getGuidancePage(slug: string): Promise<GuidancePage | null> {
  if (!SLUG.test(slug)) return null;
  const source = await readFile(path.join(GUIDANCE_DIR, `${slug}.md`), "utf8").catch(() => null);
  const parts = source ? split(source) : null;
  if (!parts) return null;
  let data: unknown;
  try {
    data = load(parts.front);
  } catch {
    return null;
  }
  const front = FrontMatter.safeParse(data);
  if (!front.success) return null;
  // Our own files from the repository, so the HTML is trusted; the CSP forbids scripts in it anyway.
  const html = await marked.parse(parts.body, { gfm: true });
  return { slug, ...front.data, html };
}

export async function listGuidancePages(): Promise<Omit<GuidancePage, "html">[]> {
  const names = (await readdir(GUIDANCE_DIR).catch(() => [])).filter((name) => name.endsWith(".md")).sort();
  const pages = await Promise.all(names.map((name) => getGuidancePage(name.slice(0, -3))));
  return pages.flatMap((page) => (page ? [{ slug: page.slug, title: page.title, summary: page.summary }] : []));
}
