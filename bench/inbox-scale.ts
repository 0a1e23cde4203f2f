import { execSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { buildApp } from '../server/app';
import { createPool, NO_DB_TIMEOUTS } from '../db/pool';
import { migrate } from '../db/migrate';
import { seedDemoData } from '../programs/demo/seed';
import { createTemporalAccess } from '../server/temporal/client';
import { measureInbox, seed, signIn } from './b3-inbox';

// B3 alone against a PostgreSQL database that is kept between runs (seeding 1M tasks is slow), to
// measure the inbox's queries before and after a change on the same data, back to back:
//   npx tsx bench/inbox-scale.ts --database=postgres://…/b3_1m --size=1000000 [--reps=100] [--plans=file.txt]
// The database is migrated (the branch's migrations) and, when it holds fewer bench tasks than
// --size, topped up with B3's seed. No Temporal is needed: the inbox's reads never reach it.
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const url = arg('database');
if (!url) throw new Error('--database=<postgres url> is required');
const size = Number(arg('size') ?? 100_000);
const reps = Number(arg('reps') ?? 100);
const seconds = Number(arg('seconds') ?? 0);

const db = createPool(url, 20, NO_DB_TIMEOUTS);
try {
  const applied = await migrate(db);
  if (applied.length) console.log(`[inbox-scale] migrations applied: ${applied.join(', ')}`);
  await seedDemoData(db, { cheapDemoPasswords: true });
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM task WHERE id LIKE 'bench/%'`);
  const have = Number(rows[0]!.n);
  if (have < size) {
    const t0 = performance.now();
    await seed(db, size - have, `s${size}-${have}`);
    console.log(`[inbox-scale] seeded ${size - have} tasks in ${Math.round(performance.now() - t0)} ms`);
  }
  // A temporal address nobody listens on: the client connects lazily, and the inbox never asks.
  const temporal = createTemporalAccess({ address: '127.0.0.1:1', namespace: 'default', taskQueue: 'bench' });
  const app = await buildApp({ db, temporal, logger: false });
  await app.ready();
  const cookie = await signIn(app);
  const uptime = () => execSync('uptime').toString().trim();
  console.log(`[inbox-scale] before: ${uptime()}`);
  const row = await measureInbox(app, db, cookie, size, { minRequests: reps, seconds }, arg('plans'));
  console.log(`[inbox-scale] after: ${uptime()}`);
  console.log(JSON.stringify({ size, reps, seconds, loadAverage: loadavg().map((x) => Math.round(x * 100) / 100), ...row }, null, 2));
  await app.close();
  await temporal.close();
} finally {
  await db.end();
}
