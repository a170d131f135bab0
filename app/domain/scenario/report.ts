import type { Locator, Path } from "./locate";
import type { Problem, ProblemCode, Severity } from "./problem";

/** Collects problems for one file, turning data paths into lines and columns. */
export class Report {
  readonly problems: Problem[] = [];

  constructor(
    private readonly file: string,
    private readonly locator: Locator,
  ) {}

  error(code: ProblemCode, path: Path, message: string, where?: Where): void {
    this.add("error", code, path, message, where);
  }

  warning(code: ProblemCode, path: Path, message: string, where?: Where): void {
    this.add("warning", code, path, message, where);
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === "error");
  }

  private add(severity: Severity, code: ProblemCode, path: Path, message: string, where: Where = {}): void {
    const position =
      where.offset !== undefined
        ? this.locator.inside(path, where.offset)
        : where.key
          ? this.locator.key(path)
          : this.locator.value(path);
    this.problems.push({ file: this.file, ...position, severity, code, message });
  }
}

/** Point at a character inside a text value, or at a key rather than its value. */
export type Where = { offset?: number; key?: boolean };
