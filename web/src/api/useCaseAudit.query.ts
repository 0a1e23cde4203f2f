import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './http';
import { queryKeys } from './queryKeys';
import type { AuditTrail } from '../../../contract';

/** `GET /api/cases/:id/audit`: the case's hash-chained trail, verified by the server. 4xx (not found / not allowed) is not retried. */
export const useCaseAudit = (caseId: string) =>
  useQuery({
    queryKey: queryKeys.caseAudit(caseId),
    queryFn: ({ signal }) => api<AuditTrail>(`/api/cases/${encodeURIComponent(caseId)}/audit`, { signal }),
    retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 1,
    enabled: caseId !== '',
  });
