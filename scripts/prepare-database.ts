import { getEnv } from "../app/services/env.server";
import { migrate } from "./db";

/** Applies migrations, loads the scenario library, then seeds the demo organisations when asked and not yet there. */
export async function prepareDatabase(): Promise<void> {
  const env = getEnv();
  process.env.DATABASE_URL = env.DATABASE_URL;
  migrate();
  // The library first: the demo's practice runs are plays of its scenarios.
  await loadScenarioLibrary();
  if (env.SEED_DEMO) {
    const { seedDemo } = await import("../prisma/seed");
    const outcome = await seedDemo();
    if (outcome === "seeded") console.log("Added the demo organisations (see the README for the accounts).");
  }
}

/** Loads scenarios/ into the database; a broken file is skipped and reported, never fatal. */
async function loadScenarioLibrary(): Promise<void> {
  const { syncScenarioLibrary } = await import("../app/services/scenario-library.server");
  const report = await syncScenarioLibrary();
  if (report.newVersions.length)
    console.log(`Scenario library: ${report.newVersions.length} new or changed file(s) loaded.`);
  for (const entry of report.broken) {
    console.warn(`Scenario library: skipped ${entry.fileName}, which has problems:`);
    for (const line of entry.problems) console.warn(`  ${line}`);
  }
}
