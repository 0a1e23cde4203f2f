import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import type { ReportSnapshot, ReportSnapshotHeader } from '../../../contract';

/** `GET /api/report-snapshots`: the stored monthly summaries, newest month first. */
export const useReportSnapshots = () =>
  useQuery({ queryKey: ['report-snapshots'], queryFn: ({ signal }) => api<{ items: ReportSnapshotHeader[] }>('/api/report-snapshots', { signal }) });

/** `GET /api/report-snapshots/:id`: one as stored (its reports null when masked). */
export const useReportSnapshot = (id: string | undefined) =>
  useQuery({ queryKey: ['report-snapshots', id], enabled: Boolean(id), queryFn: ({ signal }) => api<ReportSnapshot>(`/api/report-snapshots/${id}`, { signal }), staleTime: Infinity });

/** `POST /api/report-snapshots` `{ period }`: a process owner generates a month that has ended. */
export function useGenerateReportSnapshots() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (period: string) => api<{ items: ReportSnapshotHeader[] }>('/api/report-snapshots', { method: 'POST', json: { period } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['report-snapshots'] }),
  });
}
