import { fetchEarly } from './http';
import { paramsFromSearch, toApiQuery } from './taskListParams';

/** Where the inbox shows: /tasks, and / and /login, which show it until the address becomes /tasks (App's InboxRoute). */
export const INBOX_PATHS = new Set(['/', '/login', '/tasks']);

/**
 * What the inbox asks for first when `location` shows it: its first page of
 * tasks, exactly as `useTasks` words the request, and the counts on its tabs. Nothing elsewhere.
 */
export function inboxRequests(location: Pick<Location, 'pathname' | 'search'>): string[] {
  if (!INBOX_PATHS.has(location.pathname)) return [];
  return [`/api/tasks?${toApiQuery(paramsFromSearch(location.search), null)}`, '/api/tasks/counts'];
}

/** Starts the inbox's first requests now (see `fetchEarly`); `api()` picks them up. */
export function prefetchInbox(location: Pick<Location, 'pathname' | 'search'> = window.location): void {
  for (const path of inboxRequests(location)) fetchEarly(path);
}
