import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { UserHit } from '../../../contract';

/** At most what `GET /api/processes/assignees` gives in one page. */
const ASSIGNEE_LIMIT = 100;

/** `GET /api/processes/assignees`: people a process owner may name as a step's assignee (the editor's picker). */
export const useProcessAssignees = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.processAssignees,
    queryFn: ({ signal }) => api<{ items: UserHit[] }>(`/api/processes/assignees?limit=${ASSIGNEE_LIMIT}`, { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
    enabled,
  });
