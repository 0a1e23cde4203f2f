import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../engine-harness';

// Per-tier time limits (issue 15): the complaint's 转交处理 is due by the case customer's tier's
// `complaint_days` (customer_tier_rule: A 1, D 5 working days), read when the task opens; a case
// without a customer (every customer has a tier) gets the diagram's shouwen:dueWorkingDays (3). Why the date is what it is goes on the
// case's trail (task.dueByTier). Real Temporal and PostgreSQL.

const AGENT = 'zj.cs_agent';
const suffix = Date.now().toString(36);
const REGISTER = {
  customerName: '分类时限测试',
  contactPerson: '王先生',
  phone: '0571-88886666',
  address: '杭州市西湖区文三路 100 号',
  receivedAt: '2026-03-02T09:30+08:00',
  complaintChannel: 'hotline',
  product: 'SW-200 净水器',
  severity: 'serious',
  complaintContent: '净水器漏水。',
  customerRequest: '更换',
};

describe('per-tier time limits on the complaint', () => {
  let e: Engine;
  const customers: Record<'A' | 'D', string> = { A: '', D: '' };

  beforeAll(async () => {
    e = await startEngine('tier-time-limits');
    for (const tier of ['A', 'D'] as const) {
      const created = await e.post(AGENT, '/api/customers', { name: `分类时限 ${tier} ${suffix}`, tier, unitId: 'zj', contactName: '周九', phone: '0571-33334444' });
      expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
      customers[tier] = created.body.id;
    }
  });
  afterAll(async () => e?.close());

  /** A complaint of the customer, registered, with its 转交处理 task's due date and the trail's reason. */
  async function triageOf(customerId: string | null) {
    const caseId = await e.start(AGENT, 'complaint', {}, customerId ? { customerId } : {});
    const [register] = await e.waitForTasks(caseId, ['Activity_RegisterComplaint']);
    const res = await e.complete(AGENT, register!.id, { outcome: 'complete', data: REGISTER });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    const [triage] = await e.waitForTasks(caseId, ['Activity_Triage']);
    const { rows } = await e.stack.db.query<{ due_at: Date | null; created_at: Date }>('SELECT due_at, created_at FROM task WHERE id = $1', [triage!.id]);
    const view = await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}`, headers: { cookie: await e.cookie(AGENT) } });
    expect(view.statusCode).toBe(200);
    const reasons = (view.json().events as Array<{ kind: string; taskId: string | null; payload: Record<string, unknown> }>).filter((ev) => ev.kind === 'task.dueByTier');
    return { caseId, taskId: triage!.id, dueAt: rows[0]!.due_at, createdAt: rows[0]!.created_at, reasons };
  }

  const days = (t: { dueAt: Date | null; createdAt: Date }) => (t.dueAt!.getTime() - t.createdAt.getTime()) / 86_400_000;

  it('an A and a D customer get their tier\'s limit for the same step; a complaint without a customer the default', async () => {
    const a = await triageOf(customers.A);
    const d = await triageOf(customers.D);
    // A caller not (yet) in the customer master data: no customer, so no tier.
    const none = await triageOf(null);

    expect(a.reasons).toEqual([expect.objectContaining({ payload: expect.objectContaining({ taskId: a.taskId, customerTier: 'A', tierName: '重点客户', limit: 'complaint', days: 1, dueAt: a.dueAt!.toISOString() }) })]);
    expect(d.reasons).toEqual([expect.objectContaining({ payload: expect.objectContaining({ customerTier: 'D', days: 5, dueAt: d.dueAt!.toISOString() }) })]);
    expect(none.reasons).toEqual([expect.objectContaining({ payload: expect.objectContaining({ customerTier: null, days: 3, dueAt: none.dueAt!.toISOString() }) })]);
    // Working days are at least as long as calendar days; a weekend or holiday can only add to them.
    expect(days(a)).toBeGreaterThanOrEqual(1 - 0.001);
    expect(days(d)).toBeGreaterThanOrEqual(5 - 0.001);
    expect(days(none)).toBeGreaterThanOrEqual(3 - 0.001);
    expect(days(a)).toBeLessThan(days(none));
    expect(days(none)).toBeLessThan(days(d));
  });

  it('a changed rule reaches only tasks opened after the change', async () => {
    const before = await triageOf(customers.D);
    await e.stack.db.query(`UPDATE customer_tier_rule SET complaint_days = 2 WHERE tier = 'D'`);
    try {
      const after = await triageOf(customers.D);
      expect(after.reasons).toEqual([expect.objectContaining({ payload: expect.objectContaining({ customerTier: 'D', days: 2 }) })]);
      expect(days(after)).toBeLessThan(days(before));
      // The task opened before keeps its due date and the reason it was given.
      const { rows } = await e.stack.db.query<{ due_at: Date }>('SELECT due_at FROM task WHERE id = $1', [before.taskId]);
      expect(rows[0]!.due_at.toISOString()).toBe(before.dueAt!.toISOString());
      expect(before.reasons).toEqual([expect.objectContaining({ payload: expect.objectContaining({ days: 5 }) })]);
    } finally {
      await e.stack.db.query(`UPDATE customer_tier_rule SET complaint_days = 5 WHERE tier = 'D'`);
    }
  });
});
