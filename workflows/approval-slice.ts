import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ProjectionActivities } from '../activities/projection';
import { CaseStatus } from './search-attributes';
import { completeTaskUpdate, openTasksQuery, type CompleteTaskInput, type CompleteTaskResult, type OpenTask } from './task-messages';

// The first vertical slice: one hand-written approval step proving API → Update → workflow →
// activity → PostgreSQL → API. The BPMN interpreter replaces it.

export const DEMO_APPROVAL_PROCESS_KEY = 'demo-approval';

export interface ApprovalSliceInput {
  businessKey: string;
  title: string;
  initiatorId: string;
  unitId: string;
  approverRole: string;
  /** Chosen by the API, so its own projection of the start and the workflow's agree. */
  startedAt: string;
}

export interface ApprovalSliceResult {
  outcome: CompleteTaskResult['outcome'];
  completedBy: string;
}

const projection = proxyActivities<ProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function approvalSlice(input: ApprovalSliceInput): Promise<ApprovalSliceResult> {
  const caseId = workflowInfo().workflowId;
  const task: OpenTask = { taskId: `${caseId}/approve/1`, elementId: 'approve', name: '审批' };
  let completion: CompleteTaskInput | undefined;
  let completionResult: CompleteTaskResult | undefined;

  setHandler(openTasksQuery, () => (completion ? [] : [task]));
  setHandler(
    completeTaskUpdate,
    async (update) => {
      completion = update;
      // Answer only once the completion is in PostgreSQL, so the caller's next read sees it.
      await condition(() => completionResult !== undefined);
      return completionResult!;
    },
    {
      validator: (update) => {
        if (update.taskId !== task.taskId) throw new Error(`task ${update.taskId} is not open in this case`);
        if (completion) throw new Error(`task ${update.taskId} is already completed`);
      },
    },
  );

  await projection.projectCaseStarted({
    caseId,
    processKey: DEMO_APPROVAL_PROCESS_KEY,
    processVersion: 1,
    businessKey: input.businessKey,
    title: input.title,
    initiatorId: input.initiatorId,
    unitId: input.unitId,
    startedAt: input.startedAt,
  });
  await projection.projectTaskOpened({
    caseId,
    taskId: task.taskId,
    elementId: task.elementId,
    name: task.name,
    unitId: input.unitId,
    candidateRoles: [input.approverRole],
    createdAt: new Date().toISOString(),
  });

  await condition(() => completion !== undefined);
  const done = completion!;
  const completedAt = new Date().toISOString();
  await projection.projectTaskCompleted({
    caseId,
    taskId: done.taskId,
    userId: done.userId,
    outcome: done.outcome,
    comment: done.comment ?? null,
    data: done.data ?? {},
    completedAt,
  });
  completionResult = { taskId: done.taskId, outcome: done.outcome, completedAt };

  await projection.projectCaseEnded({ caseId, status: 'completed', endedAt: new Date().toISOString() });
  upsertSearchAttributes([{ key: CaseStatus, value: 'completed' }]);
  // Let the update handler deliver its answer before the run closes.
  await condition(() => completionResult !== undefined);
  return { outcome: done.outcome, completedBy: done.userId };
}
