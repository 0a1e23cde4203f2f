import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementCases, ProcessAnalytics } from '../../contract';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedDashboardHistory, type DashboardHistory } from '../dashboard-history';

// Issue 17, process analytics on the diagram: per element of a version, the cases there now, the
// tasks completed and their average and p90 hours, against test/dashboard-history.ts.

describe('process analytics: figures per element from a known history', () => {
  let s: TestStack;
  let h: DashboardHistory;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? cookies.set(user, await login(s.app, user)).get(user)!;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('analytics'));
    h = await seedDashboardHistory(s.db, `a${Date.now().toString(36)}`);
  });
  afterAll(async () => s?.close());

  const get = async <T>(user: string, url: string) => {
    const res = await s.app.inject({ method: 'GET', url, headers: { cookie: await cookie(user) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const analytics = (user: string, version: number) => get<ProcessAnalytics>(user, `/api/processes/${h.key}/versions/${version}/analytics`);

  it('version 1: active cases, completed tasks, average and p90 hours per element', async () => {
    const a = await analytics('hq.auditor', 1);
    expect(a).toMatchObject({ processKey: h.key, version: 1, running: 1, ended: 1 });
    // 审核: o1 open on k1; d1 12 h, d3 24 h, d4 40 h completed → average 25.33, p90 24 + 0.8 × 16 = 36.8.
    // 复核: d2 48 h.
    // Each step with its kind from the model (the console names an unnamed step by it, never by its id).
    expect(a.elements).toEqual([
      { elementId: 'recheck', name: '复核', elementType: 'userTask', active: 0, incidents: 0, completed: 1, averageHours: 48, p90Hours: 48 },
      { elementId: 'review', name: '审核', elementType: 'userTask', active: 1, incidents: 0, completed: 3, averageHours: 25.33, p90Hours: 36.8 },
    ]);
  });

  it('version 2: open tasks per element count cases once; an open incident is counted at its element', async () => {
    const a = await analytics('hq.auditor', 2);
    expect(a).toMatchObject({ running: 2, ended: 0 });
    expect(a.elements).toEqual([
      { elementId: 'handle', name: '处理', elementType: 'userTask', active: 1, incidents: 0, completed: 0, averageHours: null, p90Hours: null }, // o4 and o5, one case
      { elementId: 'recheck', name: '复核', elementType: 'userTask', active: 1, incidents: 0, completed: 0, averageHours: null, p90Hours: null },
      { elementId: 'review', name: '审核', elementType: 'userTask', active: 2, incidents: 1, completed: 0, averageHours: null, p90Hours: null }, // k3 and k4; k3's incident
    ]);
  });

  it('an element’s cases: those there now first, with unit names', async () => {
    const c = await get<ElementCases>('hq.auditor', `/api/processes/${h.key}/versions/1/analytics/review/cases`);
    expect(c.items.map((x) => [x.caseId, x.active, x.title])).toEqual([
      [h.cases.k1, true, h.secretTitle],
      [h.cases.k2, false, '首页 k2'],
    ]);
    expect(c.truncated).toBe(false);
    expect(c.unitNames[h.unitA]?.['zh-CN']).toContain('西湖网点');
  });

  it('an unknown version is 404 process.noVersion', async () => {
    const res = await s.app.inject({ method: 'GET', url: `/api/processes/${h.key}/versions/9/analytics`, headers: { cookie: await cookie('hq.auditor') } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'process.noVersion' });
  });
});
