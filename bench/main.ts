import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runB1 } from './b1-engine';
import { runB2 } from './b2-latency';
import { runB3 } from './b3-inbox';
import { startBenchStack } from './stack';

// `npm run bench [-- --quick]`: measures, prints and writes figures; never fails on a number.
const quick = process.argv.includes('--quick');
const outDir = new URL('./results/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

const b = await startBenchStack();
const environment = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  database: process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)',
  temporal: 'dev server (SQLite in memory), same machine',
};
console.log('[bench] environment', environment);
try {
  const b1 = await runB1(b, quick);
  const b2 = await runB2(b, quick);
  const b3 = await runB3(b, quick, outDir, stamp);
  const results = { environment, b1, b2, b3, notMeasured: ['B4 API floor (autocannon)', 'B5 console rendering', 'worker / API memory'] };
  writeFileSync(`${outDir}/${stamp}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${outDir}/${stamp}.md`, markdown(results));
  console.log(`[bench] wrote bench/results/${stamp}.json and .md`);
} finally {
  await b.close();
}

function markdown(r: { environment: Record<string, unknown>; b1: Awaited<ReturnType<typeof runB1>>; b2: Awaited<ReturnType<typeof runB2>>; b3: Awaited<ReturnType<typeof runB3>>; notMeasured: string[] }): string {
  const lines = [`# Shouwen benchmarks ${r.environment.date}`, '', '```', JSON.stringify(r.environment, null, 1), '```', '', '## B1 — interpreter overhead', '', '| concurrency | cases | engine cases/s | hand-written cases/s | ratio | engine CPU ms/case | hand-written CPU ms/case |', '|---|---|---|---|---|---|---|'];
  for (const t of r.b1.throughput) lines.push(`| ${t.concurrency} | ${t.cases} | ${t.engineCasesPerSec} | ${t.handwrittenCasesPerSec} | ${t.ratio} | ${t.engineCpuMsPerCase} | ${t.handwrittenCpuMsPerCase} |`);
  lines.push('', `History events per case: engine ${r.b1.historyEventsPerCase.engine}, hand-written ${r.b1.historyEventsPerCase.handwritten} (ratio ${r.b1.historyEventsPerCase.ratio}).`, `Replay: ${r.b1.replay.msPerHistory} ms per history over ${r.b1.replay.histories} recorded histories.`, '', '| model elements | ms per case | events | model JSON bytes |', '|---|---|---|---|');
  for (const s of r.b1.modelSize) lines.push(`| ${s.elements} | ${s.ms} | ${s.events} | ${s.modelBytes} |`);
  lines.push('', '## B2 — approve to next task visible in the inbox (ms)', '', '| approvals/s | p50 | p95 | p99 | no-op Update floor p50 / p99 |', '|---|---|---|---|---|');
  for (const x of r.b2) {
    const l = x.latencyMs as { p50: number; p95: number; p99: number };
    const f0 = x.noopUpdateFloorMs as { p50: number; p99: number };
    lines.push(`| ${x.approvalsPerSec} | ${l.p50} | ${l.p95} | ${l.p99} | ${f0.p50} / ${f0.p99} |`);
  }
  lines.push('', '## B3 — inbox at scale (API in process, concurrency 10; ms)', '', '| tasks | group page 1 p50/p99 | next page p50/p99 | counts p50/p99 | customer filter p50/p99 | free text p50/p99 | OFFSET page 20 (SQL) p50/p99 |', '|---|---|---|---|---|---|---|');
  const f = (x: unknown) => (x ? `${(x as { p50: number }).p50} / ${(x as { p99: number }).p99}` : '—');
  for (const s of r.b3.sizes) lines.push(`| ${s.tasks} | ${f(s.groupFirstPage)} | ${f(s.groupNextPage)} | ${f(s.counts)} | ${f(s.filterCustomer)} | ${f(s.freeText)} | ${f(s.offsetPage20Sql)} |`);
  lines.push('', `p99(largest) / p99(smallest) for the group queue: ${r.b3.p99Ratio ?? '—'}. Query plans: \`*-b3-explain-<size>.txt\` beside this file.`, '', `Not measured yet: ${r.notMeasured.join('; ')}.`, '');
  return lines.join('\n');
}
