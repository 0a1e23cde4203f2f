import { useMutation } from '@tanstack/react-query';
import { api, idempotencyKey, taskPath } from './http';
import type { AssignmentResult } from '../../../contract';
import { useTasksChanged } from './useTaskInvalidation';

/** `POST /api/tasks/:id/unclaim`. */
export function useUnclaimTask() {
  const tasksChanged = useTasksChanged();
  return useMutation({
    mutationFn: (taskId: string) => api<AssignmentResult>(taskPath(taskId, '/unclaim'), { method: 'POST', headers: { 'idempotency-key': idempotencyKey() } }),
    onSettled: () => tasksChanged(),
  });
}
