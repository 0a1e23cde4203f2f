import { condition, defineUpdate, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';

// The benchmark's control (bench/, B1): the same case as bench's BPMN diagram — three service
// tasks, one human task projected to the inbox, an exclusive choice — written by hand, so the
// interpreter's overhead can be measured against it. Not used by the product.

type BenchActivities = Activities & { noop(input: unknown): Promise<Record<string, unknown>> };

const acts = proxyActivities<BenchActivities>({ startToCloseTimeout: '30 seconds' });

export const benchComplete = defineUpdate<{ outcome: string }, [{ taskId: string; userId: string; outcome: string }]>('completeTask');

export async function benchBaseline(input: { businessKey: string; initiatorId: string; unitId: string; startedAt: string }): Promise<string> {
  const caseId = workflowInfo().workflowId;
  const taskId = `${caseId}/approve/1`;
  let decided: string | undefined;
  let open = false;
  setHandler(
    benchComplete,
    async (u) => {
      decided = u.outcome;
      await acts.projectTaskCompleted({ caseId, taskId, userId: u.userId, outcome: u.outcome, comment: null, data: {}, completedAt: new Date().toISOString() });
      return { outcome: u.outcome };
    },
    {
      validator: (u) => {
        if (!open || decided || u.taskId !== taskId) throw new Error('task not open');
      },
    },
  );
  await acts.projectCaseStarted({ caseId, processKey: 'bench-baseline', processVersion: 1, businessKey: input.businessKey, title: 'bench', initiatorId: input.initiatorId, unitId: input.unitId, startedAt: input.startedAt });
  for (let i = 0; i < 3; i++) await acts.noop({});
  await acts.projectTaskOpened({ caseId, taskId, elementId: 'approve', name: 'approve', unitId: input.unitId, candidateRoles: ['cs_manager'], createdAt: new Date().toISOString() });
  open = true;
  await condition(() => decided !== undefined);
  const result = decided === 'approve' ? 'approved' : 'rejected';
  await acts.projectCaseEnded({ caseId, status: 'completed', endedAt: new Date().toISOString() });
  return result;
}
