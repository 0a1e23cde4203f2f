import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from './http';
import { queryKeys } from './queryKeys';
import type { StartCaseBody, StartCaseResult } from '../../../contract';

/**
 * `POST /api/cases`: starts a case of the latest version of a deployed process. Submitting the
 * same form again (after a timeout or a 503) sends the same Idempotency-Key, so it finishes the
 * first start instead of opening a second case; a changed form is a new request with a new key.
 */
export function useStartCase() {
  const qc = useQueryClient();
  const last = useRef<{ body: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (body: StartCaseBody) => {
      const json = JSON.stringify(body);
      if (last.current?.body !== json) last.current = { body: json, key: idempotencyKey() };
      return api<StartCaseResult>('/api/cases', { method: 'POST', json: body, headers: { 'idempotency-key': last.current.key } });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.cases });
      void qc.invalidateQueries({ queryKey: queryKeys.tasks });
    },
  });
}
