/**
 * `npm run bench:start`: cold start time, from `npm start` on an empty
 * database until /healthz answers 200. Measured twice: with no build (as on a
 * fresh clone) and with the build already there (a restart). Prints JSON too.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const TIMEOUT_MS = 180_000;

async function waitForHealth(port: number, started: number): Promise<number> {
  while (Date.now() - started < TIMEOUT_MS) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("The app did not answer /healthz in time.");
}

async function coldStart(label: string, removeBuild: boolean, port: number): Promise<{ label: string; ms: number }> {
  if (removeBuild) fs.rmSync("build", { recursive: true, force: true });
  const database = path.join(os.tmpdir(), `heartwork-bench-${process.pid}-${Date.now()}.db`);
  const started = Date.now();
  const child = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${database}`, SEED_DEMO: "true" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    const ms = await waitForHealth(port, started);
    return { label, ms };
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    fs.rmSync(database, { force: true });
  }
}

const results = [
  await coldStart("fresh clone (build + migrate + seed + serve)", true, 3210),
  await coldStart("restart on a new empty database (migrate + seed + serve)", false, 3211),
];
for (const result of results) console.log(`${result.label}: ${(result.ms / 1000).toFixed(2)} s`);
console.log(JSON.stringify(results));
