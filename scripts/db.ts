/**
 * Database tasks that wrap the Prisma CLI so it never tries to download its
 * native engines (see docs/decisions/001-foundation.md):
 *   generate | migrate | status | new-migration <name> | seed
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile, databaseUrl } from "./database-url";

export function prismaEnv(): NodeJS.ProcessEnv {
  // Any existing file will do: with the client engine and the WebAssembly
  // schema engine these are never executed, but without them the CLI downloads.
  const placeholder = path.join(os.tmpdir(), "heartwork-prisma-engine-placeholder");
  if (!fs.existsSync(placeholder)) fs.writeFileSync(placeholder, "");
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    PRISMA_DISABLE_WARNINGS: "1",
  };
}

export function prisma(args: string[], options: { quiet?: boolean } = {}): string {
  const bin = path.join("node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: prismaEnv(),
    encoding: "utf8",
    stdio: options.quiet ? "pipe" : ["ignore", "pipe", "inherit"],
  });
  if (result.status !== 0) {
    if (options.quiet) process.stderr.write(result.stderr ?? "");
    process.stderr.write(result.stdout ?? "");
    throw new Error(`prisma ${args.join(" ")} failed (exit ${result.status})`);
  }
  return result.stdout ?? "";
}

export function migrate(): void {
  const url = databaseUrl();
  prisma(["migrate", "deploy"], { quiet: true });
  // Write-ahead logging lets pages be read while a form is being saved; it is a
  // property of the file, so setting it once here is enough.
  const database = new Database(databaseFile(url));
  database.pragma("journal_mode = WAL");
  database.close();
}

function newMigration(name: string | undefined): void {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error("Give the migration a name in lower case with underscores, for example add_reflections");
  }
  const migrationsDir = path.join("prisma", "migrations");
  // With a driver adapter the CLI has no shadow database, so: apply the migrations so
  // far to a scratch database, read its schema back, and diff that with schema.prisma.
  const scratch = path.join(os.tmpdir(), `heartwork-scratch-${process.pid}.db`);
  const pulled = path.join(os.tmpdir(), `heartwork-scratch-${process.pid}.prisma`);
  const previousUrl = process.env.DATABASE_URL;
  try {
    fs.rmSync(scratch, { force: true });
    process.env.DATABASE_URL = `file:${scratch}`;
    prisma(["migrate", "deploy"], { quiet: true });
    const printed = prisma(["db", "pull", "--print"], { quiet: true });
    fs.writeFileSync(pulled, printed.slice(Math.max(0, printed.search(/^(generator|datasource) /m))));
    const sql = prisma([
      "migrate",
      "diff",
      "--from-schema-datamodel",
      pulled,
      "--to-schema-datamodel",
      path.join("prisma", "schema.prisma"),
      "--script",
    ]);
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log("The schema matches the migrations: nothing to do.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.join(dir, "migration.sql")}`);
  } finally {
    process.env.DATABASE_URL = previousUrl;
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    fs.rmSync(scratch, { force: true });
    fs.rmSync(pulled, { force: true });
  }
}

async function main(): Promise<void> {
  const [task, ...rest] = process.argv.slice(2);
  switch (task) {
    case "generate":
      prisma(["generate"], { quiet: true });
      return;
    case "migrate":
      migrate();
      return;
    case "status":
      console.log(prisma(["migrate", "status"]));
      return;
    case "new-migration":
      newMigration(rest[0]);
      return;
    case "seed": {
      migrate();
      // The demo's practice runs are plays of the library's scenarios, so the library comes first.
      const { syncScenarioLibrary } = await import("../app/services/scenario-library.server");
      await syncScenarioLibrary();
      const { seedDemo } = await import("../prisma/seed");
      const outcome = await seedDemo();
      console.log(outcome);
      return;
    }
    default:
      throw new Error(`Unknown task "${task ?? ""}". Use generate, migrate, status, new-migration or seed.`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
