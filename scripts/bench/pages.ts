/**
 * Reading the HTML the benchmark gets back, as a browser would: the player's
 * form fields, and the JavaScript a page asks the browser to load.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export type PlayerPage = { path: string; step: string; choices: string[] };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name] ?? "");
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, value] of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) {
    if (name !== undefined && value !== undefined) found.set(name.toLowerCase(), unescapeHtml(value));
  }
  return found;
}

/** The step the form answers and the replies offered, or null when the page is not a player. */
export function readPlayerPage(pagePath: string, html: string): PlayerPage | null {
  let step: string | undefined;
  const choices: string[] = [];
  for (const [tag] of html.matchAll(/<(?:input|button)\b[^>]*>/g)) {
    const attrs = attributes(tag);
    if (attrs.get("name") === "step") step = attrs.get("value");
    if (attrs.get("name") === "choice" && attrs.has("value")) choices.push(attrs.get("value") ?? "");
  }
  return step !== undefined && choices.length > 0 ? { path: pagePath, step, choices } : null;
}

/**
 * Every same-origin script a page makes the browser fetch: <script src>,
 * <link rel="modulepreload">, and the modules that inline module scripts import
 * (Remix's entry point and route modules are imported that way).
 */
export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const attrs = attributes(tag);
    if (tag.startsWith("<script") && attrs.has("src")) urls.add(attrs.get("src") ?? "");
    if (tag.startsWith("<link") && attrs.get("rel") === "modulepreload" && attrs.has("href")) urls.add(attrs.get("href") ?? "");
  }
  for (const [, body = ""] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const [, specifier] of body.matchAll(/(?:\bimport\s*\(?\s*|\bfrom\s*)["']([^"']+\.js)["']/g)) {
      if (specifier) urls.add(specifier);
    }
  }
  return [...urls].filter((url) => url.startsWith("/") && !url.startsWith("//"));
}

export type ScriptWeight = { files: { url: string; gzipBytes: number }[]; missing: string[]; gzipBytes: number };

/** Gzipped size of each script, read from the build output rather than over HTTP. */
export function weighScripts(urls: string[], clientDir: string): ScriptWeight {
  const files: ScriptWeight["files"] = [];
  const missing: string[] = [];
  for (const url of urls) {
    const file = path.join(clientDir, decodeURIComponent(url.split("?")[0] ?? url));
    if (!file.startsWith(clientDir + path.sep) || !fs.existsSync(file)) {
      missing.push(url);
      continue;
    }
    files.push({ url, gzipBytes: gzipSync(fs.readFileSync(file), { level: 9 }).length });
  }
  return { files, missing, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}
