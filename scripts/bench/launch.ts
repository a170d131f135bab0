import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ServerReady } from "./serve-loopback";

const START_TIMEOUT_MS = 60_000;

/**
 * The built app in a child process on 127.0.0.1 (scripts/bench/serve-loopback.ts), as deployed
 * (production renderer), on a database of the benchmark's own; resolves with its port once it
 * listens. `env` adds or overrides variables (an AI provider, say); `nodeArgs` go to node itself
 * (Node refuses --cpu-prof in NODE_OPTIONS).
 */
export function launchApp(options: { databaseUrl: string; env?: Record<string, string>; nodeArgs?: string[] }): {
  child: ChildProcess;
  port: Promise<number>;
} {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", path.join("scripts", "bench", "serve-loopback.ts")],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: options.databaseUrl,
        SESSION_SECRET: randomBytes(32).toString("hex"),
        // Lets each simulated person carry its own address, so per-address limits see many people.
        TRUST_PROXY: "true",
        SEED_DEMO: "false",
        ...options.env,
      },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    },
  );
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The app did not start listening in time.")), START_TIMEOUT_MS);
    child.once("message", (message: ServerReady) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The app stopped before it was ready (exit ${code}).`));
    });
  });
  return { child, port };
}
