import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_LIST_PARAMS } from '../../api/taskListParams';
import type { SavedView } from '../../../../contract';
import { ApiError } from '../../api/http';
import { interpolate } from '../../i18n/interpolate';
import { zh, type MessageKey } from '../../i18n/messages';
import { LEGACY_VIEWS_KEY, filtersOf, forgetLegacyViews, legacyToCreate, legacyViews, matchingView, migrationSettled, paramsOf, placeViewProblem, teamLabel } from './savedViews';

function memoryStorage(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[LEGACY_VIEWS_KEY, initial]]);
  return { data, getItem: (k: string) => data.get(k) ?? null, removeItem: (k: string) => void data.delete(k) };
}

const view = (over: Partial<SavedView>): SavedView => ({
  id: '1',
  name: 'v',
  filters: {},
  ownerId: 'zj.cs_manager',
  ownerName: '经理',
  mine: true,
  sharedWith: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  ...over,
});

describe('saved inbox views', () => {
  it('keeps only the filters that differ from the defaults, and gives them back', () => {
    expect(filtersOf(DEFAULT_TASK_LIST_PARAMS)).toEqual({});
    const params = { ...DEFAULT_TASK_LIST_PARAMS, view: 'group' as const, sort: 'priority' as const, q: ' TS-1 ', dueBefore: '2026-12-31', processKey: 'complaint' };
    expect(filtersOf(params)).toEqual({ view: 'group', sort: 'priority', q: 'TS-1', dueBefore: '2026-12-31', processKey: 'complaint' });
    expect(paramsOf(filtersOf(params))).toEqual({ ...params, q: 'TS-1' });
    expect(paramsOf({})).toEqual(DEFAULT_TASK_LIST_PARAMS);
    // 已办 starts newest first: a view of it keeps no order unless another was chosen
    expect(filtersOf({ view: 'mine', status: 'completed', sort: 'created' })).toEqual({ view: 'mine', status: 'completed' });
    expect(paramsOf({ status: 'completed' })).toEqual({ view: 'all', status: 'completed', sort: 'created' });
    expect(paramsOf(filtersOf({ view: 'all', status: 'completed', sort: 'due' }))).toEqual({ view: 'all', status: 'completed', sort: 'due' });
  });

  it('matches the current filters to a view, the caller’s own before a shared one', () => {
    const shared = view({ id: '2', name: '共享', mine: false, filters: { view: 'group' } });
    const mine = view({ id: '3', name: '我的', filters: { view: 'group' } });
    const group = { ...DEFAULT_TASK_LIST_PARAMS, view: 'group' as const };
    expect(matchingView([shared, mine], group)?.id).toBe('3');
    expect(matchingView([shared], group)?.id).toBe('2');
    expect(matchingView([shared, mine], DEFAULT_TASK_LIST_PARAMS)).toBeUndefined();
  });

  it('names a team by its unit and role in the reader’s language', () => {
    const team = { unitId: 'zj', role: 'cs_manager', unitName: '浙江省服务中心', unitNameEn: 'Zhejiang Provincial Centre' };
    const roles: Record<string, string> = { cs_manager: '客服经理' };
    expect(teamLabel(team, 'zh-CN', (r) => roles[r]!)).toBe('浙江省服务中心 · 客服经理');
    expect(teamLabel(team, 'en', () => 'CS manager')).toBe('Zhejiang Provincial Centre · CS manager');
  });

  it('reads the views this browser kept, as create requests, and survives foreign contents', () => {
    const s = memoryStorage(JSON.stringify([{ name: ' 我的 ', search: '?view=mine&q=CASE-1' }, { name: 'overdue', search: '?sort=priority&view=nope' }, { name: '' }, { oops: true }, { name: '我的', search: '' }]));
    expect(legacyViews(s)).toEqual([
      { name: '我的', filters: {} },
      { name: 'overdue', filters: { sort: 'priority' } },
    ]);
    expect(legacyViews(memoryStorage('not json'))).toEqual([]);
    expect(legacyViews(memoryStorage('{"a":1}'))).toEqual([]);
    expect(legacyViews(memoryStorage())).toEqual([]);
    forgetLegacyViews(s);
    expect(s.data.has(LEGACY_VIEWS_KEY)).toBe(false);
  });

  it('moves only views the server does not have by name, and forgets them once every one is settled', () => {
    const legacy = [{ name: 'a', filters: {} }, { name: 'b', filters: { view: 'mine' as const } }, { name: 'c', filters: {} }];
    const server = [view({ name: 'a' }), view({ id: '9', name: 'b', mine: false })];
    expect(legacyToCreate(legacy, server).map((l) => l.name)).toEqual(['b', 'c']);

    expect(migrationSettled([{ ok: true }, { ok: false, status: 409 }, { ok: false, status: 400 }])).toBe(true);
    expect(migrationSettled([{ ok: true }, { ok: false, status: 503 }])).toBe(false);
    expect(migrationSettled([{ ok: false, status: undefined }])).toBe(false);
    expect(migrationSettled([])).toBe(true);
  });
});

describe('the save dialog’s problems', () => {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(zh[key], vars);

  it('shows them beside the field they are about, in Chinese', () => {
    const tooLong = new ApiError(400, { code: 'request.invalid', errors: [{ path: 'body.name', message: 'Too big', code: 'zod.too_big', params: { origin: 'string', maximum: 40 } }] });
    expect(placeViewProblem(tooLong, t)).toEqual({ name: '最多 40 个字符' });
    const notMine = new ApiError(400, { code: 'request.invalid', errors: [{ path: 'body.sharedWith', message: 'not a team you are in', code: 'views.notYourTeam' }] });
    expect(placeViewProblem(notMine, t)).toEqual({ share: '只能共享给你所在的团队（单位 × 角色）' });
    const taken = new ApiError(409, { code: 'views.nameTaken', params: { name: '本周' }, detail: 'You already have a view named 本周.' });
    expect(placeViewProblem(taken, t)).toEqual({ name: '你已经有名为“本周”的视图。' });
    const tooMany = new ApiError(409, { code: 'views.tooMany', params: { max: 50 }, detail: 'You keep 50 views already' });
    expect(placeViewProblem(tooMany, t)).toEqual({ other: '每人最多保存 50 个视图，请先删除一个。' });
  });
});
