import { getEnv } from "../app/services/env.server";
import { migrate } from "./db";

/** Applies migrations, then seeds the demo organisations when asked and not yet there. */
export async function prepareDatabase(): Promise<void> {
  const env = getEnv();
  process.env.DATABASE_URL = env.DATABASE_URL;
  migrate();
  if (!env.SEED_DEMO) return;
  const { seedDemo } = await import("../prisma/seed");
  const outcome = await seedDemo();
  if (outcome === "seeded") console.log("Added the demo organisations (see the README for the accounts).");
}
