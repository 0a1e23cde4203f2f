import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, taskPath } from './http';
import type { EligibleUsers, UserHit } from '../../../contract';

/** `GET /api/tasks/:id/eligible-users?q=`: who the task may be delegated to, a page at a time; callers debounce `q`. */
export const useEligibleUsers = (taskId: string, q: string, enabled = true) =>
  useInfiniteQuery({
    queryKey: ['tasks', 'detail', taskId, 'eligible-users', q.trim()],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '20', offset: String(pageParam) });
      if (q.trim()) query.set('q', q.trim());
      return api<EligibleUsers>(taskPath(taskId, `/eligible-users?${query}`), { signal });
    },
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

/** `GET /api/users?q=`: any active user, for a manager's override. */
export const useActiveUsers = (q: string, enabled: boolean) =>
  useQuery<UserHit[]>({
    queryKey: ['users', q.trim()],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: '20' });
      if (q.trim()) query.set('q', q.trim());
      return api<{ items: UserHit[] }>(`/api/users?${query}`, { signal }).then((r) => r.items);
    },
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
