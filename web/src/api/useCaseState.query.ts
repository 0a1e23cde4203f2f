import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { CaseState } from '../../../contract';

/** `GET /api/cases/:id/state`: where the case stands. 404 (workflow gone): callers show the bare diagram; a refusal is not asked again (api/queryClient.ts). */
export const caseStateQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: queryKeys.caseState(caseId),
    queryFn: ({ signal }) => api<CaseState>(`/api/cases/${encodeURIComponent(caseId)}/state`, { signal }),
  });

export const useCaseState = (caseId: string) => useQuery({ ...caseStateQueryOptions(caseId), refetchInterval: 15_000 });
