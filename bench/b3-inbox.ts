import { writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { DEMO_PASSWORD } from '../programs/demo/demo-data';
import type { Db } from '../db/pool';
import type { BenchStack } from './stack';
import { waitForQuiet } from './proc-cpu';
import { pool, round, summary } from './stats';

// B3 — the inbox at scale: N tasks (one in ten open, skewed candidate groups, business data in
// JSONB) behind the real API (in-process inject, concurrency 10; the group queue also one at a
// time), keyset vs OFFSET paging, and the plans of the queries the inbox makes.

export async function seed(db: Db, total: number, batch: string) {
  await db.query(
    `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, customer_id, variables, started_at)
     SELECT 'bench/' || $2 || '-' || g, 'bench-inbox', 1, $2 || '-' || g, '批量案例 ' || g, 'running', 'zj.cs_agent', 'zj.cs_agent',
            (ARRAY['zj','js','gd','fj'])[1 + g % 4], CASE WHEN g % 3 = 0 THEN NULL ELSE 'C000' || (1 + g % 8) END,
            jsonb_build_object('amount', g % 10000), now() - (g % 1000) * interval '1 minute'
       FROM generate_series(1, $1) g`,
    [total, batch],
  );
  await db.query(
    `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, due_at, created_at, completed_at, completed_by, outcome, data)
     SELECT 'bench/' || $2 || '-' || g || '/approve/1', 'bench/' || $2 || '-' || g, 'approve', '审批 ' || g,
            CASE WHEN g % 10 = 0 THEN 'open' ELSE 'completed' END,
            (ARRAY['zj','js','gd','fj'])[1 + g % 4],
            CASE WHEN g % 10 < 6 THEN ARRAY['cs_manager'] WHEN g % 10 < 8 THEN ARRAY['engineering'] WHEN g % 10 < 9 THEN ARRAY['department'] ELSE ARRAY['sales'] END,
            now() + ((g % 240) - 60) * interval '1 hour', now() - (g % 1000) * interval '1 minute',
            CASE WHEN g % 10 = 0 THEN NULL ELSE now() END, CASE WHEN g % 10 = 0 THEN NULL ELSE 'zj.cs_manager' END,
            CASE WHEN g % 10 = 0 THEN NULL ELSE 'approve' END, jsonb_build_object('amount', g % 10000, 'region', (ARRAY['华东','华南'])[1 + g % 2])
       FROM generate_series(1, $1) g`,
    [total, batch],
  );
  // VACUUM, not only ANALYZE: after a bulk load PostgreSQL's autovacuum otherwise processes the task table (≈ 1 min of a
  // core at 1M rows, its indexes included) while B3 measures, and a table in steady use has been vacuumed long since.
  await db.query('VACUUM (ANALYZE) task, process_case');
}

/** Records the SQL a call issues, to EXPLAIN it afterwards. */
function recording(db: Db) {
  const seen: Array<{ text: string; values: unknown[] }> = [];
  const original = db.query.bind(db);
  (db as { query: unknown }).query = (query: unknown, values?: unknown[]) => {
    // A prepared statement (db/prepared.ts) comes as a config object with its text and values.
    const config = typeof query === 'object' && query !== null ? (query as { text?: unknown; values?: unknown[] }) : undefined;
    const text = config ? config.text : query;
    if (typeof text === 'string' && /FROM task t/.test(text)) seen.push({ text, values: (config ? config.values : values) ?? [] });
    return (original as (t: unknown, v?: unknown[]) => unknown)(query, values);
  };
  return { seen, restore: () => ((db as { query: unknown }).query = original) };
}

/** Uncounted requests before each measured set, as B6 warms Flowable up (JIT, connections, statement caches). */
const WARM_UP = 20;

/**
 * How many requests a figure is made of: at least `minRequests`, and for at least `seconds`, as B6
 * samples Flowable (its peer runs ≥ 50 calls for ≥ 10 s a figure). A p99 of 100 samples is the
 * largest one or two: one GC pause decided it.
 */
export interface Sampling {
  minRequests: number;
  seconds: number;
}

async function timed(app: FastifyInstance, cookie: string, url: string, sampling: Sampling, concurrency = 10) {
  const get = async () => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
  await pool(WARM_UP, concurrency, get);
  const ms: number[] = [];
  const t0 = performance.now();
  let started = 0;
  const more = () => started < sampling.minRequests || performance.now() - t0 < sampling.seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        started++;
        const s = performance.now();
        await get();
        ms.push(performance.now() - s);
      }
    }),
  );
  return summary(ms);
}

