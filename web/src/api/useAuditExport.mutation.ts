import { useMutation } from '@tanstack/react-query';
import { api } from './http';
import type { AuditExport } from '../../../contract';

/** `GET /api/cases/:id/audit/export`: the self-contained export (trail, history, verdicts); replays, so it takes seconds. */
export const useAuditExport = () =>
  useMutation({
    mutationFn: (caseId: string) => api<AuditExport>(`/api/cases/${encodeURIComponent(caseId)}/audit/export`),
  });
