/**
 * `npm start`: build if the app changed since the last build, prepare the
 * database, and serve. Everything a fresh clone needs after `npm ci`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EnvError, getEnv } from "../app/services/env.server";
import { serveBuild } from "../server/index";
import { prepareDatabase } from "./prepare-database";

const BUILD_OUTPUT = path.join("build", "server", "index.js");
const BUILD_INPUTS = ["app", "vite.config.ts", "package-lock.json", "content"];

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((newest, child) => Math.max(newest, newestChange(path.join(entry, child))), stat.mtimeMs);
}

function buildIfStale(): void {
  const built = fs.existsSync(BUILD_OUTPUT) ? fs.statSync(BUILD_OUTPUT).mtimeMs : 0;
  const changed = Math.max(...BUILD_INPUTS.map(newestChange));
  if (built > changed) return;
  console.log("Building Heartwork…");
  const result = spawnSync(process.execPath, [path.join("node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
}

async function main(): Promise<void> {
  getEnv();
  buildIfStale();
  await prepareDatabase();
  await serveBuild();
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : error);
  process.exit(1);
});
