import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from './http';
import { queryKeys } from './queryKeys';

export interface SendCaseMessage {
  caseId: string;
  messageName: string;
  variables: Record<string, unknown>;
}

/**
 * `POST /api/cases/:id/messages`: a customer's signature, a document arriving. One idempotency
 * key per mutation call, so a double click or a retried request is delivered once.
 */
export const useSendCaseMessage = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, messageName, variables }: SendCaseMessage) =>
      api<{ consumed: boolean }>(`/api/cases/${encodeURIComponent(caseId)}/messages`, {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey() },
        json: { messageName, variables },
      }),
    onSuccess: (_r, { caseId }) => {
      void client.invalidateQueries({ queryKey: ['cases', caseId] });
      void client.invalidateQueries({ queryKey: queryKeys.tasks });
    },
  });
};
