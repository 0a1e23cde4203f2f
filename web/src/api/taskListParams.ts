import type { TaskSort, TaskView } from '../../../contract';
import { defaultTaskSort } from '../../../contract/task-sort';
import type { TaskListParams } from './listParams';
import { FILTER_YEARS } from '../../../contract/input-limits';

export const DEFAULT_TASK_LIST_PARAMS: TaskListParams = { view: 'all', status: 'open', sort: 'due' };
export const TASK_PAGE_SIZE = 50;

/**
 * The filters after choosing another status: a sort left at the old status's default follows the new one's (the
 * API's own, defaultTaskSort). Sorting 已办 by due time put old work on top, and read every task of someone who had
 * completed many before showing any.
 */
export const withStatus = (params: TaskListParams, status: TaskListParams['status']): TaskListParams => ({
  ...params,
  status,
  sort: params.sort === defaultTaskSort(params.status) ? defaultTaskSort(status) : params.sort,
});

const VIEWS: readonly TaskView[] = ['mine', 'group', 'all'];
const SORTS: readonly TaskSort[] = ['due', 'created', 'priority'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why a typed due-before day cannot be used, or null: not a calendar day, or a year outside
 * FILTER_YEARS (9999-12-31 would ask the API for a date past year 9999).
 */
export function dueDayProblem(day: string): 'invalid' | 'outOfRange' | null {
  const at = DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== day) return 'invalid';
  const year = Number(day.slice(0, 4));
  return year < FILTER_YEARS.min || year > FILTER_YEARS.max ? 'outOfRange' : null;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

const text = (value: string | null, max: number) => {
  const v = value?.trim();
  return v ? v.slice(0, max) : undefined;
};

/** Inbox filters from the page's URL (`/tasks?view=mine&q=…`); unknown or malformed values fall back to the defaults. */
export function paramsFromSearch(search: string | URLSearchParams): TaskListParams {
  const sp = typeof search === 'string' ? new URLSearchParams(search) : search;
  const due = sp.get('due');
  const status = pick(sp.get('status'), ['open', 'completed'] as const, DEFAULT_TASK_LIST_PARAMS.status);
  return normalizeParams({
    view: pick(sp.get('view'), VIEWS, DEFAULT_TASK_LIST_PARAMS.view),
    status,
    sort: pick(sp.get('sort'), SORTS, defaultTaskSort(status)),
    processKey: text(sp.get('process'), 100),
    dueBefore: due && !dueDayProblem(due) ? due : undefined,
    customerId: text(sp.get('customer'), 100),
    q: text(sp.get('q'), 200),
  });
}

/** The page URL's query for `params`; defaults are left out so plain `/tasks` is the default inbox. */
export function paramsToSearch(params: TaskListParams): string {
  const sp = new URLSearchParams();
  if (params.view !== DEFAULT_TASK_LIST_PARAMS.view) sp.set('view', params.view);
  if (params.status !== DEFAULT_TASK_LIST_PARAMS.status) sp.set('status', params.status);
  if (params.sort !== defaultTaskSort(params.status)) sp.set('sort', params.sort);
  if (params.processKey) sp.set('process', params.processKey);
  if (params.dueBefore) sp.set('due', params.dueBefore);
  if (params.customerId) sp.set('customer', params.customerId);
  if (params.q) sp.set('q', params.q);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Drops empty optional fields so equal filters compare (and hash into query keys) equally. */
export function normalizeParams(params: TaskListParams): TaskListParams {
  const out: TaskListParams = { view: params.view, status: params.status, sort: params.sort };
  if (params.processKey) out.processKey = params.processKey;
  if (params.dueBefore) out.dueBefore = params.dueBefore;
  if (params.customerId) out.customerId = params.customerId;
  if (params.q?.trim()) out.q = params.q.trim();
  return out;
}

export const sameParams = (a: TaskListParams, b: TaskListParams) => paramsToSearch(normalizeParams(a)) === paramsToSearch(normalizeParams(b));

/** Whether anything beyond view/status/sort narrows the list. */
export const hasNarrowingFilters = (p: TaskListParams) => Boolean(p.processKey || p.dueBefore || p.customerId || p.q);

/** How many filters differ from the defaults (the view aside): the number on the phone's 筛选 button. */
export const activeFilterCount = (p: TaskListParams) =>
  [p.processKey, p.dueBefore, p.customerId, p.q?.trim(), p.status !== DEFAULT_TASK_LIST_PARAMS.status, p.sort !== defaultTaskSort(p.status)].filter(Boolean).length;

/** The instant the day after `day` (YYYY-MM-DD) starts in the browser's time zone, so "due before" includes the whole chosen day. */
export function endOfDayExclusive(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).toISOString();
}

/** The query string of `GET /api/tasks` for one page. */
export function toApiQuery(params: TaskListParams, cursor: string | null, limit = TASK_PAGE_SIZE): string {
  const sp = new URLSearchParams({ view: params.view, status: params.status, sort: params.sort, limit: String(limit) });
  if (params.processKey) sp.set('processKey', params.processKey);
  if (params.dueBefore) sp.set('dueBefore', endOfDayExclusive(params.dueBefore));
  if (params.customerId) sp.set('customerId', params.customerId);
  if (params.q) sp.set('q', params.q);
  if (cursor) sp.set('cursor', cursor);
  return sp.toString();
}
