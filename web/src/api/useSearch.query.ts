import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { SearchResult } from '../../../contract';

/** `GET /api/search?q=`: the header search; callers debounce `q`. Asks nothing for an empty `q`. */
export const useSearch = (q: string) =>
  useQuery<SearchResult>({
    queryKey: queryKeys.search(q.trim()),
    queryFn: ({ signal }) => api<SearchResult>(`/api/search?${new URLSearchParams({ q: q.trim(), limit: '5' })}`, { signal }),
    enabled: q.trim().length > 0,
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
