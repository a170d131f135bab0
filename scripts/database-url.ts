import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/heartwork.db";

/** The SQLite URL from DATABASE_URL, or the embedded default; makes the folder exist. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const file = databaseFile(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return url;
}

/** The file path inside a `file:` URL (query string dropped). */
export function databaseFile(url: string): string {
  const withoutScheme = url.startsWith("file:") ? url.slice("file:".length) : url;
  return withoutScheme.split("?")[0] ?? withoutScheme;
}
