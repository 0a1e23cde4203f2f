import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../domain/china-time';
import { startEngine, type Engine } from '../../engine-harness';

// Issue 14, "done when": a customer and purchases entered in the console — no seed row — and the
// repair process tells in-warranty from out-of-warranty (the 核算确认 service task reads
// db/products.ts latestPurchase), quoting the fee the console set; the follow-up case the
// purchase started finds that purchase.

const stamp = Date.now().toString(36).toUpperCase();
const PRODUCT = `P-T14W-${stamp}`;
const MODEL = `T14W-${stamp}`;
const OLD_PRODUCT = `P-T14O-${stamp}`;
const OLD_MODEL = `T14O-${stamp}`;
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));
const AGENT = 'zj.cs_agent';

describe('a customer entered in the console, through repair and follow-up', () => {
  let e: Engine;
  let customerId: string;
  let followUpCaseId: string;

  beforeAll(async () => {
    e = await startEngine('console-customer');
    const put = async (url: string, payload: object) => {
      const res = await e.stack.app.inject({ method: 'PUT', url, headers: { cookie: await e.cookie('admin') }, payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    await put(`/api/products/${PRODUCT}`, { id: PRODUCT, name: '控制台净水器', model: MODEL, portable: true, warrantyMonths: 12 });
    await put(`/api/products/${OLD_PRODUCT}`, { id: OLD_PRODUCT, name: '控制台空调', model: OLD_MODEL, portable: false, warrantyMonths: 12 });
    await put('/api/fee-schedule', { model: OLD_MODEL, serviceKind: '维修', fee: 666 });
    // Tier A: every purchase is called back (customer_tier_rule), so the follow-up reaches its plan.
    const created = await e.post(AGENT, '/api/customers', { name: `控制台新客户 ${stamp}`, tier: 'A', unitId: 'zj', contactName: '钱七', phone: '0571-22223333' });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    customerId = created.body.id;
    const inWarranty = await e.post(AGENT, `/api/customers/${customerId}/purchases`, { productId: PRODUCT, purchasedOn: daysAgo(100), invoiceNo: `FP-W-${stamp}`, amount: 2000, paidAmount: 2000 });
    expect(inWarranty.statusCode, JSON.stringify(inWarranty.body)).toBe(201);
    followUpCaseId = inWarranty.body.followUpCaseId;
    const old = await e.post(AGENT, `/api/customers/${customerId}/purchases`, { productId: OLD_PRODUCT, purchasedOn: daysAgo(400), invoiceNo: `FP-O-${stamp}`, amount: 9000, paidAmount: 9000 });
    expect(old.statusCode, JSON.stringify(old.body)).toBe(201);
  });
  afterAll(async () => e?.close());

  const reception = (productId: string) => ({
    customerId,
    customerName: `控制台新客户 ${stamp}`,
    contactPerson: '钱七',
    phone: '0571-22223333',
    productId,
    serviceKind: '维修',
    faultDescription: '无法开机',
  });

  async function receive(productId: string) {
    const caseId = await e.start(AGENT, 'repair', {}, { customerId });
    const [task] = await e.waitForTasks(caseId, ['Activity_Reception']);
    const res = await e.complete(AGENT, task!.id, { outcome: 'complete', data: reception(productId) });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    return caseId;
  }

  it('in warranty: the console purchase 100 days ago of a 12-month product is free, 送修', async () => {
    const caseId = await receive(PRODUCT);
    await e.waitForTasks(caseId, ['Activity_ConfirmMode']);
    expect((await e.state(caseId)).variables).toMatchObject({ purchaseFound: true, inWarranty: true, daysSincePurchase: 100, suggestedMode: '送修' });
  });

  it('out of warranty: the purchase 400 days ago is quoted the fee the console set', async () => {
    const caseId = await receive(OLD_PRODUCT);
    await e.waitForTasks(caseId, ['Activity_ConfirmFee']);
    expect((await e.state(caseId)).variables).toMatchObject({ purchaseFound: true, inWarranty: false, quotedFee: 666, feeScheduleFound: true, suggestedMode: '上门' });
  });

  it('the follow-up case the purchase started is in the customer’s unit and finds the purchase', async () => {
    const [profile] = await e.waitForTasks(followUpCaseId, ['Activity_CustomerProfile']);
    expect(profile!.unitId).toBe('zj');
    const state = await e.state(followUpCaseId);
    expect(state.variables).toMatchObject({ customerId, productId: PRODUCT, customerName: `控制台新客户 ${stamp}` });
    const purchaseId = state.variables.purchaseId as string;
    const res = await e.complete(AGENT, profile!.id, {
      outcome: 'complete',
      data: { customerId, customerName: `控制台新客户 ${stamp}`, contactPerson: '钱七', phone: '0571-22223333', productId: PRODUCT, purchaseId, customerProfile: '控制台登记的新客户' },
    });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    await e.waitForTasks(followUpCaseId, ['Activity_PlanCallback']);
    expect((await e.state(followUpCaseId)).variables).toMatchObject({ purchaseFound: true, inWarranty: true, daysSincePurchase: 100 });
  });
});
