import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { DeployResult, FormJsSchema } from '../../../contract';

/**
 * `POST /api/processes` `{ xml, changeNote, forms? }` (the note is required): 201 a new version, 200 unchanged (`created: false`), 422 with the
 * compiler's problems in `errors[]` (`elementId`, `elementType`, `message`). Forms not sent are kept from the latest version.
 */
export function useDeployProcess() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { xml: string; changeNote: string; forms?: Record<string, FormJsSchema> }) => api<DeployResult>('/api/processes', { method: 'POST', json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.processes }),
  });
}
