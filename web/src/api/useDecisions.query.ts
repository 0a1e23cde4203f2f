import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './http';
import { queryKeys } from './queryKeys';
import type { DecisionEvaluated, DecisionFileSummary, DecisionVersionDetail } from '../../../contract';

/** `GET /api/decisions`: the deployed DMN files, latest version of each. */
export const useDecisionFiles = () =>
  useQuery({
    queryKey: queryKeys.decisions,
    queryFn: ({ signal }) => api<{ items: DecisionFileSummary[] }>('/api/decisions', { signal }).then((r) => r.items),
  });

/** `GET /api/decisions/:key?version=`: one version with its compiled decisions (a version never changes). */
export const useDecisionFile = (key: string | undefined, version: number | undefined) =>
  useQuery({
    queryKey: queryKeys.decisionFile(key ?? '', version ?? 0),
    queryFn: ({ signal }) => api<DecisionVersionDetail>(`/api/decisions/${encodeURIComponent(key!)}${version ? `?version=${version}` : ''}`, { signal }),
    enabled: key !== undefined,
    staleTime: version ? Infinity : 0,
  });

/**
 * `GET /api/decisions/:key?inForceBefore=`: the version a proposal would replace, for its diff;
 * null when nothing was in force before it (a 404 then is an answer, not an error).
 */
export const useDecisionInForceBefore = (key: string | undefined, version: number | undefined) =>
  useQuery({
    queryKey: queryKeys.decisionInForceBefore(key ?? '', version ?? 0),
    queryFn: ({ signal }) =>
      api<DecisionVersionDetail>(`/api/decisions/${encodeURIComponent(key!)}?inForceBefore=${version}`, { signal }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    enabled: key !== undefined && version !== undefined,
  });

/** `POST /api/decisions/:key/evaluate`: tries a decision against variables, without a case. */
export const useTryDecision = (key: string) =>
  useMutation({
    mutationFn: (body: { decisionId: string; version: number; variables: Record<string, unknown> }) =>
      api<DecisionEvaluated>(`/api/decisions/${encodeURIComponent(key)}/evaluate`, { method: 'POST', json: body }),
  });
