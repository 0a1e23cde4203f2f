import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { ProcessVersionInfo } from '../../../contract';

/** `GET /api/processes/:key/versions`: every deployed version of one process, newest first. */
export const useProcessVersions = (key: string | undefined) =>
  useQuery({
    queryKey: queryKeys.processVersions(key ?? ''),
    queryFn: ({ signal }) =>
      api<{ items: ProcessVersionInfo[] }>(`/api/processes/${encodeURIComponent(key!)}/versions`, { signal }).then((r) => [...r.items].sort((a, b) => b.version - a.version)),
    enabled: Boolean(key),
  });
