import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './http';
import { queryKeys } from './queryKeys';
import type { CaseState } from '../../../contract';

/** `GET /api/cases/:id/state`: where the case stands. 404 (workflow gone) is not retried; callers show the bare diagram. */
export const useCaseState = (caseId: string) =>
  useQuery({
    queryKey: queryKeys.caseState(caseId),
    queryFn: ({ signal }) => api<CaseState>(`/api/cases/${encodeURIComponent(caseId)}/state`, { signal }),
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 1,
    refetchInterval: 15_000,
  });
