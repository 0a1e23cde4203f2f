import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { Customer } from '../../../contract';

/** `GET /api/customers?q=`: customer look-up; callers debounce `q`. Secret customers come back masked. */
export const useCustomers = (q: string, enabled = true) =>
  useQuery<Customer[]>({
    queryKey: queryKeys.customers(q.trim()),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: '20' });
      if (q.trim()) query.set('q', q.trim());
      return api<{ items: Customer[] }>(`/api/customers?${query}`, { signal }).then((r) => r.items);
    },
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
