import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, getEnv } from "../app/services/env.server";
import { createApp } from "./app";

export type ServeOptions = {
  /** Default: every interface, as a server should. A benchmark binds 127.0.0.1 only. */
  host?: string;
  /** Default: PORT. 0 lets the system choose a free one. */
  port?: number;
  onListening?: (port: number) => void;
};

/** Serves the built app (build/) until the process is told to stop. */
export async function serveBuild(options: ServeOptions = {}): Promise<void> {
  const env = getEnv();
  // MOCKS=true answers outside APIs (the AI provider) from the msw handlers in tests/mocks/, so the
  // whole product can be shown and tested offline. msw is a development dependency: imported only then.
  if (env.MOCKS) (await import("../tests/mocks/node")).startMocks();
  const buildPath = path.resolve("build", "server", "index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp({
    build,
    isProduction: env.isProduction,
    trustProxy: env.TRUST_PROXY,
    clientDir: path.resolve("build", "client"),
  });
  const listening = () => {
    const { port } = server.address() as AddressInfo;
    if (options.onListening) options.onListening(port);
    else console.log(`Heartwork is ready at http://localhost:${port}`);
  };
  const port = options.port ?? env.PORT;
  const server = options.host ? app.listen(port, options.host, listening) : app.listen(port, listening);
  // Own-words transcripts are deleted once older than their organisation's retention setting:
  // at start and every six hours after.
  const purge = () =>
    import("../app/models/roleplay.server")
      .then(({ purgeExpiredTranscripts }) => purgeExpiredTranscripts(new Date()))
      .then((count) => {
        if (count > 0) console.log(`Deleted ${count} own-words transcript turn(s) past their retention period.`);
      })
      .catch((error: unknown) => console.error("Could not delete old transcripts:", error));
  void purge();
  const purging = setInterval(() => void purge(), 6 * 60 * 60 * 1000);
  purging.unref();
  const stop = () => {
    clearInterval(purging);
    server.close(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  // Started by another process (a benchmark): never linger once it has gone.
  if (process.send) process.once("disconnect", stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  serveBuild().catch((error: unknown) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  });
}
