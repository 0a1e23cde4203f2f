import { useMutation } from '@tanstack/react-query';
import { api } from './http';
import type { ReplayResult } from '../../../contract';

/** `POST /api/cases/:id/replay` (no body): re-executes the recorded history on the current workflow code; takes seconds. */
export const useReplayCase = () =>
  useMutation({
    mutationFn: (caseId: string) => api<ReplayResult>(`/api/cases/${encodeURIComponent(caseId)}/replay`, { method: 'POST' }),
  });
