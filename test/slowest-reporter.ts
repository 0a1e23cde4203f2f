import type { Reporter, TestModule } from 'vitest/node';

// Issue 19 ("npm test on 2 cores"): every run ends with where its time went, so the next split or
// shared fixture goes where it buys the most.

export interface Timed {
  name: string;
  ms: number;
}

/** The `n` slowest, slowest first, as aligned lines ("  93.2 s  e2e test/e2e/complaint.e2e.test.ts"). */
export function slowestLines(items: Timed[], n = 10): string[] {
  return [...items]
    .sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name))
    .slice(0, n)
    .map((i) => `${(i.ms / 1000).toFixed(1).padStart(7)} s  ${i.name}`);
}

export default class SlowestReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const files: Timed[] = [];
    const tests: Timed[] = [];
    for (const m of modules) {
      const d = m.diagnostic();
      const file = `${m.project.name} ${m.relativeModuleId}`;
      files.push({ name: file, ms: d.duration + d.setupDuration + d.collectDuration });
      for (const t of m.children.allTests()) tests.push({ name: `${file} › ${t.fullName}`, ms: t.diagnostic()?.duration ?? 0 });
    }
    if (files.length < 2) return;
    process.stdout.write(`\nThe ten slowest test files:\n${slowestLines(files).join('\n')}\nThe ten slowest tests:\n${slowestLines(tests).join('\n')}\n`);
  }
}
