import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../contract';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedDashboardHistory, type DashboardHistory } from '../dashboard-history';

// Issue 17, the 首页: each card's figures against a history with known answers (test/dashboard-history.ts).

describe('dashboard: figures from a known history', () => {
  let s: TestStack;
  let h: DashboardHistory;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? cookies.set(user, await login(s.app, user)).get(user)!;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('dashboard'));
    h = await seedDashboardHistory(s.db, Date.now().toString(36));
  });
  afterAll(async () => s?.close());

  const dashboard = async (user: string) => {
    const res = await s.app.inject({ method: 'GET', url: '/api/dashboard', headers: { cookie: await cookie(user) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Dashboard;
  };

  it('the approver: open tasks they may act on, due soon, overdue, and the next ones by due time', async () => {
    const d = await dashboard(h.managerA);
    // o1 o2 o3 o4 (o5 is someone else's, o6 is in B).
    expect(d.approver).toMatchObject({ open: 4, dueSoon: 1, overdue: 1 });
    expect(d.approver!.next.map((t) => [t.id, t.name, t.sla, t.processName, t.processKey])).toEqual([
      [h.tasks.o1, '审核', 'overdue', '首页测试流程', h.key],
      [h.tasks.o2, '审核', 'due_soon', '首页测试流程', h.key],
      [h.tasks.o4, '处理', 'on_time', '首页测试流程', h.key],
      [h.tasks.o3, '复核', 'none', '首页测试流程', h.key],
    ]);
    expect(d.unitNames[h.unitA]).toEqual({ 'zh-CN': expect.stringContaining('西湖网点'), en: `Outlet ${h.unitA}` });
  });

  it('the manager: the unit’s SLA over the last 30 days (the 时效 report), the late steps, and the backlog by unit', async () => {
    const m = (await dashboard(h.managerA)).manager!;
    // d1 12 h on time, d2 48 h late, d3 24 h escalated (late); d4 is 40 days old.
    expect(m).toMatchObject({ completed: 3, late: 2, escalated: 1, onTimeRate: 0.3333, medianHours: 24 });
    expect(m.lateSteps).toEqual([
      { process: '首页测试流程', step: '审核', unitId: h.unitA, late: 1, completed: 2 },
      { process: '首页测试流程', step: '复核', unitId: h.unitA, late: 1, completed: 1 },
    ]);
    expect(m.backlog).toEqual([{ unitId: h.unitA, open: 5, overdue: 1, escalatedOpen: 0 }]);
    expect(m.to >= m.from).toBe(true);
  });

  it('the auditor: escalations and incidents of the last 30 days, newest first, with the step and the units', async () => {
    const d = await dashboard('hq.auditor');
    const mine = d.auditor!.exceptions.filter((e) => e.caseId.startsWith(`${h.key}/`));
    expect(mine).toEqual([
      { kind: 'incident', at: expect.any(String), caseId: h.cases.k3, caseTitle: '宁波港城 k3', businessKey: expect.stringMatching(/-k3$/), processKey: h.key, processName: '首页测试流程', step: '审核', fromUnitId: null, toUnitId: null, open: true },
      { kind: 'escalation', at: expect.any(String), caseId: h.cases.k1, caseTitle: h.secretTitle, businessKey: expect.stringMatching(/-k1$/), processKey: h.key, processName: '首页测试流程', step: '审核', fromUnitId: h.unitA, toUnitId: 'zj', open: false },
    ]);
    expect(d.auditor!.openIncidents).toBeGreaterThanOrEqual(1);
    expect(d.auditor!.escalations).toBeGreaterThanOrEqual(1);
    expect(d.unitNames.zj).toBeDefined();
  });

  it('the auditor: a replay that diverged stays among the exceptions (kept, not only answered); one that matched does not', async () => {
    // A divergence is what the replay service keeps when the recorded history and the code disagree
    // (test/integration/audit.test.ts shows a real replay keeping its verdict).
    await s.db.query(`INSERT INTO replay_verdict (case_id, ok, events, divergence, source, checked_by) VALUES ($1, false, 40, 'Nondeterminism error: …', 'replay', 'hq.auditor')`, [h.cases.k2]);
    await s.db.query(`INSERT INTO replay_verdict (case_id, ok, events, divergence, source, checked_by) VALUES ($1, true, 40, NULL, 'replay', 'hq.auditor')`, [h.cases.k1]);
    const d = await dashboard('hq.auditor');
    const mine = d.auditor!.exceptions.filter((e) => e.caseId.startsWith(`${h.key}/`));
    expect(mine.filter((e) => e.kind === 'replay')).toEqual([
      { kind: 'replay', at: expect.any(String), caseId: h.cases.k2, caseTitle: expect.any(String), businessKey: expect.stringMatching(/-k2$/), processKey: h.key, processName: '首页测试流程', step: null, fromUnitId: null, toUnitId: null, open: false },
    ]);
    expect(mine[0]!.kind).toBe('replay'); // newest first
    expect(d.auditor!.replayDivergences).toBeGreaterThanOrEqual(1);
  });

  it('the process owner: each version with its running and ended cases, newest version first', async () => {
    const own = (d: Dashboard) => d.processOwner!.processes.find((p) => p.key === h.key);
    expect(own(await dashboard(h.ownerA))).toEqual({
      key: h.key,
      name: '首页测试流程',
      versions: [
        { version: 2, deployedAt: expect.any(String), deployedByName: expect.any(String), running: 1, ended: 0 }, // k3 (k4 is in B)
        { version: 1, deployedAt: expect.any(String), deployedByName: expect.any(String), running: 1, ended: 1 }, // k1, k2
      ],
    });
    expect(own(await dashboard('hq.process_owner'))!.versions.map((v) => [v.version, v.running, v.ended])).toEqual([[2, 2, 0], [1, 1, 1]]);
  });

  it('each role gets its own cards only', async () => {
    const cards = (d: Dashboard) => (['approver', 'manager', 'auditor', 'processOwner'] as const).filter((k) => d[k] !== undefined);
    expect(cards(await dashboard('hq.auditor'))).toEqual(['auditor']);
    expect(cards(await dashboard('zj.cs_agent'))).toEqual(['approver']);
    expect(cards(await dashboard(h.managerA))).toEqual(['approver', 'manager']);
    expect(cards(await dashboard(h.ownerA))).toEqual(['approver', 'processOwner']);
    expect(cards(await dashboard('admin'))).toEqual(['approver', 'manager', 'auditor', 'processOwner']);
  });
});
