import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { PutUnitWebhookBody, UnitWebhook } from '../../../../contract';

// The units' team-chat robots (server/routes/unit-webhooks.ts), admins only. The API never sends
// a stored key or secret back: the form leaves them empty to keep them.

const path = (unitId: string) => `/api/admin/unit-webhooks/${encodeURIComponent(unitId)}`;

export const useUnitWebhooks = () =>
  useQuery({ queryKey: ['unit-webhooks'], queryFn: ({ signal }) => api<{ items: UnitWebhook[]; allowedHosts: string[] }>('/api/admin/unit-webhooks', { signal }) });

export function usePutUnitWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: string; body: PutUnitWebhookBody }) => api<UnitWebhook>(path(unitId), { method: 'PUT', json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['unit-webhooks'] }),
  });
}

export function useDeleteUnitWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string) => api<void>(path(unitId), { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['unit-webhooks'] }),
  });
}
