import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { IncidentList } from '../../../contract';

/** `GET /api/incidents`: open incidents of the cases the user may read, newest first. */
export const useIncidents = (enabled = true) =>
  useQuery({
    queryKey: queryKeys.incidents,
    queryFn: ({ signal }) => api<IncidentList>('/api/incidents', { signal }),
    refetchInterval: 15_000,
    enabled,
  });
