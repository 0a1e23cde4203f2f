import { allHandlersFinished, ApplicationFailure, condition, defineUpdate, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { TaskFailure } from './bpmn/task-failures';

// The benchmark's control (bench/, B1): the same case as bench's BPMN diagram — three service
// tasks, one human task projected to the inbox, an exclusive choice — written by hand, so the
// interpreter's overhead can be measured against it. Not used by the product; its executions live
// only on a bench run's throwaway Temporal server, so no recorded history of it exists to replay.
//
// It keeps the engine's order of effects and its batching (workflows/bpmn/task-book.ts,
// projection-queue.ts): the start is written before the service tasks run, the task is open before
// it is projected, the completion and the end are written together, the Update answers once they
// are, and the case ends only after it has answered. (It used to take the decision before
// projecting it and end without waiting: under load the case ended first, the Update failed with
// "the Workflow completed before the Update completed", and B1's approver resent it forever — the
// hang at concurrency 128.)

type BenchActivities = Activities & { noop(input: unknown): Promise<Record<string, unknown>> };

const acts = proxyActivities<BenchActivities>({ startToCloseTimeout: '30 seconds' });

export const benchComplete = defineUpdate<{ outcome: string }, [{ taskId: string; userId: string; outcome: string }]>('completeTask');

export async function benchBaseline(input: { businessKey: string; initiatorId: string; unitId: string; startedAt: string }): Promise<string> {
  const caseId = workflowInfo().workflowId;
  const taskId = `${caseId}/approve/1`;
  let decided: { userId: string; outcome: string } | undefined;
  let written = false;
  let open = false;
  let completing = false;
  setHandler(
    benchComplete,
    async (u) => {
      completing = true;
      decided = { userId: u.userId, outcome: u.outcome };
      await condition(() => written);
      return { outcome: u.outcome };
    },
    {
      validator: (u) => {
        if (!open || completing || u.taskId !== taskId) throw ApplicationFailure.create({ type: TaskFailure.notOpen, message: 'task not open', nonRetryable: true });
      },
    },
  );
  await acts.projectBatch([{ kind: 'projectCaseStarted', input: { caseId, processKey: 'bench-baseline', processVersion: 1, businessKey: input.businessKey, title: 'bench', initiatorId: input.initiatorId, unitId: input.unitId, startedAt: input.startedAt } }]);
  for (let i = 0; i < 3; i++) await acts.noop({});
  open = true;
  await acts.projectBatch([{ kind: 'projectTaskOpened', input: { caseId, taskId, elementId: 'approve', name: 'approve', unitId: input.unitId, candidateRoles: ['cs_manager'], createdAt: new Date().toISOString() } }]);
  await condition(() => decided !== undefined);
  const { userId, outcome } = decided!;
  const result = outcome === 'approve' ? 'approved' : 'rejected';
  await acts.projectBatch([
    { kind: 'projectTaskCompleted', input: { caseId, taskId, userId, outcome, comment: null, data: {}, completedAt: new Date().toISOString() } },
    { kind: 'projectCaseEnded', input: { caseId, status: 'completed', endedAt: new Date().toISOString() } },
  ]);
  written = true;
  await condition(allHandlersFinished);
  return result;
}
