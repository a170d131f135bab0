/** A located finding of the checker: the file, 1-based line and column, and plain words. */
export type Severity = "error" | "warning";

export type ProblemCode =
  | "yaml-syntax"
  | "schema"
  | "file-name"
  | "condition-syntax"
  | "unknown-node"
  | "unknown-meter"
  | "unknown-persona"
  | "duplicate-id"
  | "unknown-skill"
  | "missing-guidance"
  | "unreachable-node"
  | "unreachable-ending"
  | "dead-end"
  | "inescapable-loop"
  | "missing-note"
  | "meter-never-changed"
  | "meter-never-read"
  | "duplicate-words"
  | "long-line"
  | "choice-never-available"
  | "placeholder"
  | "blaming-language"
  | "internal";

export type Problem = {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: ProblemCode;
  message: string;
};

/** The form editors and CI understand: `path:line:column: error|warning: message`. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`;
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.line - b.line || a.column - b.column || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1);
}
