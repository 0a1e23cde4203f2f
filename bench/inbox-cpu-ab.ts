import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createPool, NO_DB_TIMEOUTS } from '../db/pool';
import { createTemporalAccess } from '../server/temporal/client';
import { inboxUrls, oneCaseNumber, signIn } from './b3-inbox';
import { round } from './stats';

// The API's CPU per inbox request, this checkout against another (`--against=DIR`, e.g. a
// `git archive` of the commit before a change with node_modules linked), both apps in this one
// process and asked in alternation, a batch at a time: on a machine other work keeps busy the two
// then share the same noise, which back-to-back runs did not (issue 19):
//   npx tsx bench/inbox-cpu-ab.ts --database=postgres://…/b3_1m --against=/tmp/base [--batch=50] [--batches=20] [--only=groupPage]
// Per URL: CPU µs per request, median and lowest over the batches, for each side.
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const url = arg('database');
const against = arg('against');
if (!url || !against) throw new Error('--database=<postgres url> and --against=<other checkout> are required');
const batch = Number(arg('batch') ?? 50);
const batches = Number(arg('batches') ?? 20);
const only = arg('only')?.split(',');

type BuildApp = (deps: { db: unknown; temporal: unknown; logger: boolean }) => Promise<FastifyInstance>;
const db = createPool(url, 20, NO_DB_TIMEOUTS);
const temporal = createTemporalAccess({ address: '127.0.0.1:1', namespace: 'default', taskQueue: 'bench' });
try {
  const sides: Array<{ name: string; app: FastifyInstance; cookie: string }> = [];
  for (const [name, dir] of [['this', resolve(import.meta.dirname, '..')], ['against', resolve(against)]] as const) {
    const { buildApp } = (await import(`${dir}/server/app.ts`)) as { buildApp: BuildApp };
    const app = await buildApp({ db, temporal, logger: false });
    await app.ready();
    sides.push({ name, app, cookie: await signIn(app) });
  }
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM task WHERE id LIKE 'bench/%'`);
  const urls = Object.entries(inboxUrls(await oneCaseNumber(db, Number(rows[0]!.n)))).filter(([label]) => !only || only.includes(label));
  const get = async (s: (typeof sides)[number], u: string) => {
    const res = await s.app.inject({ method: 'GET', url: u, headers: { cookie: s.cookie } });
    if (res.statusCode !== 200) throw new Error(`${s.name} ${u}: ${res.statusCode} ${res.body}`);
    return res.body;
  };
  const result: Record<string, Record<string, { medianUs: number; lowestUs: number; wallMsMedian: number }>> = {};
  for (const [label, u] of urls) {
    // Both must answer the same page (the instants and names included) for the comparison to mean anything.
    const [a, b] = [await get(sides[0]!, u), await get(sides[1]!, u)];
    if (a !== b) console.log(`[inbox-cpu-ab] ${label}: the two answers differ (${a.length} / ${b.length} characters)`);
    for (const s of sides) for (let i = 0; i < 100; i++) await get(s, u);
    const cpu: Record<string, number[]> = { this: [], against: [] };
    const wall: Record<string, number[]> = { this: [], against: [] };
    const n = label.startsWith('freeText') ? Math.ceil(batch / 5) : batch;
    for (let k = 0; k < batches; k++) {
      for (const s of k % 2 ? [...sides].reverse() : sides) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (let i = 0; i < n; i++) await get(s, u);
        const c = process.cpuUsage(c0);
        cpu[s.name]!.push((c.user + c.system) / n);
        wall[s.name]!.push((performance.now() - t0) / n);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    result[label] = Object.fromEntries(
      sides.map((s) => [s.name, { medianUs: round(median(cpu[s.name]!), 0), lowestUs: round(Math.min(...cpu[s.name]!), 0), wallMsMedian: round(median(wall[s.name]!), 2) }]),
    );
    const r = result[label]!;
    console.log(`[inbox-cpu-ab] ${label}: this ${r.this!.medianUs} µs (lowest ${r.this!.lowestUs}), against ${r.against!.medianUs} µs (lowest ${r.against!.lowestUs}); this ÷ against ${round(r.this!.medianUs / r.against!.medianUs, 2)}`);
  }
  console.log(JSON.stringify(result, null, 2));
  for (const s of sides) await s.app.close();
} finally {
  await temporal.close();
  await db.end();
}
