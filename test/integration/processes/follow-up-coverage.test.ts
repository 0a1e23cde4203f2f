import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackSampleBucket } from '../../../domain/customer-tiers';
import { startEngine, type Engine } from '../../engine-harness';

// 回访 coverage by tier (issue 15): the after-sales follow-up asks the 客户分类标准 (table
// customer_tier_rule) whether a purchase is called back — A every purchase, lower tiers a sample
// fixed by the purchase number's hash — and writes the decision and the rule on the case's trail.
// Real Temporal and PostgreSQL; purchases are picked by their hash so each side of a bound is hit.

const AGENT = 'zj.cs_agent';
const suffix = Date.now().toString(36);
const PRODUCT = `T-COV-${suffix}`;

/** The first purchase number of this run whose sample bucket satisfies `test`. */
function purchaseWhere(test: (bucket: number) => boolean, tag: string): string {
  for (let i = 0; i < 10_000; i++) {
    const id = `GM-T-COV${tag}${i}-${suffix}`;
    if (test(callbackSampleBucket(id))) return id;
  }
  throw new Error(`no purchase number for ${tag}`);
}

describe('售后跟踪 回访 coverage by customer tier', () => {
  let e: Engine;
  const customers: Record<'A' | 'D', string> = { A: '', D: '' };
  // A: a number far above any sample bound; D (10 %): one above 10 % and one below.
  const A_HIGH = purchaseWhere((b) => b >= 9_000, 'A');
  const D_HIGH = purchaseWhere((b) => b >= 5_000, 'DH');
  const D_LOW = purchaseWhere((b) => b < 1_000, 'DL');

  beforeAll(async () => {
    e = await startEngine('follow-up-coverage');
    const db = e.stack.db;
    await db.query(`INSERT INTO product (id, name, model, portable, warranty_months) VALUES ($1, '覆盖率测试净水器', $2, true, 24)`, [PRODUCT, `TCOV-${suffix}`]);
    for (const tier of ['A', 'D'] as const) {
      const created = await e.post(AGENT, '/api/customers', { name: `回访覆盖 ${tier} ${suffix}`, tier, unitId: 'zj', contactName: '周九', phone: '0571-33334444' });
      expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
      customers[tier] = created.body.id;
    }
    const purchases: Array<[string, string]> = [[A_HIGH, customers.A], [D_HIGH, customers.D], [D_LOW, customers.D]];
    for (const [id, customerId] of purchases) {
      await db.query(
        `INSERT INTO purchase (id, customer_id, product_id, purchased_on, warranty_ends_on)
         VALUES ($1, $2, $3, (now() AT TIME ZONE 'Asia/Shanghai')::date - 20, (now() AT TIME ZONE 'Asia/Shanghai')::date + 700)`,
        [id, customerId, PRODUCT],
      );
    }
  });
  afterAll(async () => e?.close());

  /** A follow-up case for the purchase, past 整理客户资料 (which binds the customer and finds the purchase). */
  async function followUp(purchaseId: string, customerId: string) {
    const caseId = await e.start(AGENT, 'after-sales-follow-up');
    const [profile] = await e.waitForTasks(caseId, ['Activity_CustomerProfile']);
    const res = await e.complete(AGENT, profile!.id, { outcome: 'complete', data: { customerId, customerName: '测试', contactPerson: '周九', phone: '0571-33334444', productId: PRODUCT, purchaseId, customerProfile: '测试' } });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    return caseId;
  }

  async function trail(caseId: string) {
    const { rows } = await e.stack.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM case_event WHERE case_id = $1 AND kind = 'callback.coverage' ORDER BY seq`, [caseId]);
    return rows.map((r) => r.payload);
  }

  it('an A customer is always called back, whatever the purchase number', async () => {
    expect(callbackSampleBucket(A_HIGH)).toBeGreaterThanOrEqual(9_000);
    const caseId = await followUp(A_HIGH, customers.A);
    await e.waitForTasks(caseId, ['Activity_PlanCallback']);
    expect((await e.state(caseId)).variables).toMatchObject({ callbackSelected: true, customerTier: 'A', callbackCoverage: 1, callbackSampleKey: A_HIGH });
    expect(await trail(caseId)).toEqual([expect.objectContaining({ customerId: customers.A, customerTier: 'A', tierName: '重点客户', callbackCoverage: 1, callbackSelected: true, callbackSampleBucket: callbackSampleBucket(A_HIGH) })]);
  });

  it('a D customer (10 %): a purchase hashed above the bound is not called back and archived; one below is', async () => {
    const skipped = await followUp(D_HIGH, customers.D);
    const result = await e.result(skipped);
    expect(result.status).toBe('completed');
    const state = await e.state(skipped);
    expect(state.completedCounts).toMatchObject({ Activity_CallbackCoverage: 1, Gateway_ArchiveMerge: 1, Activity_Archive: 1, EndEvent_Done: 1 });
    expect(state.completedCounts.Activity_PlanCallback).toBeUndefined();
    expect(await trail(skipped)).toEqual([expect.objectContaining({ customerTier: 'D', callbackCoverage: 0.1, callbackSelected: false, callbackSampleKey: D_HIGH })]);

    const called = await followUp(D_LOW, customers.D);
    await e.waitForTasks(called, ['Activity_PlanCallback']);
    expect(await trail(called)).toEqual([expect.objectContaining({ customerTier: 'D', callbackCoverage: 0.1, callbackSelected: true, callbackSampleKey: D_LOW })]);
  });

  it('a changed rule decides new cases only: the same purchase is called back once D is 100 %', async () => {
    const before = await followUp(D_HIGH, customers.D);
    expect((await e.result(before)).status).toBe('completed');
    await e.stack.db.query(`UPDATE customer_tier_rule SET callback_coverage = 1 WHERE tier = 'D'`);
    try {
      const after = await followUp(D_HIGH, customers.D);
      await e.waitForTasks(after, ['Activity_PlanCallback']);
      expect(await trail(after)).toEqual([expect.objectContaining({ customerTier: 'D', callbackCoverage: 1, callbackSelected: true })]);
      // The case decided before the change keeps its decision and the rule it applied.
      expect(await trail(before)).toEqual([expect.objectContaining({ callbackCoverage: 0.1, callbackSelected: false })]);
    } finally {
      await e.stack.db.query(`UPDATE customer_tier_rule SET callback_coverage = 0.10 WHERE tier = 'D'`);
    }
  });
});
