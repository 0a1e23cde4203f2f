import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { SavedViewList } from '../../../contract';

/** `GET /api/views`: the caller's saved inbox views, those shared with their teams, and the teams they may share with. */
export const useSavedViews = () =>
  useQuery({
    queryKey: queryKeys.views,
    queryFn: ({ signal }) => api<SavedViewList>('/api/views', { signal }),
    staleTime: 30_000,
  });
