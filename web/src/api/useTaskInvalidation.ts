import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from './queryKeys';
import type { TaskPage } from '../../../contract';
import { withoutTasks } from './useTasks.query';

/** After a task leaves the user's hands: drop it from cached open lists now, then refetch lists, counts and details. */
export function useTasksChanged() {
  const qc = useQueryClient();
  return useCallback(
    (removedIds: Iterable<string> = []) => {
      const ids = new Set(removedIds);
      if (ids.size) {
        const openLists = { queryKey: queryKeys.taskLists, predicate: (q: { queryKey: readonly unknown[] }) => (q.queryKey[2] as { status?: string } | undefined)?.status === 'open' };
        qc.setQueriesData<InfiniteData<TaskPage>>(openLists, (d) => withoutTasks(d, ids));
      }
      void qc.invalidateQueries({ queryKey: queryKeys.tasks });
      void qc.invalidateQueries({ queryKey: queryKeys.cases });
    },
    [qc],
  );
}
