import { normalizeParams, paramsFromSearch, paramsToSearch, sameParams } from '../../api/taskListParams';
import type { TaskListParams } from '../../api/listParams';

/** A named inbox filter set, kept per browser in localStorage. */
export interface SavedView {
  name: string;
  /** The inbox URL query (`?view=mine&q=…`): stays readable when filter fields are added. */
  search: string;
}

export const SAVED_VIEWS_KEY = 'shouwen.inbox.savedViews';
const MAX_VIEWS = 30;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export function loadSavedViews(storage: StorageLike): SavedView[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(SAVED_VIEWS_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((v): v is SavedView => typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.search === 'string' && v.name.trim() !== '')
      .map((v) => ({ name: v.name.trim(), search: paramsToSearch(paramsFromSearch(v.search)) }));
  } catch {
    return [];
  }
}

function store(storage: StorageLike, views: SavedView[]): SavedView[] {
  try {
    storage.setItem(SAVED_VIEWS_KEY, JSON.stringify(views));
  } catch {
    // Storage full or disabled (private mode): the views still apply for this page's life.
  }
  return views;
}

/** Saves `params` under `name`; an existing view of that name is replaced (keeping its place). */
export function saveView(storage: StorageLike, name: string, params: TaskListParams): SavedView[] {
  const trimmed = name.trim();
  if (!trimmed) return loadSavedViews(storage);
  const view: SavedView = { name: trimmed, search: paramsToSearch(normalizeParams(params)) };
  const views = loadSavedViews(storage);
  const at = views.findIndex((v) => v.name === trimmed);
  if (at >= 0) views[at] = view;
  else views.push(view);
  return store(storage, views.slice(-MAX_VIEWS));
}

export function deleteView(storage: StorageLike, name: string): SavedView[] {
  return store(
    storage,
    loadSavedViews(storage).filter((v) => v.name !== name),
  );
}

/** The saved view whose filters equal `params`, if any (shown as the selected view). */
export const matchingView = (views: readonly SavedView[], params: TaskListParams) => views.find((v) => sameParams(paramsFromSearch(v.search), params));
