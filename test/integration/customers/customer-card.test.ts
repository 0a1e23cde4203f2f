import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfidentiality } from '../../../db/customers';
import { inTransaction } from '../../../db/pool';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../../helpers';

// Issue 14: the 客户资料卡 is created and edited in the console, numbered KH-…, with a history of
// who changed which field (old → new); its confidentiality level is not editable there — only the
// customer-information process sets it (setConfidentiality), and that is recorded too.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('customer card: create, edit, history', () => {
  let s: TestStack;
  const cookies = new Map<string, string>();
  const as = async (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) => {
    if (!cookies.has(user)) cookies.set(user, await login(s.app, user));
    const res = await s.app.inject({ method, url, headers: { cookie: cookies.get(user)!, ...headers }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: (res.body ? res.json() : undefined) as Json };
  };
  const stamp = Date.now().toString(36);
  const card = {
    name: `宁波东海机电有限公司 ${stamp}`,
    tier: 'B',
    unitId: 'zj',
    contactName: '王海',
    phone: '0574-87654321',
    address: '宁波市鄞州区天童路 1 号',
    region: '浙江 宁波',
    customerType: '企业',
    industry: '机械制造',
    source: '展会',
    ownerId: 'zj.sales',
  };

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('customers'));
  });
  afterAll(async () => s?.close());

  it('creates a customer numbered KH-YYYY-MM-NNNNNN with every card field, once per idempotency key', async () => {
    const key = `kh-${stamp}`;
    const created = await as('zj.cs_agent', 'POST', '/api/customers', card, { 'idempotency-key': key });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    expect(created.body.id).toMatch(/^KH-\d{4}-\d{2}-\d{6}$/);
    expect(created.body).toMatchObject({ ...card, confidentiality: 'internal', ownerName: expect.any(String), unitName: expect.any(String), masked: false, editable: true });
    const again = await as('zj.cs_agent', 'POST', '/api/customers', card, { 'idempotency-key': key });
    expect(again.body.id).toBe(created.body.id);
    const { rows } = await s.db.query('SELECT count(*)::int AS n FROM customer WHERE name = $1', [card.name]);
    expect(rows[0].n).toBe(1);
  });

  it('records each changed field old → new, by whom, and names the owner instead of the id', async () => {
    const { body: c } = await as('zj.cs_agent', 'POST', '/api/customers', { ...card, name: `${card.name} 二` });
    const edited = await as('zj.cs_manager', 'PATCH', `/api/customers/${c.id}`, { phone: '0574-11112222', ownerId: 'zj.cs_agent', region: card.region });
    expect(edited.statusCode, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ phone: '0574-11112222', ownerId: 'zj.cs_agent' });
    // Nothing changed: nothing recorded.
    expect((await as('zj.cs_manager', 'PATCH', `/api/customers/${c.id}`, { phone: '0574-11112222' })).statusCode).toBe(200);

    const history = await as('zj.cs_agent', 'GET', `/api/customers/${c.id}/changes`);
    expect(history.body.masked).toBe(false);
    expect(history.body.items).toHaveLength(2);
    const [update, create] = history.body.items;
    expect(create).toMatchObject({ kind: 'created', actorId: 'zj.cs_agent', actorName: expect.any(String) });
    expect(update.kind).toBe('updated');
    expect(update.actorId).toBe('zj.cs_manager');
    const { rows } = await s.db.query<{ id: string; display_name: string }>('SELECT id, display_name FROM app_user WHERE id IN ($1, $2)', ['zj.sales', 'zj.cs_agent']);
    const nameOf = new Map(rows.map((r) => [r.id, r.display_name]));
    expect(update.changes).toEqual([
      { field: 'phone', before: card.phone, after: '0574-11112222' },
      { field: 'ownerId', before: nameOf.get('zj.sales'), after: nameOf.get('zj.cs_agent') },
    ]);
  });

  it('refuses the confidentiality level on create and on edit, with a code saying the process sets it', async () => {
    const onCreate = await as('zj.cs_manager', 'POST', '/api/customers', { ...card, name: `${card.name} 三`, confidentiality: 'secret' });
    expect(onCreate.statusCode).toBe(400);
    expect(onCreate.body.code).toBe('customer.confidentialityByProcess');
    expect(onCreate.body.errors[0]).toMatchObject({ path: 'body.confidentiality', code: 'customer.confidentialityByProcess' });
    const { body: c } = await as('zj.cs_agent', 'POST', '/api/customers', { ...card, name: `${card.name} 四` });
    for (const user of ['zj.cs_manager', 'admin']) {
      const res = await as(user, 'PATCH', `/api/customers/${c.id}`, { confidentiality: 'public' });
      expect(res.body.code, user).toBe('customer.confidentialityByProcess');
    }
    expect((await as('zj.cs_agent', 'GET', `/api/customers/${c.id}`)).body.confidentiality).toBe('internal');
  });

  it('setConfidentiality (the process’s service task) changes the level once, recorded with its case, and masks the card', async () => {
    const { body: c } = await as('zj.cs_agent', 'POST', '/api/customers', { ...card, name: `${card.name} 五` });
    expect(await inTransaction(s.db, (tx) => setConfidentiality(tx, c.id, 'secret', 'customer-info/TEST-1'))).toBe(true);
    expect(await inTransaction(s.db, (tx) => setConfidentiality(tx, c.id, 'secret', 'customer-info/TEST-1'))).toBe(false);

    const forManager = await as('zj.cs_manager', 'GET', `/api/customers/${c.id}/changes`);
    expect(forManager.body.items[0]).toMatchObject({ kind: 'confidentiality', actorId: null, caseId: 'customer-info/TEST-1', changes: [{ field: 'confidentiality', before: 'internal', after: 'secret' }] });
    expect(forManager.body.items.filter((i: Json) => i.kind === 'confidentiality')).toHaveLength(1);

    // The agent who created it is not cleared for 秘密: the card and the history are masked, and editing is refused.
    const agentCard = await as('zj.cs_agent', 'GET', `/api/customers/${c.id}`);
    expect(agentCard.body).toMatchObject({ id: c.id, name: '（保密客户）', phone: null, contactName: null, address: null, masked: true, editable: false });
    const agentHistory = await as('zj.cs_agent', 'GET', `/api/customers/${c.id}/changes`);
    expect(agentHistory.body.masked).toBe(true);
    expect(JSON.stringify(agentHistory.body)).not.toContain(card.phone);
    expect(JSON.stringify(agentHistory.body)).not.toContain(card.name);
    expect((await as('zj.cs_agent', 'PATCH', `/api/customers/${c.id}`, { phone: '110' })).body.code).toBe('customer.notCleared');

    await expect(s.db.query('UPDATE customer_change SET changes = $2 WHERE customer_id = $1', [c.id, '[]'])).rejects.toThrow(/append-only/);
  });
});
