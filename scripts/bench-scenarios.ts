/**
 * npm run bench:scenarios
 * Budgets: check a generated scenario of 2,000 nodes and 6,000 choices (about 2.2 MB
 * of YAML) from its source text in under 200 ms; one engine step under 20 µs on
 * average over a long random walk. Prints the figures, with the checker's time split
 * by stage. The YAML is written by the yaml package, as a trainer's editor might.
 */
import { stringify } from "yaml";
import { checkScenarioSource, choicesAt, choose, scenarioSchema, start, type PlayState } from "~/domain/scenario";
import { modelOf } from "~/domain/scenario/model";
import { checkReferences } from "~/domain/scenario/references";
import { Report } from "~/domain/scenario/report";
import { checkRuns } from "~/domain/scenario/runs";
import { checkWarnings } from "~/domain/scenario/warnings";
import { createLocator } from "~/domain/scenario/locate";
import { parseYaml } from "~/domain/scenario/yaml";
import { CHOICES, generateScenario, NODES, random, SKILLS } from "./scenario-generator";

const context = { skills: [...SKILLS], guidancePages: ["agreeing-next-steps"] };

function time<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function benchChecker(): boolean {
  const source = stringify(generateScenario());
  const stages = {
    yaml: [] as number[],
    schema: [] as number[],
    references: [] as number[],
    runs: [] as number[],
    total: [] as number[],
  };
  let analysis = "";
  for (let round = 0; round < 7; round += 1) {
    const [result, total] = time(() => checkScenarioSource(source, "generated.yaml", context));
    const error = result.problems.find((p) => p.severity === "error");
    if (error) throw new Error(`generated scenario has errors: ${error.message}`);
    analysis = result.summary?.analysis ?? "";
    const [parsed, yaml] = time(() => parseYaml(source));
    if (!parsed.ok) throw new Error(`generated scenario does not parse: ${parsed.error.message}`);
    const raw = parsed.value;
    const [scenario, schema] = time(() => scenarioSchema.parse(raw));
    const report = new Report("generated.yaml", createLocator(source, parsed.tree));
    const [, references] = time(() => {
      checkReferences(scenario, "generated.yaml", context, report);
      checkWarnings(scenario, report);
    });
    const [, runs] = time(() => checkRuns(modelOf(scenario), report));
    stages.yaml.push(yaml);
    stages.schema.push(schema);
    stages.references.push(references);
    stages.runs.push(runs);
    stages.total.push(total);
  }
  const whole = median(stages.total);
  console.log(
    `checker: ${NODES} nodes, ${CHOICES} choices, ${(source.length / 1024).toFixed(0)} KiB of YAML (median of 7)`,
  );
  console.log(`  YAML parsing (js-yaml, with positions): ${median(stages.yaml).toFixed(1)} ms`);
  console.log(`  schema (zod):                           ${median(stages.schema).toFixed(1)} ms`);
  console.log(`  references and warnings:                ${median(stages.references).toFixed(1)} ms`);
  console.log(`  run analysis (${analysis}):`.padEnd(42) + `${median(stages.runs).toFixed(1)} ms`);
  console.log(`  checkScenarioSource, from source text:  ${whole.toFixed(1)} ms (budget 200 ms)`);
  return whole < 200;
}

function benchEngine(): boolean {
  const scenario = scenarioSchema.parse(generateScenario());
  const rand = random(7);
  const steps = 200_000;
  let state: PlayState = start(scenario);
  let restarts = 0;
  const [, elapsed] = time(() => {
    for (let step = 0; step < steps; step += 1) {
      const choices = choicesAt(scenario, state);
      if (choices.length === 0) {
        state = start(scenario);
        restarts += 1;
        continue;
      }
      const result = choose(scenario, state, choices[Math.floor(rand() * choices.length)]!.id);
      if (!result.ok) throw new Error(result.error.message);
      state = result.state;
    }
  });
  const perStep = (elapsed * 1000) / steps;
  console.log(`engine: ${steps.toLocaleString("en-GB")} steps (choicesAt + choose), ${restarts} restarts`);
  console.log(`  ${perStep.toFixed(2)} µs per step on average (budget 20 µs)`);
  return perStep < 20;
}

/** Without visited() the exact walk is tried first and gives up at its state limit: the worst case. */
function benchWorstCaseAnalysis(): boolean {
  const scenario = scenarioSchema.parse(generateScenario(1, { useVisited: false }));
  const report = new Report("generated.yaml", { value: origin, key: origin, inside: origin });
  const runs: number[] = [];
  let analysis = "";
  for (let round = 0; round < 7; round += 1) {
    const [summary, elapsed] = time(() => checkRuns(modelOf(scenario), report));
    analysis = summary.analysis;
    runs.push(elapsed);
  }
  console.log(`  run analysis, worst case (exact walk to its limit, then ${analysis}): ${median(runs).toFixed(1)} ms`);
  return median(runs) < 120;
}

function origin() {
  return { line: 1, column: 1 };
}

const checkerOk = benchChecker() && benchWorstCaseAnalysis();
const engineOk = benchEngine();
if (!checkerOk || !engineOk) {
  console.log("over budget");
  process.exitCode = 1;
}
