import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { StartCaseBody, StartCaseResult } from '../../../contract';

/** `POST /api/cases`: starts a case of the latest version of a deployed process. */
export function useStartCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StartCaseBody) => api<StartCaseResult>('/api/cases', { method: 'POST', json: body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.cases });
      void qc.invalidateQueries({ queryKey: queryKeys.tasks });
    },
  });
}
