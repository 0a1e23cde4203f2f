import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureJob } from './worker-pool.fixture';
import { createWorkerPool, WorkerJobError, WorkerPoolRefusal, type WorkerPool, type WorkerPoolOptions } from './worker-pool';

const FIXTURE = new URL('./worker-pool.fixture.ts', import.meta.url);

describe('worker pool', () => {
  let pool: WorkerPool<FixtureJob, { echoed: unknown; threadId: number }> | undefined;
  const open = (options: Partial<WorkerPoolOptions> = {}) =>
    (pool = createWorkerPool(FIXTURE, { size: 1, queueLimit: 4, timeoutMs: 20_000, maxOldGenerationMb: 64, ...options }));
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  const refusal = (kind: WorkerPoolRefusal['kind']) => expect.objectContaining({ name: 'WorkerPoolRefusal', kind });

  it('runs TypeScript jobs in a thread and hands back plain data; a thread that throws hands back the error', async () => {
    const p = open({ size: 2 });
    const results = await Promise.all([1, 2, 3].map((n) => p.run({ kind: 'echo', value: { n, nested: [n, { deep: 'x' }], missing: undefined } })));
    expect(results.map((r) => r.echoed)).toEqual([1, 2, 3].map((n) => ({ n, nested: [n, { deep: 'x' }], missing: undefined })));
    await expect(p.run({ kind: 'throw', message: 'boom' })).rejects.toThrow(WorkerJobError);
    await expect(p.run({ kind: 'throw', message: 'boom' })).rejects.toThrow('boom');
    expect(p.stats()).toEqual({ threads: 2, running: 0, waiting: 0 });
  });

  it('ends a job past its time limit, and the next job runs on a new thread', async () => {
    const p = open({ timeoutMs: 500 });
    const before = await p.run({ kind: 'echo', value: 'before' });
    await expect(p.run({ kind: 'spin' })).rejects.toEqual(refusal('timeout'));
    await expect(p.run({ kind: 'spin' })).rejects.toThrow(/time limit of 500 ms/);
    const after = await p.run({ kind: 'echo', value: 'after' });
    expect(after.echoed).toBe('after');
    expect(after.threadId).not.toBe(before.threadId);
  });

  it('ends a job past its memory limit, and the pool recovers', async () => {
    const p = open({ maxOldGenerationMb: 48 });
    await expect(p.run({ kind: 'hoard' })).rejects.toEqual(refusal('outOfMemory'));
    await expect(p.run({ kind: 'echo', value: 'after' })).resolves.toEqual(expect.objectContaining({ echoed: 'after' }));
  });

  it('refuses a job when size jobs run and queueLimit wait; the waiting ones still run', async () => {
    const p = open({ size: 1, queueLimit: 1, timeoutMs: 1_500 });
    const spinning = p.run({ kind: 'spin' });
    const waiting = p.run({ kind: 'echo', value: 'waited' });
    await expect(p.run({ kind: 'echo', value: 'one too many' })).rejects.toEqual(refusal('busy'));
    const { running, waiting: queued } = p.stats();
    expect(running + queued).toBe(2);
    await expect(spinning).rejects.toEqual(refusal('timeout'));
    await expect(waiting).resolves.toEqual(expect.objectContaining({ echoed: 'waited' }));
  });

  it('refuses what waits when closed, and everything after', async () => {
    const p = open({ size: 1, queueLimit: 2 });
    const spinning = p.run({ kind: 'spin' });
    const waiting = p.run({ kind: 'echo', value: 1 });
    const settled = Promise.allSettled([spinning, waiting]);
    await p.close();
    expect(await settled).toEqual([
      { status: 'rejected', reason: refusal('closed') },
      { status: 'rejected', reason: refusal('closed') },
    ]);
    await expect(p.run({ kind: 'echo', value: 2 })).rejects.toEqual(refusal('closed'));
    expect(p.stats()).toEqual({ threads: 0, running: 0, waiting: 0 });
  });

  it('refuses a job whose thread cannot load its module, without restarting it for ever', async () => {
    pool = createWorkerPool(new URL('./no-such-module.ts', import.meta.url), { size: 1, queueLimit: 4, timeoutMs: 5_000, maxOldGenerationMb: 64 });
    const results = await Promise.allSettled([pool.run({ kind: 'spin' }), pool.run({ kind: 'spin' })]);
    expect(results).toEqual([
      { status: 'rejected', reason: refusal('crashed') },
      { status: 'rejected', reason: refusal('crashed') },
    ]);
    expect(pool.stats()).toEqual({ threads: 0, running: 0, waiting: 0 });
  });
});
