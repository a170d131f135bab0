import type { FullResult, Reporter, Suite, TestCase } from "@playwright/test/reporter";

/**
 * On CI, after the list reporter's detail: one plain line a log search can find,
 * e.g. "e2e: 16 passed, 0 failed, 0 flaky, 0 skipped in 47.0s (passed)".
 */
export default class SummaryLineReporter implements Reporter {
  private root: Suite | undefined;

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite;
  }

  onEnd(result: FullResult): void {
    const tests: TestCase[] = this.root?.allTests() ?? [];
    const count = (outcome: ReturnType<TestCase["outcome"]>) =>
      tests.filter((test) => test.outcome() === outcome).length;
    const seconds = (result.duration / 1000).toFixed(1);
    console.log(
      `e2e: ${count("expected")} passed, ${count("unexpected")} failed, ${count("flaky")} flaky, ` +
        `${count("skipped")} skipped in ${seconds}s (${result.status})`,
    );
  }

  printsToStdio(): boolean {
    return true;
  }
}
