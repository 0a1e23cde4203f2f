import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';

/** `DELETE /api/views/:id`: one of the caller's own views. */
export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/views/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.views }),
  });
}
