import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { CaseRecords } from '../../../contract';

/** `GET /api/cases/:id/records`: complaint, 派工单 and 回访 of the case (and the cases it started). */
export const useCaseRecords = (caseId: string) =>
  useQuery({
    queryKey: queryKeys.caseRecords(caseId),
    queryFn: ({ signal }) => api<CaseRecords>(`/api/cases/${encodeURIComponent(caseId)}/records`, { signal }),
    refetchInterval: 15_000,
  });
