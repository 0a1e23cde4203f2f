import { useMutation } from '@tanstack/react-query';
import { api, idempotencyKey, taskPath } from './http';
import type { AssignmentResult } from '../../../contract';
import { useTasksChanged } from './useTaskInvalidation';

/** `POST /api/tasks/:id/delegate` `{ userId, reason?, override? }` (an override needs a reason). */
export function useDelegateTask() {
  const tasksChanged = useTasksChanged();
  return useMutation({
    mutationFn: ({ taskId, userId, reason, override }: { taskId: string; userId: string; reason?: string; override?: boolean }) =>
      api<AssignmentResult>(taskPath(taskId, '/delegate'), {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey() },
        json: { userId: userId.trim(), reason: reason?.trim() || undefined, ...(override ? { override: true } : {}) },
      }),
    onSettled: () => tasksChanged(),
  });
}
