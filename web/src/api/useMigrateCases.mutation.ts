import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import type { MigrationReport } from '../../../contract';

/** `POST /api/processes/:key/migrations`: a dry run (default) or the move of running cases to another version, per case. */
export function useMigrateCases(processKey: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { targetVersion: number; caseIds: string[]; mapping: Record<string, string>; dryRun: boolean; note?: string }) =>
      api<MigrationReport>(`/api/processes/${encodeURIComponent(processKey)}/migrations`, { method: 'POST', json: body }),
    onSuccess: (report) => {
      if (!report.dryRun) void qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
