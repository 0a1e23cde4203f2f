import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runProjectionBatch } from '../../activities/projection';
import type { ProjectionWrite } from '../../activities/projection';
import { startEngineEnv, type EngineEnv } from './engine-env';

// B1's control (workflows/bench-baseline.ts) under overload: at concurrency 128 its case could end
// while the approval's projection was still running, so the completeTask Update failed ("the
// Workflow completed before the Update completed") and the bench resent it forever — B1 hung.

describe('engine: the hand-written benchmark case', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('answers the approval before it ends, even when the approval is projected slowly', async () => {
    const calls: string[] = [];
    const quick = (name: string) => async () => void calls.push(name);
    const writers = {
      projectCaseStarted: quick('projectCaseStarted'),
      projectTaskOpened: quick('projectTaskOpened'),
      // Slower than the case's end (a busy database): the case must still wait for it.
      projectTaskCompleted: async () => {
        await new Promise((r) => setTimeout(r, 300));
        calls.push('projectTaskCompleted');
      },
      projectCaseEnded: quick('projectCaseEnded'),
    } as unknown as Parameters<typeof runProjectionBatch>[0];
    const taskQueue = `bench-${randomUUID().slice(0, 8)}`;
    const worker = await Worker.create({
      connection: e.env.nativeConnection,
      namespace: e.env.namespace ?? 'default',
      taskQueue,
      workflowBundle: { codePath: inject('engineBundlePath') },
      activities: {
        noop: async () => ({}),
        // Written in batches, as the engine writes them (workflows/bpmn/projection-batch.ts).
        projectBatch: (writes: ProjectionWrite[]) => runProjectionBatch(writers, writes),
      },
    });
    await worker.runUntil(async () => {
      const workflowId = `bench-baseline/${randomUUID().slice(0, 8)}`;
      const handle = await e.env.client.workflow.start('benchBaseline', { taskQueue, workflowId, args: [{ businessKey: 'b', initiatorId: 'zj.cs_agent', unitId: 'zj', startedAt: new Date().toISOString() }] });
      const taskId = `${workflowId}/approve/1`;
      // As B1's approver does: the task is open once its projection is written.
      while (!calls.includes('projectTaskOpened')) await new Promise((r) => setTimeout(r, 10));
      const answer = await handle.executeUpdate('completeTask', { updateId: `bench:${taskId}`, args: [{ taskId, userId: 'zj.cs_manager', outcome: 'approve' }] });
      expect(answer).toEqual({ outcome: 'approve' });
      expect(await handle.result()).toBe('approved');
      expect(calls.indexOf('projectTaskCompleted')).toBeLessThan(calls.indexOf('projectCaseEnded'));
    });
  });
});
