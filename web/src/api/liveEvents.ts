import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './queryKeys';

// The console's end of /api/events (issue 19): the server says which task, case or bell changed,
// never what it now says; this refetches the queries that show it. Polling stays as the fallback
// and slows down while the stream is up.

/** While the stream is up, lists poll this many times less often. */
const LIVE_SLOWDOWN = 12;

let live = false;

/** The polling interval for a query: `ms` without the stream, a long one with it. */
export const pollInterval = (ms: number) => () => (live ? ms * LIVE_SLOWDOWN : ms);

export const isLive = () => live;

interface Pending {
  everything: boolean;
  tasks: boolean;
  caseIds: Set<string>;
  notices: boolean;
}

/**
 * Opens the stream and keeps it open (EventSource reconnects by itself). Changes arriving together
 * are refetched together, once: a burst of events (a bulk completion) costs one refetch per list.
 */
export function connectLiveEvents(qc: QueryClient, url = '/api/events', batchMs = 100): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(url);
  let pending: Pending = { everything: false, tasks: false, caseIds: new Set(), notices: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const p = pending;
    pending = { everything: false, tasks: false, caseIds: new Set(), notices: false };
    if (p.everything || p.tasks) void qc.invalidateQueries({ queryKey: queryKeys.tasks });
    if (p.everything) void qc.invalidateQueries({ queryKey: queryKeys.cases });
    else {
      if (p.caseIds.size) void qc.invalidateQueries({ queryKey: [...queryKeys.cases, 'list'] });
      for (const id of p.caseIds) void qc.invalidateQueries({ queryKey: [...queryKeys.cases, id] });
    }
    if (p.everything || p.notices) void qc.invalidateQueries({ queryKey: queryKeys.notifications });
  };
  const later = (change: (p: Pending) => void) => {
    change(pending);
    timer ??= setTimeout(flush, batchMs);
  };
  const caseOf = (e: MessageEvent) => {
    try {
      return (JSON.parse(String(e.data)) as { caseId?: unknown }).caseId;
    } catch {
      return undefined;
    }
  };
  source.addEventListener('task', (e) =>
    later((p) => {
      p.tasks = true;
      const id = caseOf(e);
      if (typeof id === 'string') p.caseIds.add(id);
    }),
  );
  source.addEventListener('case', (e) =>
    later((p) => {
      const id = caseOf(e);
      if (typeof id === 'string') p.caseIds.add(id);
    }),
  );
  source.addEventListener('notice', () => later((p) => (p.notices = true)));
  // Sent when a stream opens and after the server missed events: whatever is shown may be stale.
  source.addEventListener('resync', () => {
    live = true;
    later((p) => (p.everything = true));
  });
  source.addEventListener('error', () => {
    // EventSource retries on its own; until it is back, the lists poll at their usual pace.
    live = false;
  });
  return () => {
    live = false;
    clearTimeout(timer);
    source.close();
  };
}
