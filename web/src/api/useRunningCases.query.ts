import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import type { CaseList } from '../../../contract';

/** `GET /api/cases?processKey=…&status=running`: the running cases of one process the reader may read (the first 200), for moving them to another version. */
export const useRunningCases = (processKey: string) =>
  useQuery({
    queryKey: ['cases', 'running-of', processKey],
    queryFn: ({ signal }) => api<CaseList>(`/api/cases?processKey=${encodeURIComponent(processKey)}&status=running&limit=200`, { signal }),
  });
