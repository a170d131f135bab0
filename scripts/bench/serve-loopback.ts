/**
 * The built app for the practice benchmark, bound to 127.0.0.1 on a port the
 * system chooses, which it reports to the parent over IPC: a benchmark must not
 * open the app to the network, nor race another program for a "free" port.
 */
import { serveBuild } from "../../server/index";

export type ServerReady = { kind: "listening"; port: number };

await serveBuild({
  host: "127.0.0.1",
  port: 0,
  onListening: (port) => process.send?.({ kind: "listening", port } satisfies ServerReady),
});
