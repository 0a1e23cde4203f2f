import type { LegResult } from './leg';

// The rehearsal's figure file: the cluster and the dev server side by side, each with its verdict.

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

export interface ReportInput {
  at: Date;
  serverVersion: string;
  cpus: number;
  load: string;
  cases: number;
  concurrency: number;
  cluster: LegResult;
  dev?: LegResult;
}

const ms = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(x)} ms`);

function verdict(v: LegResult): string {
  return `cases ${v.count.cases}, completed ${v.count.ended}; tasks completed ${v.count.completed} (expected ${v.expectedTasks}), task.completed trail entries ${v.count.events}, tasks not completed ${v.count.open} → ${v.exactlyOnce ? 'every case finished, every task completed exactly once' : 'NOT exactly once'}; \`shouwen doctor\`: ${v.doctorOk ? '0 differences' : 'differences (see its output)'}${v.faultsNotBack.length ? `; NOT brought back: ${v.faultsNotBack.join(', ')}` : ''}${v.unexpectedExits.length ? `; ENDED BY ITSELF: ${v.unexpectedExits.join(', ')}` : ''}`;
}

export function legPassed(v: LegResult | undefined): boolean {
  return !v || (v.exactlyOnce && v.doctorOk && v.faultsNotBack.length === 0 && v.unexpectedExits.length === 0);
}

export function figuresReport(r: ReportInput): string {
  const legs = [r.cluster, ...(r.dev ? [r.dev] : [])];
  const row = (name: string, f: (v: LegResult) => string) => `| ${name} | ${legs.map(f).join(' | ')} |`;
  return `# Rehearsal at scale — ${r.at.toISOString()}

Machine: ${r.cpus} CPUs shared by every process of both topologies; load average at the start ${r.load}.
Load: ${r.cases} cases (demo-approval and a two-step approval by turns), ${r.concurrency} at a time, started and approved through the APIs by turns, with faults at fixed points of it.

- **Cluster**: PostgreSQL (one cluster), Temporal ${r.serverVersion} as separate frontend / history / matching / worker processes on it, two Shouwen workers and two APIs on one database.
${r.dev ? `- **Dev server**: the topology \`npm start\` runs — \`temporal server start-dev\` (the cached CLI, SQLite file with WAL), one worker, one API — on the same PostgreSQL cluster (its own database; \`npm start\` with \`DATABASE_URL\`), run after the cluster leg with the cluster stopped.\n` : ''}
| figure | cluster${r.dev ? ' | dev server' : ''} |
|---|---${r.dev ? '|---' : ''}|
${row('cases per second (start → completed, faults included)', (v) => (v.figures.cases / v.figures.seconds).toFixed(2))}
${row('approve → next task row, p50', (v) => ms(percentile(v.figures.approveToNextMs, 50)))}
${row('approve → next task row, p99', (v) => `${ms(percentile(v.figures.approveToNextMs, 99))} (${v.figures.approveToNextMs.length} approvals)`)}
${row('start → first task row, p50 / p99', (v) => `${ms(percentile(v.figures.startToTaskMs, 50))} / ${ms(percentile(v.figures.startToTaskMs, 99))}`)}
${row('requests sent again (refused, reset, 5xx)', (v) => String(v.figures.retries))}
${row('load duration', (v) => `${v.figures.seconds.toFixed(1)} s`)}
${row('last case row ended → Temporal closed every case', (v) => ms(v.temporalLagMs))}

Faults, cluster: ${r.cluster.faultLog.join('; ') || 'none'}.
${r.dev ? `Faults, dev server: ${r.dev.faultLog.join('; ') || 'none'}.\n` : ''}
Verdict, cluster: ${verdict(r.cluster)}.
${r.dev ? `Verdict, dev server: ${verdict(r.dev)}.\n` : ''}
Result: ${legs.every(legPassed) ? '通过 PASSED' : '未通过 FAILED'}.
`;
}
