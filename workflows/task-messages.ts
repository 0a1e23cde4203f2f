import { defineQuery, defineUpdate } from '@temporalio/workflow';

export type TaskOutcome = 'approve' | 'reject';

export interface CompleteTaskInput {
  taskId: string;
  userId: string;
  outcome: TaskOutcome;
  comment?: string;
  data?: Record<string, unknown>;
}

export interface CompleteTaskResult {
  taskId: string;
  outcome: TaskOutcome;
  completedAt: string;
}

export interface OpenTask {
  taskId: string;
  elementId: string;
  name: string;
}

/** A human decision: sent by the API (after its permission check) as a Workflow Update. */
export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export const openTasksQuery = defineQuery<OpenTask[]>('openTasks');
