import type { QueryClient } from '@tanstack/react-query';
import { lazyPage } from '../../i18n/lazyPage';
import { processVersionQueryOptions } from '../../api/useProcessVersion.query';
import { taskQueryOptions } from '../../api/useTask.query';
import { LazyDiagramViewer } from './lazyDiagramViewer';
import { loadFormJs } from './loadFormJs';

/** `/tasks/:id`'s page (its chunk and the zh-CN strings outside the inbox's); once preloaded it renders without a Suspense fallback. */
export const LazyTaskPage = lazyPage(() => import('./TaskPage').then((m) => ({ default: m.TaskPage })));

/** The task page's code: the page, its bpmn-js viewer and form-js (each its own chunk, loaded once), and the zh-CN strings outside the inbox's. */
export const loadTaskPageCode = () => Promise.all([LazyTaskPage.preload(), LazyDiagramViewer.preload(), loadFormJs()]).then(() => undefined);

/** How long prefetched task data counts as current: opening the task right after shows it without asking again. */
const FRESH_MS = 10_000;

/**
 * What the task page shows first — the task (with its form) and the version's diagram — fetched into
 * the query cache while the approver rests on a row (hover or keyboard focus), with the page's code;
 * opening the task then renders at once. The case's position (a Temporal query, answered by the
 * worker) is left to the page: the diagram shows without it and is marked up when it arrives, and
 * an approver running down the list with `j` must not cost the worker a query per row.
 */
export async function prefetchTask(qc: QueryClient, taskId: string): Promise<void> {
  void loadTaskPageCode().catch(() => undefined);
  const detail = await qc.fetchQuery({ ...taskQueryOptions(taskId), staleTime: FRESH_MS }).catch(() => null);
  if (!detail) return;
  const c = detail.case;
  await qc.prefetchQuery(processVersionQueryOptions(c.processKey, c.processVersion));
}
