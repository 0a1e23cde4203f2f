import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { Archive, ArchiveDetail } from '../../../../contract';

// 档案登记's API (server/routes/archives.ts), beside its screens.

export interface ArchiveFilters {
  status?: string;
  archiveType?: string;
  q?: string;
}

export function useArchives(f: ArchiveFilters) {
  const params = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => Boolean(e[1])));
  return useQuery({ queryKey: ['archives', 'list', params.toString()], queryFn: ({ signal }) => api<{ items: Archive[] }>(`/api/archives?${params}`, { signal }).then((r) => r.items) });
}

export const useArchive = (id: string) =>
  useQuery({ queryKey: ['archives', 'one', id], queryFn: ({ signal }) => api<ArchiveDetail>(`/api/archives/${encodeURIComponent(id)}`, { signal }) });

/** 法律保全: set or lift the hold (a 客服经理 over the archive's unit; the API decides). */
export function useLegalHold(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { hold: boolean; reason: string }) => api<ArchiveDetail>(`/api/archives/${encodeURIComponent(id)}/legal-hold`, { method: 'POST', json: body }),
    onSuccess: (a) => {
      client.setQueryData(['archives', 'one', id], a);
      void client.invalidateQueries({ queryKey: ['archives', 'list'] });
    },
  });
}
