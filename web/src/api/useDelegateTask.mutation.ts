import { useMutation } from '@tanstack/react-query';
import { api, idempotencyKey, taskPath } from './http';
import type { AssignmentResult } from '../../../contract';
import { useTasksChanged } from './useTaskInvalidation';

/** `POST /api/tasks/:id/delegate` `{ userId, reason? }`. */
export function useDelegateTask() {
  const tasksChanged = useTasksChanged();
  return useMutation({
    mutationFn: ({ taskId, userId, reason }: { taskId: string; userId: string; reason?: string }) =>
      api<AssignmentResult>(taskPath(taskId, '/delegate'), {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey() },
        json: { userId: userId.trim(), reason: reason?.trim() || undefined },
      }),
    onSettled: () => tasksChanged(),
  });
}
