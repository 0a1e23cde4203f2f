import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { FormJsSchema, ProcessVersion } from '../../../contract';

/** The API leaves a version's forms open-ended JSON; they are the form-js schemas deployed with it. */
export type ProcessVersionWithForms = Omit<ProcessVersion, 'forms'> & { forms: Record<string, FormJsSchema> };

/** `GET /api/processes/:key/versions/:version`: a deployed version never changes, so it is cached for the session. */
export const processVersionQueryOptions = (key: string, version: number) =>
  queryOptions({
    queryKey: queryKeys.processVersion(key, version),
    queryFn: ({ signal }) => api<ProcessVersionWithForms>(`/api/processes/${encodeURIComponent(key)}/versions/${version}`, { signal }),
    staleTime: Infinity,
    gcTime: 30 * 60_000,
  });

export const useProcessVersion = (key: string, version: number, enabled = true) => useQuery({ ...processVersionQueryOptions(key, version), enabled });
