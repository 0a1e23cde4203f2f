import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';

// Issue 14: the customer page (客户 360) gathers a customer's card, sales, purchases, cases and
// records on one route, and its side routes (card, history) repeat them. A reader not cleared for
// a 秘密 customer must find on none of them the name, contact, phone, address, purchases or what
// the cases say — only that the customer exists, its tier and level, and the cases they may read
// under the masked title. C0001 (杭州西湖电子, 秘密, 浙江) is the demo's secret customer.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const SECRETS = ['杭州西湖电子', '王建国', '0571-8888 1234', '文三路'];

describe('客户 360 per role, masked by level', () => {
  let s: TestStack;
  const cookies = new Map<string, string>();
  const get = async (user: string, url: string) => {
    if (!cookies.has(user)) cookies.set(user, await login(s.app, user));
    const res = await s.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)! } });
    return { statusCode: res.statusCode, body: res.json() as Json, text: res.body };
  };
  let purchaseId: string;
  let followUp: string;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('c360'));
    const cookie = await login(s.app, 'zj.cs_manager');
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/customers/C0001/purchases',
      headers: { cookie },
      payload: { productId: 'P-WP-10', purchasedOn: '2026-11-01', invoiceNo: `FP-360-${Date.now().toString(36)}`, amount: 3200, paidAmount: 0, dueOn: '2026-11-15' },
    });
    expect(res.statusCode, res.body).toBe(201);
    purchaseId = res.json().purchase.id;
    followUp = res.json().followUpCaseId;
  });
  afterAll(async () => s?.close());

  it('the cleared see it all: card, sales, the purchase and its follow-up case by title', async () => {
    for (const user of ['zj.cs_manager', 'east.cs_manager', 'hq.auditor']) {
      const { statusCode, body } = await get(user, '/api/customers/C0001/overview');
      expect(statusCode, user).toBe(200);
      expect(body.customer, user).toMatchObject({ id: 'C0001', name: '杭州西湖电子有限公司', phone: '0571-8888 1234', confidentiality: 'secret', tier: 'A', masked: false });
      expect(body.grade).toBeNull();
      expect(body.purchases.map((p: Json) => p.id), user).toContain(purchaseId);
      expect(body.sales.receivable, user).toBeGreaterThanOrEqual(3200);
      expect(body.cases.find((c: Json) => c.id === followUp)?.title, user).toContain('杭州西湖电子');
      expect(body.records.masked).toBe(false);
    }
  });

  it('an agent of the same unit sees the mask on the page and on every side route', async () => {
    const page = await get('zj.cs_agent', '/api/customers/C0001/overview');
    expect(page.statusCode).toBe(200);
    expect(page.body.customer).toMatchObject({ id: 'C0001', name: '（保密客户）', contactName: null, phone: null, address: null, tier: 'A', confidentiality: 'secret', masked: true, editable: false });
    expect(page.body).toMatchObject({ sales: null, purchases: [], records: { masked: true, complaints: [], workOrders: [], callbacks: [], customerNotifications: [] } });
    // The agent reads zj's cases (their unit), so the follow-up is listed — under the masked title.
    expect(page.body.cases.find((c: Json) => c.id === followUp)?.title).toBe('（保密客户的案例）');
    for (const url of ['/api/customers/C0001/overview', '/api/customers/C0001', '/api/customers/C0001/changes', '/api/customers?q=C0001']) {
      const { text } = await get('zj.cs_agent', url);
      for (const secret of SECRETS) expect(text, `${url} leaks ${secret}`).not.toContain(secret);
    }
  });

  it('another province’s manager sees the mask and none of the cases they may not read', async () => {
    const page = await get('gd.cs_manager', '/api/customers/C0001/overview');
    expect(page.body.customer.masked).toBe(true);
    expect(page.body.cases.map((c: Json) => c.id)).not.toContain(followUp);
    for (const secret of SECRETS) expect(page.text).not.toContain(secret);
  });

  it('an unknown customer is 404 with a code', async () => {
    const res = await get('zj.cs_agent', '/api/customers/KH-NOPE/overview');
    expect(res.statusCode).toBe(404);
    expect(res.body.code).toBe('customer.notFound');
  });
});
