import Fastify from 'fastify';
import { buildApp } from '../server/app';
import { createPool } from '../db/pool';
import { createTemporalAccess } from '../server/temporal/client';
import { serveChild } from './child';

// B4's API process: the real API and, in the same process, a bare Fastify instance (no plugins,
// no hooks) with two routes: a constant answer (framework floor) and `SELECT 1` through the
// same pg pool (framework + driver + database round trip floor).

const db = createPool(process.env.BENCH_DATABASE_URL!, 10);
const temporal = createTemporalAccess({ address: process.env.BENCH_TEMPORAL_ADDRESS!, namespace: 'default', taskQueue: 'bench-b4' });
const app = await buildApp({ db, temporal, logger: false });
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ ok: true }));
bare.get('/bare-sql', async () => (await db.query('SELECT 1 AS one')).rows[0]);
const api = await app.listen({ port: 0, host: '127.0.0.1' });
const floor = await bare.listen({ port: 0, host: '127.0.0.1' });
serveChild({ api, floor }, async () => {
  await app.close();
  await bare.close();
  await temporal.close();
  await db.end();
});
