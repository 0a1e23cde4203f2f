import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api } from './http';
import { queryKeys } from './queryKeys';
import type { CaseState } from '../../../contract';

/** `GET /api/cases/:id/state`: where the case stands. 404 (workflow gone) is not retried; callers show the bare diagram. */
export const caseStateQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: queryKeys.caseState(caseId),
    queryFn: ({ signal }) => api<CaseState>(`/api/cases/${encodeURIComponent(caseId)}/state`, { signal }),
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 1,
  });

export const useCaseState = (caseId: string) => useQuery({ ...caseStateQueryOptions(caseId), refetchInterval: 15_000 });
