import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { pollInterval } from './liveEvents';
import { queryKeys } from './queryKeys';
import type { TaskCounts } from '../../../contract';
import { TASK_POLL_MS } from './useTasks.query';

/** `GET /api/tasks/counts`: open tasks per view, plus overdue and due-soon totals. */
export const useTaskCounts = () =>
  useQuery({
    queryKey: queryKeys.taskCounts,
    queryFn: ({ signal }) => api<TaskCounts>('/api/tasks/counts', { signal }),
    refetchInterval: pollInterval(TASK_POLL_MS),
  });
