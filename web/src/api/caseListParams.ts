import type { CaseStatus } from '../../../contract';
import type { CaseListParams } from './listParams';
import { dueDayProblem } from './taskListParams';

// The 案例 list's filters: in the page URL (`/cases?q=TS-…&status=running`), in the API's query, and
// in the export link, which carries the same filters so the file holds what the list shows.

export const CASE_PAGE_SIZE = 50;
const STATUSES: readonly CaseStatus[] = ['running', 'completed', 'failed', 'terminated'];

const text = (value: string | null, max: number) => {
  const v = value?.trim();
  return v ? v.slice(0, max) : undefined;
};
const day = (value: string | null) => (value && !dueDayProblem(value) ? value : undefined);

/** Filters from the page's URL; what is malformed is left out rather than sent to be refused. */
export function caseParamsFromSearch(sp: URLSearchParams): CaseListParams {
  const status = sp.get('status');
  const out: CaseListParams = {
    owner: sp.get('owner') === 'me' ? 'me' : undefined,
    status: status && (STATUSES as readonly string[]).includes(status) ? (status as CaseStatus) : undefined,
    processKey: text(sp.get('process'), 100),
    q: text(sp.get('q'), 100),
    from: day(sp.get('from')),
    to: day(sp.get('to')),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as CaseListParams;
}

/** The page URL's query for the filters (`process` for processKey, as the inbox names it). */
export function caseParamsToSearch(p: CaseListParams): URLSearchParams {
  const sp = new URLSearchParams();
  if (p.owner) sp.set('owner', p.owner);
  if (p.status) sp.set('status', p.status);
  if (p.processKey) sp.set('process', p.processKey);
  if (p.q) sp.set('q', p.q);
  if (p.from) sp.set('from', p.from);
  if (p.to) sp.set('to', p.to);
  return sp;
}

const apiFilters = (p: CaseListParams) => {
  const sp = new URLSearchParams();
  for (const k of ['owner', 'status', 'processKey', 'q', 'from', 'to'] as const) if (p[k]) sp.set(k, p[k]!);
  return sp;
};

/** `GET /api/cases` for one page: the filters, the page size and the cursor of the page before. */
export function caseListApiQuery(p: CaseListParams, cursor: string | null, limit = CASE_PAGE_SIZE): string {
  const sp = apiFilters(p);
  sp.set('limit', String(limit));
  if (cursor) sp.set('cursor', cursor);
  return sp.toString();
}

/** The export of exactly these filters, in the reader's language. */
export function caseExportHref(p: CaseListParams, lang: 'zh-CN' | 'en'): string {
  const sp = apiFilters(p);
  sp.set('lang', lang);
  return `/api/cases/export?${sp}`;
}

/** Whether anything narrows the list (the empty list then says "nothing matches", not "no cases yet"). */
export const hasCaseFilters = (p: CaseListParams) => Object.values(p).some((v) => v !== undefined);
