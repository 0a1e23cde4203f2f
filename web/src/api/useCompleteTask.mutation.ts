import { useMutation } from '@tanstack/react-query';
import { api, idempotencyKey, taskPath } from './http';
import type { CompleteTaskBody, CompleteTaskResult } from '../../../contract';
import { useTasksChanged } from './useTaskInvalidation';

/** `POST /api/tasks/:id/complete` with a fresh `idempotency-key`; the task leaves open lists on success. */
export function useCompleteTask() {
  const tasksChanged = useTasksChanged();
  return useMutation({
    mutationFn: ({ taskId, ...body }: CompleteTaskBody & { taskId: string }) =>
      api<CompleteTaskResult>(taskPath(taskId, '/complete'), {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey() },
        json: { outcome: body.outcome, comment: body.comment?.trim() || undefined, data: body.data },
      }),
    onSuccess: (_r, v) => tasksChanged([v.taskId]),
    onError: () => tasksChanged(),
  });
}
