import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import { buildIfStale } from "../../scripts/build-if-stale";

export const TMP_DIR = path.resolve("tests", ".tmp");

/**
 * Once per run: build the app if it changed, and make a migrated, seeded SQLite
 * template that each integration test file copies for itself.
 */
export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  buildIfStale({ quiet: true });
  const template = path.join(TMP_DIR, `template-${process.pid}.db`);
  fs.rmSync(template, { force: true });
  process.env.DATABASE_URL = `file:${template}`;
  process.env.SEED_DEMO = "true";
  const { prepareDatabase } = await import("../../scripts/prepare-database");
  await prepareDatabase();
  // Fold the write-ahead log into the file, so a plain copy of it holds everything.
  await globalThis.__heartworkPrisma?.$disconnect();
  const database = new Database(template);
  database.pragma("wal_checkpoint(TRUNCATE)");
  database.close();
  project.provide("templateDatabase", template);
  return () => {
    for (const file of fs.readdirSync(TMP_DIR)) {
      if (file.includes(`-${process.pid}`)) fs.rmSync(path.join(TMP_DIR, file), { force: true });
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
