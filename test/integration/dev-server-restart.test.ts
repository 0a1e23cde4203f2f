import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../programs/launcher/ports';
import { startDevServer, type DevServer } from '../../programs/temporal-cli/dev-server';
import { eventually, login, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from '../helpers';

describe('the Temporal dev server restarted on the same data file', () => {
  const taskQueue = uniqueTaskQueue('restart');
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('keeps a waiting case, which then completes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shouwen-restart-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const dbFile = join(dir, 'temporal.db');
    const port = await freePort();
    const start = () => startDevServer({ cliPath: inject('temporalCliPath'), dbFile, port });

    let server: DevServer = await start();
    cleanups.push(() => server.stop());
    let worker: RunningWorker = await startTestWorker(taskQueue, server.address);
    const stack: TestStack = await startTestApi(taskQueue, server.address);
    cleanups.push(() => stack.close());

    const agent = await login(stack.app, 'gd.cs_agent');
    const manager = await login(stack.app, 'gd.cs_manager');
    const started = await stack.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent }, payload: { processKey: 'demo-approval', title: '服务器重启测试' } });
    expect(started.statusCode).toBe(201);
    const caseId: string = started.json().id;
    const taskId = await eventually(async () => {
      const { rows } = await stack.db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId]);
      return rows[0]?.id;
    });

    await worker.stop();
    await server.stop();
    const health = await stack.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', temporal: 'down', database: 'up' });

    server = await start();
    worker = await startTestWorker(taskQueue, server.address);
    cleanups.push(() => worker.stop());

    const description = await stack.temporal.client.workflow.getHandle(caseId).describe();
    expect(description.status.name).toBe('RUNNING');

    const res = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(taskId)}/complete`,
      headers: { cookie: manager },
      payload: { outcome: 'reject', comment: '资料不全' },
    });
    expect(res.statusCode).toBe(200);
    expect(await stack.temporal.client.workflow.getHandle(caseId).result()).toMatchObject({ status: 'completed', variables: { outcome: 'reject' } });
  });
});
