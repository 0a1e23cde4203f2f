import { fetchEarly } from './http';
import { paramsFromSearch, toApiQuery } from './taskListParams';

/**
 * What the inbox asks for first when `location` shows it (`/` leads there): its first page of
 * tasks, exactly as `useTasks` words the request, and the counts on its tabs. Nothing elsewhere.
 */
export function inboxRequests(location: Pick<Location, 'pathname' | 'search'>): string[] {
  if (location.pathname !== '/' && location.pathname !== '/tasks') return [];
  const search = location.pathname === '/' ? '' : location.search;
  return [`/api/tasks?${toApiQuery(paramsFromSearch(search), null)}`, '/api/tasks/counts'];
}

/** Starts the inbox's first requests now (see `fetchEarly`); `api()` picks them up. */
export function prefetchInbox(location: Pick<Location, 'pathname' | 'search'> = window.location): void {
  for (const path of inboxRequests(location)) fetchEarly(path);
}
