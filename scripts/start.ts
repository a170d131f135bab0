/**
 * `npm start`: build if the app changed since the last build, prepare the
 * database, and serve. Everything a fresh clone needs after `npm ci`.
 */
import { EnvError, getEnv } from "../app/services/env.server";
import { serveBuild } from "../server/index";
import { buildIfStale } from "./build-if-stale";
import { prepareDatabase } from "./prepare-database";

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
