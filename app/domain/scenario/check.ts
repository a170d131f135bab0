import type { z } from "zod";
import { describeIssue } from "./issues";
import { createLocator, createPositions } from "./locate";
import { ModelError, modelOf } from "./model";
import { compareProblems, type Problem } from "./problem";
import { checkReferences, type CheckContext } from "./references";
import { Report } from "./report";
import { checkRuns, DEFAULT_STATE_LIMIT, type Summary } from "./runs";
import { scenarioSchema, skillVocabularySchema, type Scenario, type Skill } from "./schema";
import { checkPlaceholders } from "./placeholders";
import { checkVoice, familyReadingEase } from "./voice";
import { checkWarnings } from "./warnings";
import type { ReadingEase } from "../wording";
import { parseYaml } from "./yaml";

/**
 * The checker: YAML, then the schema, then references, then how the scenario plays.
 * Each stage runs only when the one before found no errors, because its findings
 * would rest on guesses. Warnings about wording need only a valid schema.
 * It never throws: anything unexpected becomes a located "internal" problem.
 */
export type CheckResult = {
  /** Present only when there are no errors. */
  scenario?: Scenario;
  /**
   * Present when the file matches the schema, even if later checks found errors (a broken
   * reference, an unreachable node, a dead end): enough for the studio to draw and mark a map.
   */
  parsed?: Scenario;
  problems: Problem[];
  /** Present when the run analysis could be done. */
  summary?: Summary;
  /** How easy the family's lines are to read; present when the schema is valid and the family speaks. */
  readability?: ReadingEase;
};

export type CheckOptions = {
  /** How many run states to explore exactly before falling back to intervals. */
  stateLimit?: number;
};

export function checkScenarioSource(
  source: string,
  fileName: string,
  context: CheckContext,
  options: CheckOptions = {},
): CheckResult {
  try {
    return check(source, fileName, context, options);
  } catch (error) {
    return { problems: [internalProblem(fileName, error)] };
  }
}

function check(source: string, fileName: string, context: CheckContext, options: CheckOptions): CheckResult {
  const loaded = loadYaml(source, fileName, scenarioSchema);
  if (!loaded.ok) return { problems: loaded.problems };
  const { data: scenario, report } = loaded;

  checkReferences(scenario, fileName, context, report);
  checkWarnings(scenario, report);
  checkPlaceholders(scenario, report);
  checkVoice(scenario, report);
  const readability = familyReadingEase(scenario) ?? undefined;
  let summary: Summary | undefined;
  if (!report.hasErrors) {
    try {
      summary = checkRuns(modelOf(scenario), report, options.stateLimit ?? DEFAULT_STATE_LIMIT);
    } catch (error) {
      // The references above should make this impossible; report it rather than crash.
      if (!(error instanceof ModelError)) throw error;
      report.error("internal", [], `the checker could not build the scenario: ${error.message}`);
    }
  }
  const problems = [...report.problems].sort(compareProblems);
  return { scenario: report.hasErrors ? undefined : scenario, parsed: scenario, problems, summary, readability };
}

/** scenarios/skills.yaml: the controlled vocabulary, with located problems. */
export function checkSkillsSource(source: string, fileName: string): { skills?: Skill[]; problems: Problem[] } {
  try {
    const loaded = loadYaml(source, fileName, skillVocabularySchema);
    if (!loaded.ok) return { problems: loaded.problems };
    const seen = new Set<string>();
    loaded.data.skills.forEach((skill, i) => {
      if (seen.has(skill.id))
        loaded.report.error("duplicate-id", ["skills", i, "id"], `another skill has the id "${skill.id}"`);
      seen.add(skill.id);
    });
    const problems = loaded.report.problems;
    return { skills: loaded.report.hasErrors ? undefined : loaded.data.skills, problems };
  } catch (error) {
    return { problems: [internalProblem(fileName, error)] };
  }
}

type Loaded<T> = { ok: true; data: T; report: Report } | { ok: false; problems: Problem[] };

function loadYaml<T>(source: string, fileName: string, schema: z.ZodType<T>): Loaded<T> {
  const yaml = parseYaml(source);
  const report = new Report(fileName, createLocator(source, yaml.tree));
  const position = createPositions(source);
  // js-yaml stops at the first syntax error, so later complaints cannot be echoes of it.
  const yamlProblems = [...(yaml.ok ? [] : [yaml.error]), ...yaml.warnings].map(
    ({ offset, severity, message }): Problem => ({
      file: fileName,
      ...position(offset),
      severity,
      code: "yaml-syntax",
      message,
    }),
  );
  if (!yaml.ok) return { ok: false, problems: yamlProblems.sort(compareProblems) };
  report.problems.push(...yamlProblems);

  const raw = yaml.value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const described of describeIssue(issue, raw)) {
        report.error("schema", described.path, described.message, { key: described.at === "key" });
      }
    }
    return { ok: false, problems: report.problems.sort(compareProblems) };
  }
  return { ok: true, data: parsed.data, report };
}

function internalProblem(fileName: string, error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    file: fileName,
    line: 1,
    column: 1,
    severity: "error",
    code: "internal",
    message: `the checker failed unexpectedly (${detail}); please report this`,
  };
}
