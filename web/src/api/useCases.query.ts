import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { Case } from '../../../contract';
import type { CaseListParams } from './listParams';

/** `GET /api/cases?owner=me&status=…`: cases the user may read, newest first; polled so new and ended cases show up. */
export function useCases(params: CaseListParams) {
  const query = new URLSearchParams({ limit: '200' });
  if (params.owner) query.set('owner', params.owner);
  if (params.status) query.set('status', params.status);
  return useQuery<Case[]>({
    queryKey: queryKeys.caseList(params),
    queryFn: ({ signal }) => api<{ items: Case[] }>(`/api/cases?${query}`, { signal }).then((r) => r.items),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
}
