import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DecisionDeployed, DecisionValidateResult } from '../../../contract';
import { api } from './http';
import { queryKeys } from './queryKeys';

/** `POST /api/decisions/validate` `{ xml }`: compiles an edited decision file without deploying it. */
export const useValidateDecision = () =>
  useMutation({ mutationFn: (xml: string) => api<DecisionValidateResult>('/api/decisions/validate', { method: 'POST', json: { xml } }) });

/** `POST /api/decisions` `{ xml }`: a new version; for a reviewed file a proposal that waits for the 客服经理. */
export function useDeployDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (xml: string) => api<DecisionDeployed>('/api/decisions', { method: 'POST', json: { xml } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.decisions }),
  });
}
