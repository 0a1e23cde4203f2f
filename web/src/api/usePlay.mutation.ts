import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import type { CompletePlayTaskBody, FormJsSchema, PlayState } from '../../../contract';

// 试运行 (issue 18 §8): /api/processes/:key/play…, the editor's sandbox runs of its draft.

const playPath = (key: string, runId?: string, suffix = '') => `/api/processes/${encodeURIComponent(key)}/play${runId ? `/${runId}` : ''}${suffix}`;
const playKey = (key: string, runId: string) => ['play', key, runId] as const;

/** `GET …/play/:runId`: where the run is; polled while it runs (its timers and service tasks move on their own). */
export const usePlayState = (key: string, runId: string | null) =>
  useQuery({
    queryKey: playKey(key, runId ?? ''),
    queryFn: ({ signal }) => api<PlayState>(playPath(key, runId!), { signal }),
    enabled: Boolean(runId),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
    retry: false,
  });

/** Every action answers with the run's new state; it replaces the polled one at once. */
function usePlayAction<V>(key: string, runId: string | null, request: (runId: string, v: V) => Promise<PlayState>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => request(runId!, v),
    onSuccess: (state) => qc.setQueryData(playKey(key, state.runId), state),
  });
}

/** `POST …/play` `{ xml, forms, variables }`: 201 the new run; 422 `process.invalid` as deploy. */
export const useStartPlay = (key: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { xml: string; forms: Record<string, FormJsSchema>; variables: Record<string, unknown> }) => api<PlayState>(playPath(key), { method: 'POST', json: body }),
    onSuccess: (state) => qc.setQueryData(playKey(key, state.runId), state),
  });
};

export const useCompletePlayTask = (key: string, runId: string | null) =>
  usePlayAction(key, runId, (id, v: { taskId: string } & CompletePlayTaskBody) => {
    const { taskId, ...body } = v;
    return api<PlayState>(playPath(key, id, `/tasks/${encodeURIComponent(taskId)}/complete`), { method: 'POST', json: body });
  });

export const useFirePlayTimer = (key: string, runId: string | null) =>
  usePlayAction(key, runId, (id, elementId: string) => api<PlayState>(playPath(key, id, `/timers/${encodeURIComponent(elementId)}/fire`), { method: 'POST' }));

export const useSendPlayMessage = (key: string, runId: string | null) =>
  usePlayAction(key, runId, (id, v: { messageName: string; variables: Record<string, unknown> }) => api<PlayState>(playPath(key, id, '/messages'), { method: 'POST', json: v }));

/** `DELETE …/play/:runId`: 结束试运行. */
export const useEndPlay = (key: string) => useMutation({ mutationFn: (runId: string) => api<void>(playPath(key, runId), { method: 'DELETE' }) });
