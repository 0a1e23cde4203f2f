import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { CreateViewBody, SavedView, UpdateViewBody } from '../../../contract';

/** Creates a view (`POST /api/views`), or changes one of the caller's (`PATCH /api/views/:id`) when `id` is given. */
export function useSaveView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: CreateViewBody | UpdateViewBody }) =>
      v.id ? api<SavedView>(`/api/views/${encodeURIComponent(v.id)}`, { method: 'PATCH', json: v.body }) : api<SavedView>('/api/views', { method: 'POST', json: v.body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.views }),
  });
}
