import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import type { ElementCases, ProcessAnalytics } from '../../../contract';

const base = (key: string, version: number) => `/api/processes/${encodeURIComponent(key)}/versions/${version}/analytics`;

/** `GET …/analytics`: per element of the version, the cases there now and the time spent (readers of reports). */
export const useProcessAnalytics = (key: string, version: number, enabled: boolean) =>
  useQuery({ queryKey: ['analytics', key, version], queryFn: ({ signal }) => api<ProcessAnalytics>(base(key, version), { signal }), enabled, retry: false });

/** `GET …/analytics/:elementId/cases`: the cases that reached one element, those there now first. */
export const useElementCases = (key: string, version: number, elementId: string | null) =>
  useQuery({
    queryKey: ['analytics', key, version, 'cases', elementId],
    queryFn: ({ signal }) => api<ElementCases>(`${base(key, version)}/${encodeURIComponent(elementId!)}/cases`, { signal }),
    enabled: elementId !== null,
    retry: false,
  });
