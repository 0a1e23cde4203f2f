import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './http';
import type { Report, ReportIndex, ReportName } from '../../../contract';

/** What a report page is filtered by (the URL's search parameters). */
export interface ReportParams {
  from?: string | undefined;
  to?: string | undefined;
  unitId?: string | undefined;
  processKey?: string | undefined;
  processVersion?: number | undefined;
}

const query = (p: ReportParams) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q;
};

export const reportParamsFromSearch = (s: URLSearchParams): ReportParams => {
  const version = Number(s.get('processVersion'));
  return {
    from: s.get('from') ?? undefined,
    to: s.get('to') ?? undefined,
    unitId: s.get('unitId') ?? undefined,
    processKey: s.get('processKey') ?? undefined,
    processVersion: Number.isInteger(version) && version > 0 ? version : undefined,
  };
};
export const reportParamsToSearch = (p: ReportParams) => query(p);

/** `GET /api/reports`: the reports and the units the reader may filter by. */
export const useReportIndex = () =>
  useQuery({ queryKey: ['reports', 'index'], queryFn: ({ signal }) => api<ReportIndex>('/api/reports', { signal }), staleTime: 5 * 60_000 });

/** `GET /api/reports/:name`: one report for the filters; the previous figures stay while new ones load. */
export const useReport = (name: ReportName, p: ReportParams) =>
  useQuery({
    queryKey: ['reports', name, p],
    queryFn: ({ signal }) => api<Report>(`/api/reports/${name}?${query(p)}`, { signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });

/** The export link: the same filters, the file's language the console's. */
export const reportExportHref = (name: ReportName, p: ReportParams, format: 'csv' | 'xlsx', lang: string) =>
  `/api/reports/${name}/export?${query({ ...p })}&format=${format}&lang=${lang}`;
