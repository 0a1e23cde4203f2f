import type { CaseStatus, TaskSort, TaskView } from '../../../contract';

// The console's list filters: what a page keeps in its URL and query keys, before it becomes a query string.

/** The query of `GET /api/tasks` (without cursor and limit). */
export interface TaskListParams {
  view: TaskView;
  status: 'open' | 'completed';
  sort: TaskSort;
  processKey?: string;
  /** Inclusive calendar day `YYYY-MM-DD` in the browser's time zone; sent as the ISO instant the next day starts. */
  dueBefore?: string;
  customerId?: string;
  q?: string;
}

/** `GET /api/cases` filters: 我负责的 is `owner=me` (首问责任制); `from`/`to` are China days YYYY-MM-DD, inclusive. */
export interface CaseListParams {
  owner?: 'me';
  status?: CaseStatus;
  processKey?: string;
  q?: string;
  from?: string;
  to?: string;
}