/** Signs in the 客服经理 B3 queries as; the cookie for app.inject. */
export async function signIn(app: FastifyInstance) {
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'zj.cs_manager', password: DEMO_PASSWORD } });
  return `sw_session=${login.cookies.find((c) => c.name === 'sw_session')!.value}`;
}

/** B3's sizes: `--b3-sizes=100000,1000000` if given, else 10k (quick) or 10k, 100k (+ 1M on PostgreSQL). */
export function b3Sizes(quick: boolean, argv = process.argv): number[] {
  const given = argv.find((a) => a.startsWith('--b3-sizes='))?.slice('--b3-sizes='.length);
  if (given) return given.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0).sort((a, z) => a - z);
  const sizes = quick ? [10_000] : [10_000, 100_000];
  if (!quick && process.env.DATABASE_URL) sizes.push(1_000_000);
  return sizes;
}

/** The inbox's requests timed against the tasks already in the database (`size` of them); plans written to `planFile`. */
export async function measureInbox(app: FastifyInstance, db: Db, cookie: string, size: number, sampling: Sampling, planFile?: string) {
  // One task in ten is open (the seed's g % 10 = 0): what the inbox queries read, and what B6 (Flowable) is matched by.
  const row: Record<string, unknown> = { tasks: size, openTasks: Math.floor(size / 10) };
  row.groupFirstPage = await timed(app, cookie, '/api/tasks?view=group&limit=50', sampling);
  // The same one request at a time: service time without queueing behind the other nine.
  row.groupFirstPageSerial = await timed(app, cookie, '/api/tasks?view=group&limit=50', sampling, 1);
  const first = await app.inject({ method: 'GET', url: '/api/tasks?view=group&limit=50', headers: { cookie } });
  const cursor = first.json().nextCursor as string | null;
  row.groupNextPage = cursor ? await timed(app, cookie, `/api/tasks?view=group&limit=50&cursor=${encodeURIComponent(cursor)}`, sampling) : null;
  row.counts = await timed(app, cookie, '/api/tasks/counts', sampling);
  row.countsSerial = await timed(app, cookie, '/api/tasks/counts', sampling, 1);
  row.filterCustomer = await timed(app, cookie, FILTER_CUSTOMER, sampling);
  const urls = inboxUrls(await oneCaseNumber(db, size));
  row.freeText = await timed(app, cookie, urls.freeText, sampling);
  row.freeTextFew = await timed(app, cookie, urls.freeTextFew, sampling);
  row.freeTextDense = await timed(app, cookie, urls.freeTextDense, sampling);
  row.groupByPriority = await timed(app, cookie, urls.groupByPriority, sampling);
  // Control: the same page 20 deep by OFFSET versus by keyset.
  const offsetMs: number[] = [];
  for (let i = 0; i < sampling.minRequests; i++) {
    const t0 = performance.now();
    await db.query(`SELECT id FROM task WHERE status = 'open' ORDER BY coalesce(due_at, 'infinity'::timestamptz), created_at, id OFFSET 950 LIMIT 50`);
    offsetMs.push(performance.now() - t0);
  }
  row.offsetPage20Sql = summary(offsetMs);
  const seen: Array<{ label: string; text: string; values: unknown[] }> = [];
  for (const [label, url] of Object.entries(urls)) {
    const rec = recording(db);
    await app.inject({ method: 'GET', url, headers: { cookie } });
    rec.restore();
    rec.seen.forEach((q, i) => seen.push({ ...q, label: i === 0 ? label : `${label}${i + 1}` }));
  }
  const plans: string[] = [];
  const sqlMs: Record<string, { planning: number; execution: number; taskAccess: string }> = {};
  for (const { label, ...q } of seen) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
    const plan = rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    plans.push(`-- ${label}: ${q.text.replace(/\s+/g, ' ').slice(0, 200)}…\n${plan}`);
    const ms = (l: string) => Number(new RegExp(`${l} Time: ([\\d.]+) ms`).exec(plan)?.[1]);
    sqlMs[label] = {
      planning: ms('Planning'),
      execution: ms('Execution'),
      taskAccess: /(Index (?:Only )?Scan|Bitmap Heap Scan|Seq Scan)(?: using (\w+))? on task t/.exec(plan)?.slice(1).filter(Boolean).join(' using ') ?? 'unknown',
    };
  }
  row.sqlMs = sqlMs;
  if (planFile) writeFileSync(planFile, plans.join('\n\n'));
  return row;
}

