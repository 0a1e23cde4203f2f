import { useQuery } from '@tanstack/react-query';
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
