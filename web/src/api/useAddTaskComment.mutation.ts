import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, taskPath } from './http';
import { queryKeys } from './queryKeys';
import type { TaskComment, TaskDetail } from '../../../contract';

/** `POST /api/tasks/:id/comments` `{ body }`; the new comment is appended to the cached task at once. */
export function useAddTaskComment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, body }: { taskId: string; body: string }) => api<TaskComment>(taskPath(taskId, '/comments'), { method: 'POST', json: { body: body.trim() } }),
    onSuccess: (comment, { taskId }) => {
      qc.setQueryData<TaskDetail>(queryKeys.task(taskId), (d) => (d && !d.comments.some((c) => c.id === comment.id) ? { ...d, comments: [...d.comments, comment] } : d));
      void qc.invalidateQueries({ queryKey: queryKeys.task(taskId) });
    },
  });
}
