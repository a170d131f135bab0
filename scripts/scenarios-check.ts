/**
 * npm run scenarios:check [files...]
 * Checks scenario files (all of scenarios/ by default), printing each problem as
 * `path:line:column: error|warning: message` and a summary per scenario.
 * Exits 1 when any file has an error.
 */
import { readFile } from "node:fs/promises";
import { checkScenarioSource, formatProblem, formatSummary } from "~/domain/scenario";
import { loadCheckContext, scenarioFiles } from "~/services/scenario-library.server";

async function main(): Promise<number> {
  const { context, problems } = await loadCheckContext();
  for (const line of problems) console.log(line);
  if (!context) return 1;
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args : await scenarioFiles();
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    let source: string;
    try {
      source = await readFile(file, "utf8");
    } catch (error) {
      console.log(
        `${file}:1:1: error: cannot read the file (${error instanceof Error ? error.message : String(error)})`,
      );
      errors += 1;
      continue;
    }
    const result = checkScenarioSource(source, file, context);
    for (const problem of result.problems) {
      console.log(formatProblem(problem));
      if (problem.severity === "error") errors += 1;
      else warnings += 1;
    }
    if (result.summary) console.log(formatSummary(file, result.summary, result.readability));
    else if (result.readability)
      console.log(`${file}: family lines' reading ease ${result.readability.score.toFixed(1)}`);
  }
  console.log(`${files.length} scenario file(s): ${errors} error(s), ${warnings} warning(s)`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = await main();
