/** `npm run dev`: the app through Vite, with hot reload, on the prepared database. */
import type { ServerBuild } from "@remix-run/node";
import { createServer } from "vite";
import { EnvError, getEnv } from "../app/services/env.server";
import { createApp } from "../server/app";
import { prepareDatabase } from "./prepare-database";

async function main(): Promise<void> {
  const env = getEnv();
  await prepareDatabase();
  const vite = await createServer({ server: { middlewareMode: true } });
  const app = createApp({
    build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
    isProduction: false,
    trustProxy: env.TRUST_PROXY,
    vite,
  });
  app.listen(env.PORT, () => console.log(`Heartwork (development) at http://localhost:${env.PORT}`));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : error);
  process.exit(1);
});
