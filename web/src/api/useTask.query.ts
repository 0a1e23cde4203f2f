import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, taskPath } from './http';
import { queryKeys } from './queryKeys';
import type { TaskDetail } from '../../../contract';

/** `GET /api/tasks/:id`: the task with its form, case, earlier steps, comments and what the user may do. */
export const taskQueryOptions = (taskId: string) =>
  queryOptions({
    queryKey: queryKeys.task(taskId),
    queryFn: ({ signal }) => api<TaskDetail>(taskPath(taskId), { signal }),
  });

export const useTask = (taskId: string) =>
  useQuery({
    ...taskQueryOptions(taskId),
    // Notices a completion or claim by someone else; the form is not re-imported on refresh (see TaskForm).
    refetchInterval: 10_000,
  });
