/**
 * npm run scenarios:format [-- --write] [files...]
 * Lists the scenario files (all of scenarios/ by default) that are not in the canonical
 * layout `scenarioToYaml` writes, and exits 1 if there are any; with --write, rewrites
 * them instead. Each file keeps its leading comment block. A file that does not pass the
 * checker, or has comments below that block (which the layout cannot keep), is left alone
 * and reported.
 */
import { readFile, writeFile } from "node:fs/promises";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { CST, Lexer } from "yaml";
import { checkScenarioSource, scenarioHeader, scenarioToYaml, type CheckContext } from "~/domain/scenario";
import { loadCheckContext, scenarioFiles } from "~/services/scenario-library.server";

type Outcome = { file: string; formatted?: string; problem?: string };

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { write: { type: "boolean", default: false } },
  });
  const { context, problems } = await loadCheckContext();
  for (const line of problems) console.log(line);
  if (!context) return 1;

  const files = positionals.length > 0 ? positionals : await scenarioFiles();
  let failed = 0;
  const changed: string[] = [];
  for (const file of files) {
    const outcome = await format(file, context);
    if (outcome.problem !== undefined) {
      console.log(`${file}: ${outcome.problem}`);
      failed += 1;
    } else if (outcome.formatted !== undefined) {
      changed.push(file);
      if (values.write) await writeFile(file, outcome.formatted);
      console.log(values.write ? `formatted ${file}` : file);
    }
  }

  const verb = values.write ? "rewritten" : "not in canonical form";
  console.log(`${files.length} scenario file(s): ${changed.length} ${verb}, ${failed} left alone`);
  if (!values.write && changed.length > 0) console.log("run npm run scenarios:format -- --write [files...] to fix");
  return failed > 0 || (!values.write && changed.length > 0) ? 1 : 0;
}

/** The canonical text of a file when it differs from the file, or why it cannot be formatted. */
async function format(file: string, context: CheckContext): Promise<Outcome> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    return { file, problem: `cannot read the file (${error instanceof Error ? error.message : String(error)})` };
  }
  const { scenario } = checkScenarioSource(source, file, context);
  if (!scenario) return { file, problem: `does not pass the checker; run npm run scenarios:check ${file}` };
  const comment = commentAfterHeader(source);
  if (comment !== undefined) {
    return {
      file,
      problem: `line ${comment} has a comment that formatting would drop; move it to the top or remove it`,
    };
  }
  const formatted = scenarioToYaml(scenario, { header: scenarioHeader(source) });
  if (formatted === source) return { file };
  // The exporter is tested to round-trip, but never write a file that would read differently.
  const reread = checkScenarioSource(formatted, file, context).scenario;
  if (!isDeepStrictEqual(reread, scenario))
    return { file, problem: "internal error: the formatted file reads differently" };
  return { file, formatted };
}

/** The line of the first comment below the leading comment block, if there is one. */
function commentAfterHeader(source: string): number | undefined {
  let line = 1;
  let inBody = false;
  for (const token of new Lexer().lex(source)) {
    if (token === CST.DOCUMENT) inBody = true;
    else if (inBody && token.startsWith("#")) return line;
    line += token.split("\n").length - 1;
  }
  return undefined;
}

process.exitCode = await main();
