import { DEFAULT_TASK_LIST_PARAMS, normalizeParams, paramsFromSearch, sameParams } from '../../api/taskListParams';
import type { TaskListParams } from '../../api/listParams';
import type { Lang, MessageKey } from '../../i18n/messages';
import { ApiError } from '../../api/http';
import { describeError, fieldMessage } from '../../lib/problems';
import type { CreateViewBody, NamedViewTeam, SavedView, SavedViewFilters } from '../../../../contract';
import { defaultTaskSort } from '../../../../contract/task-sort';

// Saved inbox views live on the server (/api/views). What is pure about them: the inbox's filters
// as a view stores them and back, which view the current filters are, a team's name, and the views
// this browser kept in localStorage before, which are moved to the server once.

/** The filters a view keeps: those that differ from the inbox's defaults. */
export function filtersOf(params: TaskListParams): SavedViewFilters {
  const p = normalizeParams(params);
  const out: SavedViewFilters = {};
  if (p.view !== DEFAULT_TASK_LIST_PARAMS.view) out.view = p.view;
  if (p.status !== DEFAULT_TASK_LIST_PARAMS.status) out.status = p.status;
  if (p.sort !== defaultTaskSort(p.status)) out.sort = p.sort;
  if (p.processKey) out.processKey = p.processKey;
  if (p.dueBefore) out.dueBefore = p.dueBefore;
  if (p.customerId) out.customerId = p.customerId;
  if (p.q) out.q = p.q;
  return out;
}

/** The inbox's filters a view stands for. */
export const paramsOf = (filters: SavedViewFilters): TaskListParams => {
  const status = filters.status ?? DEFAULT_TASK_LIST_PARAMS.status;
  return normalizeParams({ ...DEFAULT_TASK_LIST_PARAMS, status, sort: defaultTaskSort(status), ...filters });
};

/** The view whose filters equal `params`, if any (shown as the selected view): the caller's own first. */
export const matchingView = (views: readonly SavedView[], params: TaskListParams): SavedView | undefined =>
  views.find((v) => v.mine && sameParams(paramsOf(v.filters), params)) ?? views.find((v) => sameParams(paramsOf(v.filters), params));

/** 浙江省服务中心 · 客服经理 (the role in the console's words, `roleName`). */
export const teamLabel = (team: NamedViewTeam, lang: Lang, roleName: (role: string) => string): string =>
  `${lang === 'en' ? team.unitNameEn : team.unitName} · ${roleName(team.role)}`;

export const teamKey = (team: Pick<NamedViewTeam, 'unitId' | 'role'>) => `${team.role}@${team.unitId}`;

/** Where this browser kept saved views before they moved to the server. */
export const LEGACY_VIEWS_KEY = 'shouwen.inbox.savedViews';

type StorageLike = Pick<Storage, 'getItem' | 'removeItem'>;

/** The views this browser kept (name + inbox URL query), as create requests; [] for none or unreadable contents. */
export function legacyViews(storage: StorageLike): CreateViewBody[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(LEGACY_VIEWS_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    const byName = new Map<string, CreateViewBody>();
    for (const v of raw as Array<{ name?: unknown; search?: unknown }>) {
      if (typeof v !== 'object' || v === null || typeof v.name !== 'string' || typeof v.search !== 'string') continue;
      const name = v.name.trim().slice(0, 40);
      if (name) byName.set(name, { name, filters: filtersOf(paramsFromSearch(v.search)) });
    }
    return [...byName.values()];
  } catch {
    return [];
  }
}

/**
 * What to do with the browser's old views, given the caller's views on the server: create those
 * whose names the server does not have yet (a second browser of the same person, or a second try
 * after a failure, does not duplicate them).
 */
export const legacyToCreate = (legacy: readonly CreateViewBody[], server: readonly SavedView[]): CreateViewBody[] =>
  legacy.filter((l) => !server.some((v) => v.mine && v.name === l.name));

/**
 * Whether the old views can be forgotten after trying to move them: every one was created or
 * refused for good (4xx: a taken name, filters the server will never take). A network failure or a
 * 5xx leaves them for the next load.
 */
export const migrationSettled = (outcomes: ReadonlyArray<{ ok: true } | { ok: false; status: number | undefined }>): boolean =>
  outcomes.every((o) => o.ok || (o.status !== undefined && o.status >= 400 && o.status < 500));

export function forgetLegacyViews(storage: StorageLike): void {
  try {
    storage.removeItem(LEGACY_VIEWS_KEY);
  } catch {
    // Storage disabled: nothing was kept there either.
  }
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Where the save dialog shows a refusal: beside the name (its own problems, or a name already
 * taken), beside the team (not a team of the caller's), else above the buttons; in the user's
 * language.
 */
export function placeViewProblem(err: unknown, t: Translate): { name?: string; share?: string; other?: string } {
  const errors = err instanceof ApiError ? (err.problem.errors ?? []) : [];
  const about = (prefix: string) => errors.filter((e) => e.path.startsWith(prefix)).map((e) => fieldMessage(e, t))[0];
  const code = err instanceof ApiError ? err.problem.code : undefined;
  const name = about('body.name') ?? (code === 'views.nameTaken' ? describeError(err, t) : undefined);
  const share = about('body.sharedWith');
  return name || share ? { ...(name && { name }), ...(share && { share }) } : { other: describeError(err, t) };
}
