import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, getEnv } from "../app/services/env.server";
import { createApp } from "./app";

/** Serves the built app (build/) until the process is told to stop. */
export async function serveBuild(): Promise<void> {
  const env = getEnv();
  const buildPath = path.resolve("build", "server", "index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp({
    build,
    isProduction: env.isProduction,
    trustProxy: env.TRUST_PROXY,
    clientDir: path.resolve("build", "client"),
  });
  const server = app.listen(env.PORT, () => {
    console.log(`Heartwork is ready at http://localhost:${env.PORT}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  serveBuild().catch((error: unknown) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  });
}
