import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyRepository, type IdempotencyRepository } from '../../db/idempotency';
import { createPool, type Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { DEFAULT_LEASE_MS, idempotencyPlugin, requestHash, type IdempotencyOptions } from '../../server/http/idempotency';
import { sharedStack } from '../shared-stack';

// The lease on an Idempotency-Key. Found by the scale rehearsal (issue 20): its approve → next task
// p99 was 120 s exactly — an approval whose API was killed (or whose outcome could not be stored
// while PostgreSQL restarted) held its key for the fixed 2-minute lease, and every repeat answered
// "still in progress" until then. Now a short lease is renewed while its attempt runs.

const user = { id: `lease-test-${randomUUID().slice(0, 8)}` } as SessionUser;

async function appWith(db: Db, opts: Omit<IdempotencyOptions, 'repo'>, work: () => Promise<void>): Promise<{ app: FastifyInstance; runs: () => number }> {
  let runs = 0;
  const app = Fastify();
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    request.user = user;
  });
  await app.register(idempotencyPlugin, { repo: createIdempotencyRepository(db), ...opts });
  app.post('/act', { config: { idempotent: true } }, async () => {
    runs++;
    await work();
    return { done: runs };
  });
  await app.ready();
  return { app, runs: () => runs };
}

describe('Idempotency-Key leases', () => {
  let db: Db;
  let repo: IdempotencyRepository;
  const apps: FastifyInstance[] = [];

  beforeAll(() => {
    db = createPool(sharedStack().databaseUrl, 4);
    repo = createIdempotencyRepository(db);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.query('DELETE FROM idempotency_key WHERE user_id = $1', [user.id]);
    await db?.end();
  });

  it('an attempt running longer than its lease keeps the key: a repeat waits for its outcome, the work runs once', async () => {
    const { app, runs } = await appWith(db, { leaseMs: 400, waitMs: 5_000 }, () => new Promise((r) => setTimeout(r, 2_000)));
    apps.push(app);
    const request = { method: 'POST' as const, url: '/act', headers: { 'idempotency-key': `slow-${randomUUID()}` }, payload: { a: 1 } };
    const first = app.inject(request);
    await new Promise((r) => setTimeout(r, 200));
    // Five leases pass while the first runs; without renewal the repeat would take the key over and run the work again.
    const repeat = await app.inject(request);
    expect((await first).statusCode).toBe(200);
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(runs()).toBe(1);
  });

  it('a key left by an attempt whose process died is free again within 15 s: a repeat waiting that long executes it', async () => {
    const key = `dead-${randomUUID()}`;
    const body = { b: 2 };
    // The dead attempt: it took the key as the plugin does (same scope and body hash) and never renewed or finished.
    const dead = await repo.begin({ userId: user.id, route: 'POST /act', target: '{}', key }, requestHash(body), { leaseMs: DEFAULT_LEASE_MS, ttlMs: 60_000 });
    expect(dead.kind).toBe('owner');

    const { app, runs } = await appWith(db, { waitMs: 15_000 }, async () => undefined);
    apps.push(app);
    const repeat = await app.inject({ method: 'POST', url: '/act', headers: { 'idempotency-key': key }, payload: body });
    // With the old fixed 2-minute lease this answered 409 idempotency.in_progress.
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(runs()).toBe(1);
  });
});

