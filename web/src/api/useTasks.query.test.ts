import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../../contract';
import { flattenTaskPages, withoutTasks } from './useTasks.query';

const task = (id: string) => ({ id }) as TaskSummary;

describe('task list pages', () => {
  const data = { pageParams: [null, 'c1'], pages: [{ items: [task('a'), task('b')], nextCursor: 'c1' }, { items: [task('b'), task('c')], nextCursor: null }] };

  it('flattens pages without the duplicates keyset paging can repeat', () => {
    expect(flattenTaskPages(data).map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(flattenTaskPages(undefined)).toEqual([]);
  });

  it('removes decided tasks from every page', () => {
    expect(flattenTaskPages(withoutTasks(data, new Set(['b']))).map((t) => t.id)).toEqual(['a', 'c']);
  });
});
