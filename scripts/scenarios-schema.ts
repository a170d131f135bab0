/**
 * npm run scenarios:schema [-- --check]
 * Writes scenarios/scenario.schema.json from the zod schema, so editors can
 * autocomplete and validate scenario files. With --check, fails if it is out of date.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { scenarioSchema } from "~/domain/scenario";
import { DEFAULT_LIBRARY_PATHS } from "~/services/scenario-library.server";

const target = path.join(DEFAULT_LIBRARY_PATHS.scenariosDir, "scenario.schema.json");
const schema = {
  ...z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" }),
  title: "Heartwork scenario",
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes("--check")) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    console.error(`${target} is out of date: run npm run scenarios:schema`);
    process.exitCode = 1;
  } else {
    console.log(`${target} is up to date`);
  }
} else {
  await writeFile(target, text);
  console.log(`wrote ${target}`);
}
