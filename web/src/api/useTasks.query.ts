import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { api } from './http';
import { pollInterval } from './liveEvents';
import { queryKeys } from './queryKeys';
import { normalizeParams, toApiQuery } from './taskListParams';
import type { TaskPage, TaskSummary } from '../../../contract';
import type { TaskListParams } from './listParams';

/** How often open lists refresh so new tasks appear without a reload, when the live stream is down (liveEvents.ts). */
export const TASK_POLL_MS = 5_000;

/**
 * `GET /api/tasks`: keyset-paginated (`nextCursor`), polled every 5 s. While filters change the previous
 * list stays on screen (`keepPreviousData`) instead of flashing a skeleton.
 */
export function useTasks(params: TaskListParams, options: { enabled?: boolean } = {}) {
  const normalized = normalizeParams(params);
  return useInfiniteQuery({
    queryKey: queryKeys.taskList(normalized),
    queryFn: ({ pageParam, signal }) => api<TaskPage>(`/api/tasks?${toApiQuery(normalized, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: pollInterval(TASK_POLL_MS),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The pages flattened, without the duplicates a keyset page can repeat when rows move between refreshes. */
export function flattenTaskPages(data: InfiniteData<TaskPage> | undefined): TaskSummary[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: TaskSummary[] = [];
  for (const page of data.pages) {
    for (const task of page.items) {
      if (seen.has(task.id)) continue;
      seen.add(task.id);
      out.push(task);
    }
  }
  return out;
}

/** Removes tasks from every cached list at once, so a decided row leaves the inbox before the next poll. */
export function withoutTasks(data: InfiniteData<TaskPage> | undefined, ids: ReadonlySet<string>): InfiniteData<TaskPage> | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((t) => !ids.has(t.id)) })) };
}
