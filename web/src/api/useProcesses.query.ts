import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { ProcessSummary } from '../../../contract';

/** `GET /api/processes` (latest version of each): the inbox's process filter options. */
export const useProcesses = () =>
  useQuery({
    queryKey: queryKeys.processes,
    queryFn: ({ signal }) => api<{ items: ProcessSummary[] }>('/api/processes', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

/** `complaint`, 2 → 客户投诉管理流程 v2: the process's name (of its latest version) where the console would show its key. */
export function useProcessLabel(): (processKey: string, version: number) => string {
  const processes = useProcesses();
  const names = useMemo(() => new Map((processes.data ?? []).map((p) => [p.key, p.name])), [processes.data]);
  return useCallback((processKey: string, version: number) => `${names.get(processKey) ?? processKey} v${version}`, [names]);
}
