// Prints why tests were skipped at the end of the run, so a skipped project is never silent.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const project = test.parent.project()?.name ?? 'default';
    const annotation = [...result.annotations, ...test.annotations].find((a) => a.type === 'skip');
    const key = `[${project}] ${annotation?.description ?? 'no reason given'}`;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }

  onEnd(_result: FullResult): void {
    for (const [reason, count] of this.reasons) console.log(`  Skipped ${count} test${count === 1 ? '' : 's'}: ${reason}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
