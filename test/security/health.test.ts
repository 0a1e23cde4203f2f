import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLauncherStatus } from '../../server/launcher-status';
import { eventually, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from '../helpers';

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

  // Issue 11 §1: a worker crash-looping under `npm start` was restarted for ever; now the launcher
  // gives up and says so in its status file, and health reports it at once — while Temporal still
  // remembers the dead worker's last poll.
  it('reports the launcher\'s children, and the worker down as soon as the launcher gave up on it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shouwen-health-'));
    const file = join(dir, 'launcher-status.json');
    const supervised = await startTestApi(taskQueue, undefined, { launcherStatusFile: file });
    try {
      const now = Date.now();
      await writeLauncherStatus(file, {
        updatedAt: now,
        children: { temporal: { state: 'running', crashes: [] }, worker: { state: 'running', crashes: [now - 60_000], lastExit: 'exit code 1' } },
      });
      const up = await eventually(async () => {
        const res = await supervised.app.inject({ method: 'GET', url: '/api/health' });
        return res.statusCode === 200 ? res.json() : undefined;
      }, 30_000, 'a healthy answer');
      expect(up).toEqual({
        status: 'ok',
        temporal: 'up',
        worker: 'up',
        database: 'up',
        processes: { temporal: { state: 'running', recentCrashes: 0 }, worker: { state: 'running', recentCrashes: 1, lastExit: 'exit code 1' } },
      });

      const crashes = Array.from({ length: 8 }, (_, i) => now - i * 20_000);
      await writeLauncherStatus(file, { updatedAt: now, children: { temporal: { state: 'running', crashes: [] }, worker: { state: 'gave-up', crashes, lastExit: 'exit code 1' } } });
      const down = await supervised.app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({
        status: 'degraded',
        temporal: 'up',
        worker: 'down',
        database: 'up',
        processes: { temporal: { state: 'running', recentCrashes: 0 }, worker: { state: 'gave-up', recentCrashes: 8, lastExit: 'exit code 1' } },
      });
    } finally {
      await supervised.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
