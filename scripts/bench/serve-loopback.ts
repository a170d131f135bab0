/**
 * The built app for the practice benchmark: the same Express app as
 * server/index.ts, but bound to 127.0.0.1 on a port the system chooses, which it
 * reports to the parent over IPC. server/index.ts listens on every interface and
 * on a port chosen beforehand; a benchmark must not open the app to the network,
 * nor race another program for a "free" port.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getEnv } from "../../app/services/env.server";
import { createApp } from "../../server/app";

export type ServerReady = { kind: "listening"; port: number };

const env = getEnv();
const build = (await import(pathToFileURL(path.resolve("build", "server", "index.js")).href)) as ServerBuild;
const app = createApp({
  build,
  isProduction: env.isProduction,
  trustProxy: env.TRUST_PROXY,
  clientDir: path.resolve("build", "client"),
});
const server = app.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  const ready: ServerReady = { kind: "listening", port };
  process.send?.(ready);
});
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
// Without its parent the benchmark is over: never linger as an orphan.
process.once("disconnect", stop);
