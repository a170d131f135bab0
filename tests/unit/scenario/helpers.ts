import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkScenarioSource, type CheckOptions, type Problem, type Scenario } from "~/domain/scenario";

export const FIXTURES = path.join("tests", "fixtures", "scenarios");
export const fixtureContext = { skills: ["listening", "empathy"], guidancePages: ["a-page"] };

export function fixturePath(name: string): string {
  return path.join(FIXTURES, `${name}.yaml`);
}

export function checkFixture(name: string, options?: CheckOptions) {
  const file = fixturePath(name);
  return checkScenarioSource(readFileSync(file, "utf8"), file, fixtureContext, options);
}

/** Problems as `line:column severity code`, the shape the tests assert exactly. */
export function located(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code}`);
}

/** A fixture that must pass the checker; fails the test with the problems otherwise. */
export function loadFixture(name: string): Scenario {
  const result = checkFixture(name);
  if (!result.scenario) throw new Error(`${name} does not pass: ${result.problems.map((p) => p.message).join("; ")}`);
  return result.scenario;
}

/** The library's real context: skills.yaml and the guidance pages. */
export function libraryContext() {
  const skills = [
    ...readFileSync(path.join("scenarios", "skills.yaml"), "utf8").matchAll(/^ {2}- id: ([a-z-]+)$/gm),
  ].map((m) => m[1]!);
  const guidancePages = readdirSync(path.join("content", "guidance"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3));
  return { skills, guidancePages };
}

export function libraryFiles(): string[] {
  return readdirSync("scenarios")
    .filter((f) => /\.ya?ml$/.test(f) && f !== "skills.yaml")
    .map((f) => path.join("scenarios", f));
}

export function loadLibrary(): Array<{ file: string; source: string; scenario: Scenario }> {
  const context = libraryContext();
  return libraryFiles().map((file) => {
    const source = readFileSync(file, "utf8");
    const result = checkScenarioSource(source, file, context);
    if (!result.scenario) throw new Error(`${file} does not pass the checker`);
    return { file, source, scenario: result.scenario };
  });
}
