import { loadavg } from 'node:os';
import { buildApp } from '../server/app';
import { createPool, NO_DB_TIMEOUTS } from '../db/pool';
import { migrate } from '../db/migrate';
import { createTemporalAccess } from '../server/temporal/client';
import { inboxUrls, signIn } from './b3-inbox';
import { round } from './stats';

// The API process's own CPU per inbox request (issue 19): with 10 requests in flight on one Node
// thread, each waits for the others' CPU, so this, not PostgreSQL, sets the inbox's p50 at 1M
// tasks. One request at a time, after a warm-up, process.cpuUsage() around a batch; the database is
// the one bench/inbox-scale.ts seeded (no seeding here):
//   npx tsx bench/inbox-cpu.ts --database=postgres://…/b3_1m [--n=1000] [--only=groupPage,counts] [--rounds=3]
// The requests go through app.inject, so the figure includes light-my-request's part (the load
// generator's, small and the same before and after a change). Under `node --cpu-prof --import tsx`
// with --only=groupPage the profile is one route's.
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const url = arg('database');
if (!url) throw new Error('--database=<postgres url> is required');
const n = Number(arg('n') ?? 1000);
const rounds = Number(arg('rounds') ?? 3);
const only = arg('only')?.split(',');

const db = createPool(url, 20, NO_DB_TIMEOUTS);
try {
  await migrate(db);
  const temporal = createTemporalAccess({ address: '127.0.0.1:1', namespace: 'default', taskQueue: 'bench' });
  const app = await buildApp({ db, temporal, logger: false });
  await app.ready();
  const cookie = await signIn(app);
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM task WHERE id LIKE 'bench/%'`);
  const urls = Object.entries(inboxUrls(Number(rows[0]!.n))).filter(([label]) => !only || only.includes(label));
  const get = async (u: string) => {
    const res = await app.inject({ method: 'GET', url: u, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const result: Record<string, { items: number; cpuUsPerRequest: number[]; wallMsPerRequest: number[] }> = {};
  for (const [label, u] of urls) {
    const items = ((await get(u)).json() as { items?: unknown[] }).items?.length ?? 0;
    for (let i = 0; i < 200; i++) await get(u);
    const r = (result[label] = { items, cpuUsPerRequest: [] as number[], wallMsPerRequest: [] as number[] });
    // Free text spends tens of ms in PostgreSQL per request: fewer of them say as much.
    const count = label.startsWith('freeText') ? Math.ceil(n / 5) : n;
    for (let k = 0; k < rounds; k++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let i = 0; i < count; i++) await get(u);
      const c = process.cpuUsage(c0);
      r.cpuUsPerRequest.push(round((c.user + c.system) / count, 0));
      r.wallMsPerRequest.push(round((performance.now() - t0) / count, 2));
    }
    console.log(`[inbox-cpu] ${label} (${items} rows): CPU µs/request ${r.cpuUsPerRequest.join(', ')}; wall ms ${r.wallMsPerRequest.join(', ')}`);
  }
  console.log(JSON.stringify({ n, rounds, loadAverage: loadavg().map((x) => round(x)), result }, null, 2));
  await app.close();
  await temporal.close();
} finally {
  await db.end();
}
