import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { runB1 } from './b1-engine';
import { runB2 } from './b2-latency';
import { runB3 } from './b3-inbox';
import { runB4 } from './b4-api-floor';
import { runB5 } from './b5-console';
import { runB6 } from './b6-flowable';
import { runMemory } from './memory';
import { markdown } from './report';
import { startBenchStack } from './stack';

// `npm run bench [-- --quick] [-- --only=b4,b5] [-- --b6-open=100000] [-- --b3-sizes=100000,1000000]`: measures, prints and writes figures; never fails on a number.
// A part that breaks is recorded as { error } and the others still run.
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
// `--b1-concurrency=8,128`: B1's throughput rounds at these concurrencies only (profiling one level).
const b1Levels = process.argv.find((a) => a.startsWith('--b1-concurrency='))?.slice('--b1-concurrency='.length).split(',').map(Number);
const outDir = new URL('./results/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

const b = await startBenchStack();
const environment = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  ...(only ? { only: only.join(',') } : {}),
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  // Other work on the machine skews every figure; the load average says how much there was.
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  node: process.version,
  database: process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)',
  temporal: 'dev server (SQLite in memory), same machine',
};
console.log('[bench] environment', environment);

async function part<T>(name: string, run: () => Promise<T>): Promise<T | { error: string } | { skipped: string }> {
  if (only && !only.includes(name)) return { skipped: 'not selected (--only)' };
  try {
    return await run();
  } catch (err) {
    console.error(`[bench] ${name} failed:`, err);
    return { error: (err as Error).message };
  }
}

try {
  const b1 = await part('b1', () => runB1(b, quick, b1Levels));
  const b2 = await part('b2', () => runB2(b, quick));
  const b3 = await part('b3', () => runB3(b, quick, outDir, stamp));
  // B4 loads the inbox B3 filled; memory and B5 come last, as they add cases and tasks of their own.
  const b4 = await part('b4', () => runB4(b, quick));
  const memory = await part('memory', () => runMemory(b, quick));
  const b5 = await part('b5', () => runB5(b, quick));
  // The peer last: its tables (up to 1M open tasks) share the database with everything above.
  const b6 = await part('b6', () => runB6(b, quick));
  const results = { environment: { ...environment, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) }, b1, b2, b3, b4, memory, b5, b6 };
  writeFileSync(`${outDir}/${stamp}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${outDir}/${stamp}.md`, markdown(results));
  console.log(`[bench] wrote bench/results/${stamp}.json and .md`);
} finally {
  await b.close();
}
// Whatever a part left behind (a connection, a timer), the run is over once its figures are written.
process.exit(0);
