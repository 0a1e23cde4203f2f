import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from './http';
import { queryKeys } from './queryKeys';
import type { ResolveIncidentBody } from '../../../contract';

export interface ResolveIncident extends ResolveIncidentBody {
  caseId: string;
  incidentId: string;
}

/**
 * `POST /api/cases/:id/incidents/:incidentId/resolve`: retry the stopped element or cancel the
 * case. One idempotency key per call, so a double click or a retried request acts once.
 */
export const useResolveIncident = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, incidentId, ...body }: ResolveIncident) =>
      api<{ resolved: true; action: 'retry' | 'cancel' }>(`/api/cases/${encodeURIComponent(caseId)}/incidents/${encodeURIComponent(incidentId)}/resolve`, {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey() },
        json: body,
      }),
    onSuccess: (_r, { caseId }) => {
      void client.invalidateQueries({ queryKey: ['cases', caseId] });
      void client.invalidateQueries({ queryKey: queryKeys.incidents });
      void client.invalidateQueries({ queryKey: queryKeys.tasks });
    },
  });
};
