import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_LIST_PARAMS } from '../../api/taskListParams';
import { SAVED_VIEWS_KEY, deleteView, loadSavedViews, matchingView, saveView } from './savedViews';

function memoryStorage(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[SAVED_VIEWS_KEY, initial]]);
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('saved inbox views', () => {
  it('saves, replaces by name, matches and deletes', () => {
    const s = memoryStorage();
    const mine = { ...DEFAULT_TASK_LIST_PARAMS, view: 'mine' as const, q: 'CASE-1' };
    saveView(s, ' 我的 ', mine);
    saveView(s, 'overdue', { ...DEFAULT_TASK_LIST_PARAMS, sort: 'priority' });
    expect(loadSavedViews(s).map((v) => v.name)).toEqual(['我的', 'overdue']);
    expect(matchingView(loadSavedViews(s), { ...mine, q: 'CASE-1' })?.name).toBe('我的');

    saveView(s, '我的', DEFAULT_TASK_LIST_PARAMS);
    expect(loadSavedViews(s)).toEqual([
      { name: '我的', search: '' },
      { name: 'overdue', search: '?sort=priority' },
    ]);
    expect(deleteView(s, '我的').map((v) => v.name)).toEqual(['overdue']);
  });

  it('survives corrupt or foreign storage contents', () => {
    expect(loadSavedViews(memoryStorage('not json'))).toEqual([]);
    expect(loadSavedViews(memoryStorage('{"a":1}'))).toEqual([]);
    expect(loadSavedViews(memoryStorage('[{"name":"x","search":"?view=nope&q=a"},{"name":""},{"oops":true}]'))).toEqual([{ name: 'x', search: '?q=a' }]);
  });

  it('ignores blank names', () => {
    const s = memoryStorage();
    expect(saveView(s, '   ', DEFAULT_TASK_LIST_PARAMS)).toEqual([]);
  });
});
