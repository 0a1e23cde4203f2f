import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { login, uniqueTaskQueue } from '../helpers';
import { sharedStack } from '../shared-stack';

// Issue 11 §5: with PostgreSQL hung, only /api/health had a deadline; every other route hung with
// the database (or, once the connection died, answered 500). Now each one answers 503
// `db.timeout` with Retry-After within the pool's deadlines.

type App = Awaited<ReturnType<typeof buildApp>>;

describe('a route whose query blocks behind a lock', () => {
  let db: Db;
  let temporal: TemporalAccess;
  let app: App;
  let locker: pg.Client;
  beforeAll(async () => {
    // Short deadlines so the test waits seconds, not the production ten.
    db = createPool(sharedStack().databaseUrl, 3, { statementTimeoutMs: 1_000, connectTimeoutMs: 1_000 });
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: uniqueTaskQueue('db-timeouts') });
    app = await buildApp({ db, temporal });
    locker = new pg.Client({ connectionString: sharedStack().databaseUrl });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.query('ROLLBACK').catch(() => undefined);
    await locker?.end();
    await app?.close();
    await temporal?.close();
    await db?.end();
  });

  it('answers 503 db.timeout with Retry-After while the table is locked, and 200 once it is free', async () => {
    const cookie = await login(app, 'zj.cs_manager');
    const inbox = { method: 'GET' as const, url: '/api/tasks?view=group', headers: { cookie } };
    expect((await app.inject(inbox)).statusCode).toBe(200);

    await locker.query('BEGIN');
    await locker.query('LOCK TABLE task IN ACCESS EXCLUSIVE MODE');
    let blocked;
    try {
      blocked = await app.inject(inbox);
    } finally {
      await locker.query('ROLLBACK');
    }
    expect(blocked.statusCode, blocked.body).toBe(503);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.headers['retry-after']).toBe('5');
    expect(blocked.json()).toMatchObject({ status: 503, code: 'db.timeout' });

    // The timed-out connection was discarded, not returned to the pool half-used.
    const again = await app.inject(inbox);
    expect(again.statusCode, again.body).toBe(200);
  });
});

describe('a database that accepts connections and never answers', () => {
  let hung: Server;
  const sockets: Socket[] = [];
  let db: Db;
  let temporal: TemporalAccess;
  let app: App;
  beforeAll(async () => {
    hung = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port } = hung.address() as { port: number };
    db = createPool(`postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`, 2, { statementTimeoutMs: 1_000, connectTimeoutMs: 1_000 });
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: uniqueTaskQueue('db-hung') });
    app = await buildApp({ db, temporal });
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end().catch(() => undefined);
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => hung?.close(resolve));
  });

  it('answers 503 db.timeout on sign-in and on a signed-in route instead of hanging', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'zj.cs_agent', password: 'whatever1' } });
    expect(signIn.statusCode, signIn.body).toBe(503);
    expect(signIn.json()).toMatchObject({ code: 'db.timeout' });
    expect(signIn.headers['retry-after']).toBe('5');

    const cases = await app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: 'sw_session=some-session-token' } });
    expect(cases.statusCode, cases.body).toBe(503);
    expect(cases.json()).toMatchObject({ code: 'db.timeout' });
  });
});
