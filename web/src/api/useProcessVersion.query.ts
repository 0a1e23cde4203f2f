import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { ProcessVersion } from './types';

/** `GET /api/processes/:key/versions/:version`: a deployed version never changes, so it is cached for the session. */
export const useProcessVersion = (key: string, version: number, enabled = true) =>
  useQuery({
    queryKey: queryKeys.processVersion(key, version),
    queryFn: ({ signal }) => api<ProcessVersion>(`/api/processes/${encodeURIComponent(key)}/versions/${version}`, { signal }),
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    enabled,
  });
