import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfidentiality } from '../../../db/customers';
import { inTransaction } from '../../../db/pool';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../../helpers';

// Issue 15: a customer's 生日 / 节日 / 纪念日 (customer_important_date, which the daily greetings run
// reads) are kept on 客户 360 through the API: read like the visit log (nothing for readers not
// cleared), added, changed and removed by whoever may edit the card, each change in its history.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('customer dates: list, add, change, remove', () => {
  let s: TestStack;
  const cookies = new Map<string, string>();
  const as = async (user: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    if (!cookies.has(user)) cookies.set(user, await login(s.app, user));
    const res = await s.app.inject({ method, url, headers: { cookie: cookies.get(user)! }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: (res.body ? res.json() : undefined) as Json };
  };
  const stamp = Date.now().toString(36);
  const newCustomer = async (name: string) => {
    const created = await as('zj.cs_agent', 'POST', '/api/customers', { name: `${name} ${stamp}`, tier: 'B', unitId: 'zj' });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('customer-dates'));
  });
  afterAll(async () => s?.close());

  it('adds, lists in calendar order, changes and removes dates, each recorded in the card history', async () => {
    const id = await newCustomer('杭州西湖贸易');
    const birthday = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'birthday', label: '董事长王海生日', month: 11, day: 3 });
    expect(birthday.statusCode, JSON.stringify(birthday.body)).toBe(201);
    expect(birthday.body).toMatchObject({ kind: 'birthday', label: '董事长王海生日', month: 11, day: 3, year: null, updatedAt: null });
    const founded = await as('zj.sales', 'POST', `/api/customers/${id}/dates`, { kind: 'anniversary', label: '公司成立', month: 2, day: 29, year: 2008 });
    expect(founded.statusCode, JSON.stringify(founded.body)).toBe(201);

    const listed = await as('zj.cs_agent', 'GET', `/api/customers/${id}/dates`);
    expect(listed.body).toMatchObject({ masked: false, editable: true });
    expect(listed.body.items.map((d: Json) => d.label)).toEqual(['公司成立', '董事长王海生日']);
    // What the daily greetings run reads: month, day and the words of the greeting.
    const { rows } = await s.db.query('SELECT kind, month, day, note, year FROM customer_important_date WHERE customer_id = $1 ORDER BY id', [id]);
    expect(rows).toEqual([
      { kind: 'birthday', month: 11, day: 3, note: '董事长王海生日', year: null },
      { kind: 'anniversary', month: 2, day: 29, note: '公司成立', year: 2008 },
    ]);

    const changed = await as('zj.cs_manager', 'PATCH', `/api/customers/${id}/dates/${birthday.body.id}`, { day: 4, year: 1968 });
    expect(changed.statusCode, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ kind: 'birthday', label: '董事长王海生日', month: 11, day: 4, year: 1968, updatedAt: expect.any(String) });
    expect((await as('zj.cs_agent', 'DELETE', `/api/customers/${id}/dates/${founded.body.id}`)).statusCode).toBe(204);
    expect((await as('zj.cs_agent', 'GET', `/api/customers/${id}/dates`)).body.items.map((d: Json) => d.id)).toEqual([birthday.body.id]);
    expect((await as('zj.cs_agent', 'DELETE', `/api/customers/${id}/dates/${founded.body.id}`)).body.code).toBe('customer.dateNotFound');

    const history = await as('zj.cs_agent', 'GET', `/api/customers/${id}/changes`);
    const dateChanges = history.body.items.filter((i: Json) => i.changes.some((c: Json) => c.field === 'importantDate'));
    expect(dateChanges.map((i: Json) => [i.actorId, i.changes[0].before, i.changes[0].after])).toEqual([
      ['zj.cs_agent', '纪念日 02-29 公司成立 (2008)', null],
      ['zj.cs_manager', '生日 11-03 董事长王海生日', '生日 11-04 董事长王海生日 (1968)'],
      ['zj.sales', null, '纪念日 02-29 公司成立 (2008)'],
      ['zj.cs_agent', null, '生日 11-03 董事长王海生日'],
    ]);
  });

  it('refuses days that do not exist and malformed dates with coded problems, writing nothing', async () => {
    const id = await newCustomer('嘉兴南湖电子');
    const feb30 = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'festival', label: '春节', month: 2, day: 30 });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.body.code).toBe('customer.dateNotExisting');
    expect(feb30.body.errors).toEqual([expect.objectContaining({ path: 'body.day', code: 'customer.dateNotExisting' })]);
    // 29 February exists every year it might fall in, but not in a year given that is no leap year.
    const noLeap = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'anniversary', label: '签约', month: 2, day: 29, year: 2023 });
    expect(noLeap.body.code).toBe('customer.dateNotExisting');
    const april31 = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'birthday', label: '经理', month: 4, day: 31 });
    expect(april31.body.code).toBe('customer.dateNotExisting');
    const month13 = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'birthday', label: '经理', month: 13, day: 1 });
    expect(month13.statusCode).toBe(400);
    expect(month13.body.errors.map((e: Json) => e.path)).toEqual(['body.month']);
    const blank = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'wedding', label: '  ', month: 1, day: 1 });
    expect(blank.body.errors.map((e: Json) => e.path).sort()).toEqual(['body.kind', 'body.label']);

    // A change is checked against what is stored: 31 alone turns 4 April into a 31 April.
    const april = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'birthday', label: '经理', month: 4, day: 30 });
    const toThirtyFirst = await as('zj.cs_agent', 'PATCH', `/api/customers/${id}/dates/${april.body.id}`, { day: 31 });
    expect(toThirtyFirst.body.code).toBe('customer.dateNotExisting');
    const { rows } = await s.db.query('SELECT month, day FROM customer_important_date WHERE customer_id = $1', [id]);
    expect(rows).toEqual([{ month: 4, day: 30 }]);
  });

  it('lets only those who may edit the card change its dates, and hides them from readers not cleared', async () => {
    const id = await newCustomer('温州瓯江机械');
    const added = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'birthday', label: '总经理生日', month: 6, day: 1 });
    expect(added.statusCode).toBe(201);
    const url = `/api/customers/${id}/dates/${added.body.id}`;

    const auditor = await as('hq.auditor', 'POST', `/api/customers/${id}/dates`, { kind: 'festival', label: '端午', month: 6, day: 10 });
    expect(auditor.statusCode).toBe(403);
    expect((await as('hq.auditor', 'GET', `/api/customers/${id}/dates`)).body).toMatchObject({ masked: false, editable: false, items: [expect.objectContaining({ label: '总经理生日' })] });
    const otherProvince = await as('gd.cs_agent', 'PATCH', url, { label: '改' });
    expect(otherProvince.statusCode).toBe(403);
    expect(otherProvince.body.code).toBe('customer.outsideScope');
    expect((await as('gd.cs_agent', 'DELETE', url)).statusCode).toBe(403);
    // A date of another customer is not reachable through this one.
    const elsewhere = await newCustomer('台州椒江塑料');
    expect((await as('zj.cs_agent', 'PATCH', `/api/customers/${elsewhere}/dates/${added.body.id}`, { label: '改' })).body.code).toBe('customer.dateNotFound');

    await inTransaction(s.db, (tx) => setConfidentiality(tx, id, 'secret', 'customer-info/TEST-DATES'));
    const masked = await as('zj.cs_agent', 'GET', `/api/customers/${id}/dates`);
    expect(masked.body).toEqual({ items: [], masked: true, editable: false });
    const refused = await as('zj.cs_agent', 'POST', `/api/customers/${id}/dates`, { kind: 'festival', label: '中秋', month: 9, day: 15 });
    expect(refused.statusCode).toBe(403);
    expect(refused.body.code).toBe('customer.notCleared');
    expect((await as('zj.cs_agent', 'DELETE', url)).body.code).toBe('customer.notCleared');
    const manager = await as('zj.cs_manager', 'GET', `/api/customers/${id}/dates`);
    expect(manager.body).toMatchObject({ masked: false, editable: true, items: [expect.objectContaining({ label: '总经理生日' })] });
    const { rows } = await s.db.query('SELECT count(*)::int AS n FROM customer_important_date WHERE customer_id = $1', [id]);
    expect(rows[0].n).toBe(1);
  });
});
