import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { eventually, login, startTestWorker, uniqueTaskQueue, type RunningWorker } from '../helpers';
import { sharedStack } from '../shared-stack';

// Completing a task is a Temporal Update, which needs a worker to run the case. With every worker
// down the API must not hang: it answers 503 once its deadline passes, and the same request,
// repeated when a worker is back, completes the task exactly once. The same for the case's state
// query (the case page).

describe('task actions while no worker runs the case', () => {
  const taskQueue = uniqueTaskQueue('deadline');
  let worker: RunningWorker | undefined;
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    worker = await startTestWorker(taskQueue);
    db = createPool(sharedStack().databaseUrl, 3);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue, stateQueryTimeoutMs: 1_000 });
    app = await buildApp({ db, temporal, updateTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await temporal?.close();
    await db?.end();
  });

  it('answers 503 instead of hanging, and the repeated request completes the task once', async () => {
    const agent = await login(app, 'zj.cs_agent');
    const started = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent }, payload: { processKey: 'demo-approval', title: '工作进程停止时审批' } });
    expect(started.statusCode, started.body).toBe(201);
    const caseId = started.json().id as string;
    const taskId = await eventually(async () => (await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId])).rows[0]?.id);

    await worker!.stop();
    worker = undefined;
    const manager = await login(app, 'zj.cs_manager');
    const request = {
      method: 'POST' as const,
      url: `/api/tasks/${encodeURIComponent(taskId)}/complete`,
      headers: { cookie: manager, 'idempotency-key': `deadline-${caseId}` },
      payload: { outcome: 'approve', comment: '同意' },
    };
    const refused = await app.inject(request);
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'case.noAnswer', detail: expect.stringContaining('没有响应') });
    // The case page's live state is a query, which a worker answers too: bounded the same way.
    const state = await app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}/state`, headers: { cookie: manager } });
    expect(state.statusCode, state.body).toBe(503);
    expect(state.headers['content-type']).toContain('application/problem+json');
    expect(state.json()).toMatchObject({ code: 'case.noAnswer', params: { seconds: 2 }, detail: expect.stringContaining('2 秒内没有响应') });

    // A user repeats the request until the case answers: the first workflow task after the restart
    // may wait for the old worker's sticky queue to time out (5 s) before the new worker gets it.
    worker = await startTestWorker(taskQueue);
    const done = await eventually(async () => {
      const reply = await app.inject(request);
      return reply.statusCode === 503 ? undefined : reply;
    }, 30_000, 'the repeated request to be answered');
    expect(done.statusCode, done.body).toBe(200);
    await eventually(async () => ((await db.query(`SELECT status FROM process_case WHERE id = $1`, [caseId])).rows[0]?.status === 'completed' ? true : undefined));
    const completions = await db.query(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1 AND kind = 'task.completed'`, [caseId]);
    expect(completions.rows[0].n).toBe(1);
  });
});
