import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './http';
import { queryKeys } from './queryKeys';
import type { CaseWithEvents } from '../../../contract';

/** `GET /api/cases/:id`: the case and its event history. 404 (also: not allowed) is not retried. */
export const useCase = (caseId: string) =>
  useQuery({
    queryKey: queryKeys.case(caseId),
    queryFn: ({ signal }) => api<CaseWithEvents>(`/api/cases/${encodeURIComponent(caseId)}`, { signal }),
    retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 1,
    refetchInterval: 10_000,
  });
