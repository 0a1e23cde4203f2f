import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportSnapshot, ReportSnapshotHeader } from '../../contract';
import { chinaMonth } from '../china-clock';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedReportHistory, type ReportHistory } from '../report-history';

// Issue 17, 定期总结: a month's reports stored per unit and shown as stored. The history is
// test/report-history.ts (October 2026 in China); after the summary is made the history changes,
// and the summary must not.

describe('monthly summaries (report_snapshot)', () => {
  let s: TestStack;
  let h: ReportHistory;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? cookies.set(user, await login(s.app, user)).get(user)!;
  const tag = Date.now().toString(36);
  let made: ReportSnapshotHeader[] = [];
  const of = (unitId: string) => made.find((x) => x.unitId === unitId)!;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('report-snapshots'));
    h = await seedReportHistory(s.db, tag);
  });
  afterAll(async () => s?.close());

  const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    s.app.inject({ method, url, headers: { cookie: await cookie(user) }, ...(payload && { payload }) });
  const snapshot = async (user: string, id: string) => {
    const res = await call(user, 'GET', `/api/report-snapshots/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReportSnapshot;
  };
  const live = async (name: string, unitId: string) => {
    const res = await call('hq.auditor', 'GET', `/api/reports/${name}?${new URLSearchParams({ unitId, from: '2026-10-01', to: '2026-10-31' })}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  const summary = (r: Report) => Object.fromEntries(r.summary.map((x) => [x.key, x.value]));

  it('only process owners and admins generate, and only for a month that has ended', async () => {
    const refused = await call('zj.cs_manager', 'POST', '/api/report-snapshots', { period: '2026-10' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('reportSnapshot.forbidden');
    // The month under way when the server checks (China's, read five minutes ahead: a month ending
    // between this line and the server's check would make a plain "now" the month just over).
    const thisMonth = chinaMonth(Date.now() + 5 * 60_000);
    const early = await call('hq.process_owner', 'POST', '/api/report-snapshots', { period: thisMonth });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'reportSnapshot.periodNotOver', errors: [{ path: 'body.period' }] });
    expect((await call('hq.process_owner', 'POST', '/api/report-snapshots', { period: '2026-13' })).statusCode).toBe(400);
  });

  it('a process owner generates October by hand: one per unit, the figures of the live reports then, customer lists left out', async () => {
    const res = await call('hq.process_owner', 'POST', '/api/report-snapshots', { period: '2026-10' });
    expect(res.statusCode, res.body).toBe(201);
    made = (res.json() as { items: ReportSnapshotHeader[] }).items;
    expect(made.map((x) => x.unitId)).toEqual(expect.arrayContaining(['hq', 'zj', 'gd', 'js']));
    expect(of('gd')).toMatchObject({ period: '2026-10', trigger: 'manual', generatedBy: 'hq.process_owner', masked: false });

    const gd = await snapshot('hq.auditor', of('gd').id);
    expect(gd.reports!.map((r) => r.name)).toEqual(['sla', 'satisfaction', 'complaints', 'repairs', 'workload']);
    const sla = gd.reports!.find((r) => r.name === 'sla')!;
    expect(sla).toEqual(await live('sla', 'gd'));
    // t5 (gd, 6 h, on time) is in the history: at least it is counted.
    expect(summary(sla).completed).toBeGreaterThanOrEqual(1);
    const tables = gd.reports!.flatMap((r) => r.tables.map((t) => t.key));
    expect(tables).toContain('bySteps');
    expect(tables).not.toContain('dailySheet');
    expect(tables).not.toContain('ledger');
  });

  it('reads back exactly as stored after the history changes underneath', async () => {
    const before = await snapshot('hq.auditor', of('gd').id);
    const liveBefore = await live('sla', 'gd');
    // t5 is found to have ended two days late, and gd closes one more task in October.
    await s.db.query(`UPDATE task SET completed_at = '2026-10-16T07:00:00Z' WHERE id = $1`, [`${h.cases.c4}/t5`]);
    await s.db.query(
      `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, due_at, created_at, completed_at, completed_by, escalation_level, outcome)
       VALUES ($1, $2, 'review', '审核', 'completed', 'gd', '{cs_manager}', '2026-10-20T01:00:00Z', '2026-10-19T01:00:00Z', '2026-10-22T01:00:00Z', 'gd.cs_manager', 0, 'complete')`,
      [`${h.cases.c4}/t9`, h.cases.c4],
    );
    const liveAfter = await live('sla', 'gd');
    expect(summary(liveAfter).completed).toBe(Number(summary(liveBefore).completed) + 1);
    expect(summary(liveAfter).late).toBe(Number(summary(liveBefore).late) + 2);

    const after = await snapshot('hq.auditor', of('gd').id);
    expect(after).toEqual(before);
    expect(after.reports!.find((r) => r.name === 'sla')).toEqual(liveBefore);
  });

  it('is masked for a reader with no role at or above its unit', async () => {
    const list = (await call('zj.cs_manager', 'GET', '/api/report-snapshots?period=2026-10')).json() as { items: ReportSnapshotHeader[] };
    const mine = list.items.filter((x) => made.some((m) => m.id === x.id));
    expect(mine.find((x) => x.unitId === 'zj')!.masked).toBe(false);
    expect(mine.find((x) => x.unitId === 'gd')!.masked).toBe(true);
    expect(mine.find((x) => x.unitId === 'hq')!.masked).toBe(true);

    const gd = await snapshot('zj.cs_manager', of('gd').id);
    expect(gd).toMatchObject({ unitId: 'gd', masked: true, reports: null });
    const zj = await snapshot('zj.cs_manager', of('zj').id);
    expect(zj.masked).toBe(false);
    expect(zj.reports).toHaveLength(5);
    // Readers of no reports at all learn nothing.
    expect((await call('zj.cs_agent', 'GET', `/api/report-snapshots/${of('zj').id}`)).statusCode).toBe(403);
    expect((await call('hq.auditor', 'GET', '/api/report-snapshots/999999999')).json().code).toBe('reportSnapshot.notFound');
  });

  it('is append-only: the database refuses to change or delete one; generating again adds new ones beside', async () => {
    await expect(s.db.query(`UPDATE report_snapshot SET reports = '[]'::jsonb WHERE id = $1`, [of('gd').id])).rejects.toThrow(/append-only/);
    await expect(s.db.query(`DELETE FROM report_snapshot WHERE id = $1`, [of('gd').id])).rejects.toThrow(/append-only/);
    const again = await call('admin', 'POST', '/api/report-snapshots', { period: '2026-10' });
    expect(again.statusCode).toBe(201);
    const second = (again.json() as { items: ReportSnapshotHeader[] }).items.find((x) => x.unitId === 'gd')!;
    expect(second.id).not.toBe(of('gd').id);
    const list = (await call('hq.auditor', 'GET', '/api/report-snapshots?period=2026-10')).json() as { items: ReportSnapshotHeader[] };
    expect(list.items.map((x) => x.id)).toEqual(expect.arrayContaining([of('gd').id, second.id]));
    // The new one has the corrected figures; the old one still the figures as issued.
    const newer = (await snapshot('hq.auditor', second.id)).reports!.find((r) => r.name === 'sla')!;
    expect(newer).toEqual(await live('sla', 'gd'));
  });
});