// Free text with many matches (one case in nine, the due-order walk fills a page) and with one
// (a case's title, found through the trigram indexes, migration 051).
const FREE_TEXT = '批量案例 77';
const FREE_TEXT_DENSE = '批量案例';

/**
 * The number in the title of one open case, for free text's "one case": in the newest batch seed() made (the database
 * holds `tasks` in all, that batch named s<tasks>), its last open case but one. Each batch numbers its cases from 1,
 * so a number past the older batches' sizes names one case. Until 3 Dec the term was `批量案例 ${size - 10}`, which
 * no case bore at 100k and 1M tasks (the batches there number to 90,000 and 900,000): "one case" timed a search that
 * found nothing.
 */
export async function oneCaseNumber(db: Db, tasks: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM task WHERE id LIKE $1`, [`bench/s${tasks}-%`]);
  const n = Number(rows[0]!.n);
  if (n < 20) throw new Error(`B3's newest batch (s${tasks}) holds ${n} tasks: too few to name one case`);
  return n - (n % 10) - 10; // one in ten is open: g % 10 = 0
}
// A customer with pages of open tasks the 客服经理 may see (C0005: the seed gives it one task in
// twelve, all in 浙江, one in five of them open). Until 1 Dec the filter asked for C0002, whose
// tasks the seed never leaves open: it timed an empty answer.
const FILTER_CUSTOMER = '/api/tasks?customerId=C0005&limit=50';
// The requests whose SQL on `task t` B3 explains, by label.
export const inboxUrls = (oneCase: number) => ({
  groupPage: '/api/tasks?view=group&limit=50',
  counts: '/api/tasks/counts',
  filterCustomer: FILTER_CUSTOMER,
  freeText: `/api/tasks?q=${encodeURIComponent(FREE_TEXT)}&limit=50`,
  freeTextFew: `/api/tasks?q=${encodeURIComponent(`批量案例 ${oneCase}`)}&limit=50`,
  // A term in every task's case title (dense along any order: the walk of the order's index, not the trigram index).
  freeTextDense: `/api/tasks?q=${encodeURIComponent(FREE_TEXT_DENSE)}&limit=50`,
  // 组内按优先级: the group queue by customer priority, read from migration 059's index since 3 Dec (0.85–1.2 s before).
  groupByPriority: '/api/tasks?view=group&sort=priority&limit=50',
});

export async function runB3(b: BenchStack, quick: boolean, outDir: string, stamp: string) {
  const app = await buildApp({ db: b.db, temporal: b.temporal, logger: false });
  await app.ready();
  const cookie = await signIn(app);
  const sizes = b3Sizes(quick);
  const results: Array<Record<string, unknown>> = [];
  let seeded = 0;
  const sampling: Sampling = quick ? { minRequests: 30, seconds: 0 } : { minRequests: 100, seconds: 5 };
  for (const size of sizes) {
    await seed(b.db, size - seeded, `s${size}`);
    seeded = size;
    // What seeding left running (a checkpoint, the last of autovacuum) is not the inbox's time.
    const settled = await waitForQuiet();
    const row: Record<string, unknown> = { ...(await measureInbox(app, b.db, cookie, size, sampling, `${outDir}/${stamp}-b3-explain-${size}.txt`)), settled };
    results.push(row);
    console.log(`[B3] ${size} tasks: group first page p50 ${(row.groupFirstPage as { p50: number }).p50} ms, p99 ${(row.groupFirstPage as { p99: number }).p99} ms`);
  }
  await app.close();
  const p99 = (r: Record<string, unknown>) => (r.groupFirstPage as { p99: number }).p99;
  return { sampling: { ...sampling, warmUp: WARM_UP }, sizes: results, p99Ratio: results.length > 1 ? round(p99(results.at(-1)!) / p99(results[0]!), 2) : null };
}
