import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { AuditTrail } from '../../../contract';

/** `GET /api/cases/:id/audit`: the case's hash-chained trail, verified by the server. A refusal is not asked again (api/queryClient.ts). */
export const useCaseAudit = (caseId: string) =>
  useQuery({
    queryKey: queryKeys.caseAudit(caseId),
    queryFn: ({ signal }) => api<AuditTrail>(`/api/cases/${encodeURIComponent(caseId)}/audit`, { signal }),
    enabled: caseId !== '',
  });
