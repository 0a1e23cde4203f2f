import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { eventually, login, startTestWorker, uniqueTaskQueue, type RunningWorker } from '../helpers';
import { sharedStack } from '../shared-stack';
import { operationIdOf } from '../../server/http/idempotency';
import type { IdempotencyScope } from '../../db/idempotency';
import { completeTaskUpdate } from '../../workflows/bpmn/messages';

// Issue 11 §3–4: one Idempotency-Key (per user, route and target) is one operation. Found before:
// a repeat after success answered 409 although the earlier 503 had said "repeat with the same key",
// a key reused with another body acted again, and POST /api/cases took no key at all, so a start
// whose projection failed could only be repeated as a second case.

type App = Awaited<ReturnType<typeof buildApp>>;

async function openTask(db: Db, caseId: string): Promise<string> {
  return eventually(async () => (await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId])).rows[0]?.id, 30_000, 'an open task');
}

async function eventCount(db: Db, caseId: string, kind: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1 AND kind = $2`, [caseId, kind]);
  return rows[0]!.n;
}

describe('Idempotency-Key on task actions and case starts', () => {
  const taskQueue = uniqueTaskQueue('idem');
  let worker: RunningWorker | undefined;
  let db: Db;
  let temporal: TemporalAccess;
  let app: App;
  let agent: string;
  let manager: string;

  beforeAll(async () => {
    worker = await startTestWorker(taskQueue);
    db = createPool(sharedStack().databaseUrl, 6);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue });
    app = await buildApp({ db, temporal, updateTimeoutMs: 2_000 });
    agent = await login(app, 'zj.cs_agent');
    manager = await login(app, 'zj.cs_manager');
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await temporal?.close();
    await db?.end();
  });

  async function startCase(title: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent, 'idempotency-key': `start-${randomUUID()}` }, payload: { processKey: 'demo-approval', title } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('five concurrent claims with one key: one claim, one event, the same answer five times', async () => {
    const caseId = await startCase('并发认领');
    const taskId = await openTask(db, caseId);
    const claim = { method: 'POST' as const, url: `/api/tasks/${encodeURIComponent(taskId)}/claim`, headers: { cookie: manager, 'idempotency-key': `claim-${randomUUID()}` } };
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.inject(claim)));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await eventCount(db, caseId, 'task.claimed')).toBe(1);

    // Later repeats replay the stored outcome too.
    const later = await app.inject(claim);
    expect(later.statusCode).toBe(200);
    expect(later.body).toBe(answers[0]!.body);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount(db, caseId, 'task.claimed')).toBe(1);
  });

  it('concurrent claims by one user with different keys (or none): one claim event, every answer the claim', async () => {
    const caseId = await startCase('重复认领');
    const taskId = await openTask(db, caseId);
    const url = `/api/tasks/${encodeURIComponent(taskId)}/claim`;
    const answers = await Promise.all([
      ...Array.from({ length: 3 }, () => app.inject({ method: 'POST', url, headers: { cookie: manager, 'idempotency-key': `claim-${randomUUID()}` } })),
      app.inject({ method: 'POST', url, headers: { cookie: manager } }),
    ]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    expect(new Set(answers.map((a) => a.json().assigneeId))).toEqual(new Set(['zj.cs_manager']));
    expect(await eventCount(db, caseId, 'task.claimed')).toBe(1);
  });

  it('a repeated completion after success replays 200 and its body, not 409; the case event is written once', async () => {
    const caseId = await startCase('重复提交');
    const taskId = await openTask(db, caseId);
    const complete = {
      method: 'POST' as const,
      url: `/api/tasks/${encodeURIComponent(taskId)}/complete`,
      headers: { cookie: manager, 'idempotency-key': `complete-${randomUUID()}` },
      payload: { outcome: 'approve', comment: '同意' },
    };
    const first = await app.inject(complete);
    expect(first.statusCode, first.body).toBe(200);
    const again = await app.inject(complete);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.body).toBe(first.body);
    expect(await eventCount(db, caseId, 'task.completed')).toBe(1);

    // The same key with another body is a different request: refused, nothing done.
    const reused = await app.inject({ ...complete, payload: { outcome: 'reject', comment: '不同意' } });
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.json()).toMatchObject({ code: 'idempotency.key_reused', errors: [{ path: 'headers.idempotency-key' }] });
    expect(await eventCount(db, caseId, 'task.completed')).toBe(1);

    // A refusal is an outcome too: replayed, not re-evaluated.
    const otherTask = await openTask(db, await startCase('拒绝也是结果'));
    const refused = { method: 'POST' as const, url: `/api/tasks/${encodeURIComponent(otherTask)}/complete`, headers: { cookie: manager, 'idempotency-key': `refused-${randomUUID()}` }, payload: { outcome: 'reject' } };
    const r1 = await app.inject(refused);
    expect(r1.statusCode, r1.body).toBe(400);
    const r2 = await app.inject(refused);
    expect(r2.statusCode).toBe(400);
    expect(r2.body).toBe(r1.body);
    expect(r2.headers['idempotent-replayed']).toBe('true');
  });

  it('a key is scoped to its user, route and target: the same key elsewhere is a new operation', async () => {
    const key = `shared-${randomUUID()}`;
    const taskA = await openTask(db, await startCase('同一个键 A'));
    const taskB = await openTask(db, await startCase('同一个键 B'));
    const a = await app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskA)}/claim`, headers: { cookie: manager, 'idempotency-key': key } });
    const b = await app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskB)}/claim`, headers: { cookie: manager, 'idempotency-key': key } });
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(a.json().taskId).toBe(taskA);
    expect(b.json().taskId).toBe(taskB);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a case start repeated with its key answers the same case; another body is refused', async () => {
    const key = `start-${randomUUID()}`;
    const start = { method: 'POST' as const, url: '/api/cases', headers: { cookie: agent, 'idempotency-key': key }, payload: { processKey: 'demo-approval', title: '只开一次' } };
    const first = await app.inject(start);
    expect(first.statusCode, first.body).toBe(201);
    const again = await app.inject(start);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM process_case WHERE title = '只开一次' AND initiator_id = 'zj.cs_agent'`);
    expect(rows[0].n).toBe(1);
    const other = await app.inject({ ...start, payload: { processKey: 'demo-approval', title: '另一个' } });
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().code).toBe('idempotency.key_reused');
  });

  it('after a 503 the repeat gets the outcome of the action that went through meanwhile, not 409', async () => {
    const caseId = await startCase('先 503 后成功');
    const taskId = await openTask(db, caseId);
    await worker!.stop();
    worker = undefined;
    const complete = {
      method: 'POST' as const,
      url: `/api/tasks/${encodeURIComponent(taskId)}/complete`,
      headers: { cookie: manager, 'idempotency-key': `after-503-${randomUUID()}` },
      payload: { outcome: 'approve', comment: '同意' },
    };
    const refused = await app.inject(complete);
    expect(refused.statusCode, refused.body).toBe(503);

    // The action goes through meanwhile: the same Update (its id is the key's operation id) reaches
    // the case once a worker is back. Temporal keeps an Update no worker has accepted in memory only
    // and may drop it (CI 116: the admitted one never ran), so the test sends it again itself, as a
    // second API process repeating the request would; Temporal runs one Update per id.
    worker = await startTestWorker(taskQueue);
    const { rows: keyRows } = await db.query<IdempotencyScope>(
      `SELECT user_id AS "userId", route, target, key FROM idempotency_key WHERE key = $1`,
      [complete.headers['idempotency-key']],
    );
    expect(keyRows).toHaveLength(1);
    await temporal.client.workflow.getHandle(caseId).executeUpdate(completeTaskUpdate, {
      updateId: operationIdOf(keyRows[0]!),
      args: [{ taskId, userId: 'zj.cs_manager', outcome: 'approve', comment: '同意', data: {} }],
    });
    await eventually(async () => ((await db.query(`SELECT status FROM task WHERE id = $1`, [taskId])).rows[0]?.status === 'completed' ? true : undefined), 30_000, 'the task completed');

    const repeated = await app.inject(complete);
    expect(repeated.statusCode, repeated.body).toBe(200);
    expect(repeated.json()).toMatchObject({ taskId, outcome: 'approve' });
    expect(await eventCount(db, caseId, 'task.completed')).toBe(1);
  });

  it('a duplicate that outwaits its wait answers 409 in progress with Retry-After only while the first runs', async () => {
    const caseId = await startCase('仍在处理');
    const taskId = await openTask(db, caseId);
    // An API that waits long for the workflow and briefly for a duplicate's first attempt.
    const patient = await buildApp({ db, temporal, updateTimeoutMs: 5_000, idempotencyWaitMs: 100 });
    try {
      await worker!.stop();
      worker = undefined;
      const key = `busy-${randomUUID()}`;
      const complete = { method: 'POST' as const, url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers: { cookie: manager, 'idempotency-key': key }, payload: { outcome: 'approve', comment: '同意' } };
      const first = patient.inject(complete);
      await eventually(async () => ((await db.query(`SELECT 1 FROM idempotency_key WHERE key = $1 AND owner IS NOT NULL`, [key])).rowCount ? true : undefined), 10_000, 'the first attempt holding the key');
      const duplicate = await patient.inject(complete);
      expect(duplicate.statusCode, duplicate.body).toBe(409);
      expect(duplicate.headers['retry-after']).toBe('1');
      expect(duplicate.json()).toMatchObject({ code: 'idempotency.in_progress' });
      expect((await first).statusCode).toBe(503);

      // The first attempt is over (503, not final): the next repeat executes, it is not told "in progress".
      worker = await startTestWorker(taskQueue);
      const repeated = await patient.inject(complete);
      expect(repeated.statusCode, repeated.body).toBe(200);
      expect(await eventCount(db, caseId, 'task.completed')).toBe(1);
    } finally {
      await patient.close();
    }
  });
});

