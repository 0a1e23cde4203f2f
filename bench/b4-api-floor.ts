import { DEMO_PASSWORD } from '../programs/demo/demo-data';
import { startChild } from './child';
import { inboxUrls, oneCaseNumber } from './b3-inbox';
import { autocannon, type LoadResult } from './load';
import { cpuSnapshot, cpuSplit } from './proc-cpu';
import type { BenchStack } from './stack';
import { round } from './stats';

// B4 — the API floor: the inbox's group queue (GET /api/tasks?view=group, a signed-in 客服经理)
// against a bare Fastify route and a bare `SELECT 1` route in the same API process, all loaded by
// autocannon from another process over HTTP. Run after B3, so the inbox holds B3's tasks. The API
// process's RSS is sampled while the inbox is under load (B3's queries, over the network).
// B3's other inbox requests (counts, customer filter, free text) are loaded the same way: issue 19's
// "10 in flight" targets are judged here, with the load generator in a process of its own, as
// browsers are; B3 runs them in the API's own thread, where the generator's work queues with theirs.

export async function runB4(b: BenchStack, quick: boolean) {
  const child = await startChild<{ api: string; floor: string }>(new URL('./api-process.ts', import.meta.url).pathname, {
    BENCH_DATABASE_URL: b.stack.databaseUrl,
    BENCH_TEMPORAL_ADDRESS: b.stack.temporalAddress,
  });
  try {
    const { api, floor } = child.ready;
    const login = await fetch(`${api}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zj.cs_manager', password: DEMO_PASSWORD }) });
    const token = /sw_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error(`B4: sign-in failed (${login.status})`);
    const headers = { cookie: `sw_session=${token}` };
    const seconds = quick ? 4 : 10;
    const connections = 10;
    const rssIdleMiB = await child.rssMiB();
    const run = async (url: string, h?: Record<string, string>) => {
      let rssPeak = 0;
      const sampler = setInterval(() => void child.rssMiB().then((r) => (rssPeak = Math.max(rssPeak, r))), 250);
      const apiCpu0 = await child.cpuMs();
      const dbCpu0 = process.cpuUsage();
      const machine0 = cpuSnapshot();
      try {
        const r = await autocannon(url, { connections, seconds, headers: h });
        const dbCpu = process.cpuUsage(dbCpu0);
        const machine = cpuSplit(machine0, cpuSnapshot());
        const per = (ms: number) => round(ms / Math.max(1, r.requests), 3);
        // CPU per request in the API process, and in the database: this process — which, during B4, does little but
        // serve PGlite — or PostgreSQL's processes.
        const cpuMsPerRequest = { api: per((await child.cpuMs()) - apiCpu0), ...(process.env.DATABASE_URL ? { postgres: per(machine.PostgreSQL) } : { pglite: per((dbCpu.user + dbCpu.system) / 1000) }) };
        console.log(`[B4] ${new URL(url).pathname}${new URL(url).search}: ${r.reqPerSec} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, CPU ms/request ${JSON.stringify(cpuMsPerRequest)}${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`);
        return { ...r, cpuMsPerRequest, rssPeakMiB: rssPeak };
      } finally {
        clearInterval(sampler);
      }
    };
    const { rows } = await b.db.query<{ n: string }>(`SELECT count(*) AS n FROM task WHERE id LIKE 'bench/%'`);
    const tasks = Number(rows[0]!.n);
    const urls = inboxUrls(await oneCaseNumber(b.db, tasks));
    // Warm up each route briefly (JIT, pool connections, PGlite caches).
    for (const u of [`${floor}/bare`, `${floor}/bare-sql`, `${api}${urls.groupPage}`]) await autocannon(u, { connections, seconds: 1, headers });
    const bare = await run(`${floor}/bare`);
    const bareSql = await run(`${floor}/bare-sql`);
    const inbox = await run(`${api}${urls.groupPage}`, headers);
    const counts = await run(`${api}${urls.counts}`, headers);
    // Each after a warm-up of its own, as the group page had above.
    const search = async (u: string) => (await autocannon(`${api}${u}`, { connections, seconds: 1, headers }), run(`${api}${u}`, headers));
    const searches = { filterCustomer: await search(urls.filterCustomer), freeText: await search(urls.freeText), freeTextFew: await search(urls.freeTextFew),
      freeTextDense: await search(urls.freeTextDense), groupByPriority: await search(urls.groupByPriority) };
    const ratio = (a: LoadResult, z: LoadResult) => round(a.reqPerSec / z.reqPerSec, 3);
    return {
      connections,
      seconds,
      tasks,
      bare,
      bareSql,
      inbox,
      counts,
      ...searches,
      inboxVsBare: ratio(inbox, bare),
      inboxVsBareSql: ratio(inbox, bareSql),
      apiRssMiB: { idle: rssIdleMiB, underInboxLoad: Math.max(inbox.rssPeakMiB, counts.rssPeakMiB) },
    };
  } finally {
    await child.stop();
  }
}
