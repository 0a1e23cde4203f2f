import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './http';
import type { FormJsSchema, ProcessDraft, SaveDraft } from '../../../contract';

const draftPath = (key: string) => `/api/processes/${encodeURIComponent(key)}/draft`;

/** `GET /api/processes/:key/draft`: the editor's draft of a deployed process, or null. Read once per opening, not refetched behind the owner's back. */
export const useProcessDraft = (key: string | undefined) =>
  useQuery({
    // outside ['processes']: a deploy's refresh of the process lists must not swap the open editor for the draft prompt
    queryKey: ['processDraft', key ?? ''],
    queryFn: ({ signal }) => api<{ draft: ProcessDraft | null }>(draftPath(key!), { signal }).then((r) => r.draft),
    enabled: Boolean(key),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });

/** `PUT …/draft` with the revision read (409 `process.draftConflict` names who saved since). */
export const saveProcessDraft = (key: string, body: SaveDraft & { forms?: Record<string, FormJsSchema> }) => api<{ draft: ProcessDraft }>(draftPath(key), { method: 'PUT', json: body }).then((r) => r.draft);

/** `DELETE …/draft?revision=N`: 放弃草稿, or after its deploy. */
export const useDiscardDraft = () => useMutation({ mutationFn: ({ key, revision }: { key: string; revision: number }) => api<void>(`${draftPath(key)}?revision=${revision}`, { method: 'DELETE' }) });
