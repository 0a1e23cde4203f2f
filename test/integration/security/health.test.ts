import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from '../../helpers';

// Issue 11 §1: while the worker crash-looped and every case stood still, /api/health said ok —
// it asked Temporal and the database, never whether anyone was working the cases.

describe('health says whether a worker is working the cases', () => {
  const taskQueue = uniqueTaskQueue('health');
  let stack: TestStack;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    stack = await startTestApi(taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });

  it('answers 503 naming the worker while none polls the case task queue, 200 once one does', async () => {
    const without = await stack.app.inject({ method: 'GET', url: '/api/health' });
    expect(without.statusCode).toBe(503);
    expect(without.json()).toEqual({ status: 'degraded', temporal: 'up', worker: 'down', database: 'up' });

    worker = await startTestWorker(taskQueue);
    const healthy = await eventually(async () => {
      const res = await stack.app.inject({ method: 'GET', url: '/api/health' });
      return res.statusCode === 200 ? res.json() : undefined;
    }, 30_000, 'a healthy answer');
    expect(healthy).toEqual({ status: 'ok', temporal: 'up', worker: 'up', database: 'up' });
  });
});
