import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { Case, CaseList } from '../../../contract';
import type { CaseListParams } from './listParams';
import { caseListApiQuery } from './caseListParams';

/**
 * `GET /api/cases`: the cases the user may read, newest first, filtered and searched by the server,
 * a page at a time (keyset `nextCursor`: 加载更多); polled so new and ended cases show up.
 */
export function useCases(params: CaseListParams) {
  return useInfiniteQuery({
    queryKey: queryKeys.caseList(params),
    queryFn: ({ pageParam, signal }) => api<CaseList>(`/api/cases?${caseListApiQuery(params, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
}

/** The pages as one list, without a case twice (a refresh may move one across a page boundary). */
export function flattenCasePages(data: InfiniteData<CaseList> | undefined): Case[] {
  const seen = new Set<string>();
  return (data?.pages ?? []).flatMap((p) => p.items).filter((c) => !seen.has(c.id) && !!seen.add(c.id));
}
