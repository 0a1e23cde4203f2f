import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../engine-harness';

// 客户分类标准 edited in the console (issue 15): a tier's effects (回访 coverage, the follow-up's 回访
// and the complaint's 转交处理 limits) are changed by admins and the top unit's 客服经理 with a note;
// every change is kept (who, when, old → new, append-only) and reaches the tasks opened after it.
// Real Temporal and PostgreSQL: the 回访 of an A customer's follow-up before and after a change.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const AGENT = 'zj.cs_agent';
const suffix = Date.now().toString(36);
const PRODUCT = `T-TR-${suffix}`;
const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toISOString();

describe('客户分类标准 changed in the console', () => {
  let e: Engine;
  let customerId = '';
  let purchase = 0;

  const send = async (user: string, method: 'GET' | 'PUT', url: string, payload?: object) => {
    const res = await e.stack.app.inject({ method, url, headers: { cookie: await e.cookie(user) }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: res.json() as Json };
  };
  const ruleOf = async (tier: string) => (await send('admin', 'GET', '/api/customers/tier-rules')).body.rules.find((r: Json) => r.tier === tier);

  beforeAll(async () => {
    e = await startEngine('tier-rules');
    await e.stack.db.query(`INSERT INTO product (id, name, model, portable, warranty_months) VALUES ($1, '分类标准测试净水器', $2, true, 24)`, [PRODUCT, `TTR-${suffix}`]);
    const created = await e.post(AGENT, '/api/customers', { name: `分类标准 A ${suffix}`, tier: 'A', unitId: 'zj', contactName: '周九', phone: '0571-33334444' });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    customerId = created.body.id;
  });
  afterAll(async () => e?.close());

  /** A follow-up of a new purchase of the A customer, up to its 回访: that task's reason and due date. */
  async function callbackTask() {
    const purchaseId = `GM-T-TR${++purchase}-${suffix}`;
    await e.stack.db.query(
      `INSERT INTO purchase (id, customer_id, product_id, purchased_on, warranty_ends_on)
       VALUES ($1, $2, $3, (now() AT TIME ZONE 'Asia/Shanghai')::date - 10, (now() AT TIME ZONE 'Asia/Shanghai')::date + 700)`,
      [purchaseId, customerId, PRODUCT],
    );
    const caseId = await e.start(AGENT, 'after-sales-follow-up');
    const steps: Array<[string, Record<string, unknown>]> = [
      ['Activity_CustomerProfile', { customerId, customerName: '测试', contactPerson: '周九', phone: '0571-33334444', productId: PRODUCT, purchaseId, customerProfile: '测试' }],
      ['Activity_PlanCallback', { callbackMethod: '电话', callbackCycle: '每季度', plannedCallbackAt: inSeconds(1), surveyTopics: '使用情况' }],
    ];
    for (const [element, data] of steps) {
      const [task] = await e.waitForTasks(caseId, [element]);
      const res = await e.complete(AGENT, task!.id, { outcome: 'complete', data });
      expect(res.statusCode, `${element}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const [callback] = await e.waitForTasks(caseId, ['Activity_Callback']);
    const { rows } = await e.stack.db.query<{ payload: Json }>(`SELECT payload FROM case_event WHERE case_id = $1 AND kind = 'task.dueByTier'`, [caseId]);
    const { rows: task } = await e.stack.db.query<{ due_at: Date; created_at: Date }>('SELECT due_at, created_at FROM task WHERE id = $1', [callback!.id]);
    return { taskId: callback!.id, reasons: rows.map((r) => r.payload), dueAt: task[0]!.due_at, openedAt: task[0]!.created_at };
  }

  it('refuses agents, a province\'s manager and auditors; the board says who may change it', async () => {
    const body = { callbackCoverage: 1, followUpDays: 2, complaintDays: 1, note: '试图修改' };
    for (const user of ['zj.cs_agent', 'zj.cs_manager', 'hq.cs_agent']) {
      const refused = await send(user, 'PUT', '/api/customers/tier-rules/A', body);
      expect(refused.statusCode, user).toBe(403);
      expect(refused.body.code, user).toBe('tierRules.forbidden');
      expect((await send(user, 'GET', '/api/customers/tier-rules')).body.editable, user).toBe(false);
    }
    expect((await send('hq.auditor', 'PUT', '/api/customers/tier-rules/A', body)).statusCode).toBe(403);
    expect((await send('hq.cs_manager', 'GET', '/api/customers/tier-rules')).body.editable).toBe(true);
    expect((await send('admin', 'GET', '/api/customers/tier-rules')).body.editable).toBe(true);
    expect(await ruleOf('A')).toMatchObject({ followUpDays: 1, complaintDays: 1, callbackCoverage: 1 });
  });

  it('refuses values out of range, a missing note and a change that changes nothing', async () => {
    const bad = await send('hq.cs_manager', 'PUT', '/api/customers/tier-rules/B', { callbackCoverage: 1.5, followUpDays: 0, complaintDays: 2, note: '  ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors.map((x: Json) => x.path).sort()).toEqual(['body.callbackCoverage', 'body.followUpDays', 'body.note']);
    const b = await ruleOf('B');
    const same = await send('hq.cs_manager', 'PUT', '/api/customers/tier-rules/B', { callbackCoverage: b.callbackCoverage, followUpDays: b.followUpDays, complaintDays: b.complaintDays, note: '没有变化' });
    expect(same.statusCode).toBe(422);
    expect(same.body.code).toBe('tierRules.unchanged');
    expect((await send('hq.cs_manager', 'PUT', '/api/customers/tier-rules/E', { ...b, note: 'x' })).statusCode).toBe(400);
  });

  it('a change is kept old → new with who, when and why, and reaches only the 回访 opened after it', async () => {
    const before = await callbackTask();
    expect(before.reasons).toEqual([expect.objectContaining({ customerTier: 'A', limit: 'followUp', days: 1 })]);
    const changed = await send('hq.cs_manager', 'PUT', '/api/customers/tier-rules/A', { callbackCoverage: 1, followUpDays: 4, complaintDays: 1, note: '回访人手不足，A 类放宽到 4 个工作日' });
    expect(changed.statusCode, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ tier: 'A', followUpDays: 4, complaintDays: 1, callbackCoverage: 1 });
    try {
      const board = await send('zj.cs_agent', 'GET', '/api/customers/tier-rules');
      expect(board.body.changes[0]).toMatchObject({
        tier: 'A',
        actorId: 'hq.cs_manager',
        actorName: expect.any(String),
        note: '回访人手不足，A 类放宽到 4 个工作日',
        before: { callbackCoverage: 1, followUpDays: 1, complaintDays: 1 },
        after: { callbackCoverage: 1, followUpDays: 4, complaintDays: 1 },
      });
      const after = await callbackTask();
      expect(after.reasons).toEqual([expect.objectContaining({ customerTier: 'A', limit: 'followUp', days: 4, dueAt: after.dueAt.toISOString() })]);
      // Four working days are at least four calendar days; the task opened before keeps its one.
      expect(after.dueAt.getTime() - after.openedAt.getTime()).toBeGreaterThanOrEqual(4 * 86_400_000 - 1_000);
      const { rows } = await e.stack.db.query<{ due_at: Date }>('SELECT due_at FROM task WHERE id = $1', [before.taskId]);
      expect(rows[0]!.due_at.toISOString()).toBe(before.dueAt.toISOString());
      expect(before.dueAt.getTime()).toBeLessThan(after.dueAt.getTime());
      // The record of it cannot be rewritten.
      await expect(e.stack.db.query(`UPDATE customer_tier_rule_change SET note = 'x' WHERE id = $1`, [board.body.changes[0].id])).rejects.toThrow(/append-only/);
      await expect(e.stack.db.query('DELETE FROM customer_tier_rule_change WHERE id = $1', [board.body.changes[0].id])).rejects.toThrow(/append-only/);
    } finally {
      const back = await send('admin', 'PUT', '/api/customers/tier-rules/A', { callbackCoverage: 1, followUpDays: 1, complaintDays: 1, note: '测试结束，恢复' });
      expect(back.statusCode, JSON.stringify(back.body)).toBe(200);
    }
  });
});
