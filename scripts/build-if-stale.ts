import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BUILD_OUTPUT = path.join("build", "server", "index.js");
const BUILD_INPUTS = ["app", "public", "vite.config.ts", "package-lock.json", "content", "tsconfig.json"];

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((newest, child) => Math.max(newest, newestChange(path.join(entry, child))), stat.mtimeMs);
}

/** Builds the app unless build/ is newer than every file it is made from. */
export function buildIfStale(options: { quiet?: boolean } = {}): "built" | "up to date" {
  const built = fs.existsSync(BUILD_OUTPUT) ? fs.statSync(BUILD_OUTPUT).mtimeMs : 0;
  const changed = Math.max(...BUILD_INPUTS.map(newestChange));
  if (built > changed) return "up to date";
  if (!options.quiet) console.log("Building Heartwork…");
  const cli = path.join("node_modules", "@remix-run", "dev", "dist", "cli.js");
  // Always a production build, even when a test run asks for it (vitest sets NODE_ENV=test).
  const result = spawnSync(process.execPath, [cli, "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
  return "built";
}
