/**
 * npm run scenarios:import-twee story.twee [-- --id some-id] [-- --out path.yaml] [-- --force]
 * Converts a Twine story (Twee 3) into a draft scenario file, lists everything it
 * could not carry over, then checks the draft so the trainer sees what is left to do.
 */
import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkScenarioSource, formatProblem, importTwee } from "~/domain/scenario";
import { DEFAULT_LIBRARY_PATHS, loadCheckContext } from "~/services/scenario-library.server";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { id: { type: "string" }, out: { type: "string" }, force: { type: "boolean", default: false } },
  });
  const input = positionals[0];
  if (!input || positionals.length > 1) {
    console.error("usage: npm run scenarios:import-twee story.twee [-- --id some-id --out file.yaml --force]");
    return 1;
  }
  const source = await readFile(input, "utf8");
  // The id must match the file name, so an --out file name also gives the id.
  const id = values.id ?? (values.out ? path.basename(values.out).replace(/\.ya?ml$/, "") : undefined);
  const imported = importTwee(source, { id });
  const out = values.out ?? path.join(DEFAULT_LIBRARY_PATHS.scenariosDir, `${imported.scenario.id}.yaml`);
  if (
    !values.force &&
    (await access(out).then(
      () => true,
      () => false,
    ))
  ) {
    console.error(`${out} already exists; pass --force to replace it`);
    return 1;
  }
  await writeFile(out, imported.yaml);
  console.log(`wrote ${out} from ${input}`);
  for (const note of imported.notes) console.log(`${input}:${note.line}: note: ${note.message}`);

  const { context, problems } = await loadCheckContext();
  for (const line of problems) console.log(line);
  if (!context) return 1;
  const result = checkScenarioSource(imported.yaml, out, context);
  for (const problem of result.problems) console.log(formatProblem(problem));
  const errors = result.problems.filter((p) => p.severity === "error").length;
  console.log(
    errors === 0 ? `${out} passes the checker` : `${out}: ${errors} error(s) to fix before the app will load it`,
  );
  return 0;
}

process.exitCode = await main();
