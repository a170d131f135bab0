import type { Path } from "./locate";
import type { Report } from "./report";
import type { Scenario } from "./schema";

/**
 * What the Twine import writes where a trainer still has to write something.
 * The checker refuses a file that keeps one, so an unfinished import can never
 * reach the library and be played with "TODO" in a parent's mouth.
 */
export const PLACEHOLDER = "TODO:";

export function placeholder(what: string): string {
  return `${PLACEHOLDER} ${what}`;
}

export function checkPlaceholders(scenario: Scenario, report: Report): void {
  const visit = (value: unknown, path: Path): void => {
    if (typeof value === "string") {
      if (value.trimStart().startsWith(PLACEHOLDER)) {
        report.error("placeholder", path, `still a placeholder from an import ("${value}"): write it before the scenario can be used`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(scenario, []);
}