describe('a case start and its projection are one outcome', () => {
  const taskQueue = uniqueTaskQueue('idem-start');
  const title = `投影失败一次 ${randomUUID().slice(0, 8)}`;
  const failures = `test_fail_case_${randomUUID().slice(0, 8)}`;
  let db: Db;
  let temporal: TemporalAccess;
  let app: App;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    db = createPool(sharedStack().databaseUrl, 4);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue });
    app = await buildApp({ db, temporal });
    // A failure between starting the workflow and writing the case: the first insert of this
    // test's case fails once, in the database, as a lost connection or a full disk would (a
    // sequence counts the attempts: nextval survives the rollback of the insert it fails).
    await db.query(`CREATE SEQUENCE ${failures}`);
    await db.query(`CREATE FUNCTION ${failures}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title = '${title}' AND nextval('${failures}') = 1 THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER ${failures} BEFORE INSERT ON process_case FOR EACH ROW EXECUTE FUNCTION ${failures}()`);
  });
  afterAll(async () => {
    await db?.query(`DROP TRIGGER IF EXISTS ${failures} ON process_case; DROP FUNCTION IF EXISTS ${failures}(); DROP SEQUENCE IF EXISTS ${failures}`).catch(() => undefined);
    await worker?.stop();
    await app?.close();
    await temporal?.close();
    await db?.end();
  });

  it('a failed projection leaves no case; the repeat with the same key completes the one workflow, once', async () => {
    const agent = await login(app, 'zj.cs_agent');
    const start = { method: 'POST' as const, url: '/api/cases', headers: { cookie: agent, 'idempotency-key': `start-${randomUUID()}` }, payload: { processKey: 'demo-approval', title } };

    // No worker yet: only the API can write the case, and its write fails.
    const failed = await app.inject(start);
    expect(failed.statusCode, failed.body).toBe(500);
    const cases = async () => (await db.query<{ id: string }>(`SELECT id FROM process_case WHERE title = $1`, [title])).rows;
    expect(await cases()).toEqual([]);

    const repeated = await app.inject(start);
    expect(repeated.statusCode, repeated.body).toBe(201);
    const caseId = repeated.json().id as string;
    expect((await cases()).map((c) => c.id)).toEqual([caseId]);
    expect(await eventCount(db, caseId, 'case.started')).toBe(1);

    // The workflow the first attempt started is the case: it runs once a worker is there, and
    // it is the only one this test's task queue ever got.
    worker = await startTestWorker(taskQueue);
    await openTask(db, caseId);
    expect(await eventCount(db, caseId, 'case.started')).toBe(1);
    const workflows = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of temporal.client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) ids.push(w.workflowId);
      return ids.includes(caseId) ? ids : undefined;
    }, 30_000, 'the case in visibility');
    expect(workflows).toEqual([caseId]);
  });
});
