import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { CaseWithEvents } from '../../../contract';

/** `GET /api/cases/:id`: the case and its event history. A refusal is not asked again (api/queryClient.ts). */
export const useCase = (caseId: string) =>
  useQuery({
    queryKey: queryKeys.case(caseId),
    queryFn: ({ signal }) => api<CaseWithEvents>(`/api/cases/${encodeURIComponent(caseId)}`, { signal }),
    refetchInterval: 10_000,
  });
