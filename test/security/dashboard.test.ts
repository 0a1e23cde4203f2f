import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../contract';
import { MASKED_TITLE } from '../../policy/confidentiality';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedDashboardHistory, type DashboardHistory } from '../dashboard-history';

// Issue 17, the 首页: every card counts only what its reader may read, and a secret customer's case
// is not named to a reader who is not cleared for it.

describe('dashboard: scope and confidentiality', () => {
  let s: TestStack;
  let h: DashboardHistory;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? cookies.set(user, await login(s.app, user)).get(user)!;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('dashboard-security'));
    h = await seedDashboardHistory(s.db, `s${Date.now().toString(36)}`);
  });
  afterAll(async () => s?.close());

  const dashboard = async (user: string) => {
    const res = await s.app.inject({ method: 'GET', url: '/api/dashboard', headers: { cookie: await cookie(user) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Dashboard;
  };

  it('signed out: 401', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/api/dashboard' })).statusCode).toBe(401);
  });

  it('a manager’s SLA and backlog hold only their units’ cases; another unit’s manager sees none of them', async () => {
    const b = (await dashboard(h.managerB)).manager!;
    expect(b.backlog).toEqual([{ unitId: h.unitB, open: 1, overdue: 1, escalatedOpen: 0 }]);
    expect(b.completed).toBe(0);
    const a = await dashboard(h.managerA);
    expect(a.manager!.backlog.map((x) => x.unitId)).toEqual([h.unitA]);
    expect(a.approver!.next.map((t) => t.id)).not.toContain(h.tasks.o6);
    expect(JSON.stringify(a)).not.toContain(h.unitB);
    // 浙江's manager reads the outlet below it, never 广东's.
    const zj = (await dashboard('zj.cs_manager')).manager!;
    expect(zj.backlog.map((x) => x.unitId)).toContain(h.unitA);
    expect(zj.backlog.map((x) => x.unitId)).not.toContain(h.unitB);
  });

  it('a process owner counts the cases they may read: A’s owner does not count B’s case', async () => {
    const v2 = (await dashboard(h.ownerA)).processOwner!.processes.find((p) => p.key === h.key)!.versions.find((v) => v.version === 2)!;
    expect(v2.running).toBe(1);
  });

  it('a secret customer’s case title is masked for a reader not cleared (A’s manager), shown to one cleared (zj’s manager) for the same task', async () => {
    const a = await dashboard(h.managerA);
    const o1 = a.approver!.next.find((t) => t.id === h.tasks.o1)!;
    expect(o1.caseTitle).toBe(MASKED_TITLE);
    expect(JSON.stringify(a)).not.toContain(h.secretTitle);
    const zj = await dashboard('zj.cs_manager');
    expect(zj.approver!.next.find((t) => t.id === h.tasks.o1)?.caseTitle).toBe(h.secretTitle);
  });

  it('exceptions are the auditors’ card: managers and process owners get none', async () => {
    expect((await dashboard(h.managerA)).auditor).toBeUndefined();
    expect((await dashboard('hq.process_owner')).auditor).toBeUndefined();
    expect((await dashboard('hq.general_manager')).auditor).toBeUndefined();
  });
});

describe('process analytics: who may read them, within which cases, and what of a secret customer', () => {
  let s: TestStack;
  let h: DashboardHistory;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? cookies.set(user, await login(s.app, user)).get(user)!;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('analytics-security'));
    h = await seedDashboardHistory(s.db, `as${Date.now().toString(36)}`);
  });
  afterAll(async () => s?.close());

  const ask = async (user: string, url: string) => s.app.inject({ method: 'GET', url, headers: { cookie: await cookie(user) } });

  it('agents and engineers are refused (403 analytics.forbidden), even for a version that does not exist', async () => {
    for (const user of ['zj.cs_agent', 'zj.engineering']) {
      for (const url of [`/api/processes/${h.key}/versions/1/analytics`, `/api/processes/${h.key}/versions/1/analytics/review/cases`, '/api/processes/nope/versions/0/analytics']) {
        const res = await ask(user, url);
        expect(res.statusCode, `${user} ${url}`).toBe(403);
        expect(res.json().code).toBe('analytics.forbidden');
      }
    }
  });

  it('counts only the cases the reader may read: A’s process owner does not count B’s case at 审核', async () => {
    const review = (await (await ask(h.ownerA, `/api/processes/${h.key}/versions/2/analytics`)).json()).elements.find((e: { elementId: string }) => e.elementId === 'review');
    expect(review).toMatchObject({ active: 1, incidents: 1 });
    const b = await (await ask(h.managerB, `/api/processes/${h.key}/versions/2/analytics/review/cases`)).json();
    expect(b.items.map((c: { caseId: string }) => c.caseId)).toEqual([h.cases.k4]);
  });

  it('an element’s case list masks a secret customer’s case title for a reader not cleared, names it for one cleared', async () => {
    const url = `/api/processes/${h.key}/versions/1/analytics/review/cases`;
    const owner = await (await ask(h.ownerA, url)).json();
    expect(owner.items.find((c: { caseId: string }) => c.caseId === h.cases.k1).title).toBe(MASKED_TITLE);
    expect(JSON.stringify(owner)).not.toContain(h.secretTitle);
    const zj = await (await ask('zj.cs_manager', url)).json();
    expect(zj.items.find((c: { caseId: string }) => c.caseId === h.cases.k1).title).toBe(h.secretTitle);
  });
});
