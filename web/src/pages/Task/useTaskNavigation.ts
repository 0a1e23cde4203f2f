import { useState } from 'react';
import { paramsFromSearch } from '../../api/taskListParams';
import { flattenTaskPages, useTasks } from '../../api/useTasks.query';
import { neighbours, successorOf } from '../../lib/listNav';

/**
 * Previous / next task in the inbox list the user came from (`from` is that list's query). The list shares the
 * inbox's cache and polling, so it costs nothing when arriving from the inbox.
 */
export interface TaskNavigation {
  prev: string | null;
  next: string | null;
  /** Position in the list, -1 when the task is not (or no longer) in it. */
  index: number;
  total: number;
  /** Where to go once this task is done: the next task, else the previous one. */
  successor: string | null;
}

export function useTaskNavigation(taskId: string, from: string): TaskNavigation {
  const list = useTasks(paramsFromSearch(from));
  const ids = flattenTaskPages(list.data).map((t) => t.id);
  const here = neighbours(ids, taskId);
  const current: TaskNavigation = { prev: here.prev, next: here.next, index: here.index, total: ids.length, successor: successorOf(ids, taskId) };
  // Once the task leaves the list (completed here or elsewhere) keep the neighbours it had.
  const [known, setKnown] = useState<{ taskId: string; nav: TaskNavigation } | null>(null);
  if (here.index >= 0 && (known?.taskId !== taskId || !sameNav(known.nav, current))) {
    setKnown({ taskId, nav: current });
  }
  if (here.index >= 0 || known?.taskId !== taskId) return current;
  return { ...known.nav, index: -1 };
}

const sameNav = (a: TaskNavigation, b: TaskNavigation) =>
  a.prev === b.prev && a.next === b.next && a.index === b.index && a.total === b.total && a.successor === b.successor;
