import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// Issue 11 §2: search used to match fields the caller may not see — the customers look-up on a
// secret customer's phone and name (returning the masked row: a phone recovered digit by
// digit), the inbox on its name and on case titles. C0001 (杭州西湖电子有限公司, phone
// 0571-8888 1234) is 秘密 in Zhejiang: cs_managers of Zhejiang and above, general managers and
// auditors are cleared; agents, and managers elsewhere, are not. Titles (typed by the agent, often
// naming the customer) were shown to everyone.

describe('a secret customer stays secret on side routes: search and case titles', () => {
  let e: Engine;
  let key: string;
  let caseId: string;
  let businessKey: string;
  beforeAll(async () => {
    e = await startEngine('search-oracle');
    key = uniqueKey('oracle');
    expect((await e.deploy(bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('call', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'call')}${flow('f2', 'call', 'e')}`))).statusCode).toBe(201);
    caseId = await e.start('zj.cs_agent', key, {}, { title: '西湖电子 回访', customerId: 'C0001' });
    businessKey = caseId.split('/')[1]!;
    await e.waitForTasks(caseId, ['call']);
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    expect(res.statusCode, url).toBe(200);
    return res.json() as { items: Array<Record<string, unknown>> };
  };
  const customerIds = async (user: string, q: string) => (await get(user, `/api/customers?q=${encodeURIComponent(q)}`)).items.map((c) => c.id);
  const taskCases = async (user: string, q: string) => (await get(user, `/api/tasks?status=open&view=all&processKey=${key}&q=${encodeURIComponent(q)}`)).items.map((t) => t.caseId);

  it('the customers look-up matches a secret customer on its phone, name or contact only for those cleared', async () => {
    for (const q of ['8888', '0571', '西湖电子', '王建国']) {
      expect(await customerIds('zj.cs_agent', q), `agent, ${q}`).not.toContain('C0001');
      expect(await customerIds('gd.cs_manager', q), `another province's manager, ${q}`).not.toContain('C0001');
      expect(await customerIds('zj.cs_manager', q), `Zhejiang's manager, ${q}`).toContain('C0001');
      expect(await customerIds('east.cs_manager', q), `the region's manager, ${q}`).toContain('C0001');
      expect(await customerIds('hq.auditor', q), `auditor, ${q}`).toContain('C0001');
    }
    // Its id is what the masked row shows, so it may still be found by id, masked.
    const byId = (await get('zj.cs_agent', '/api/customers?q=C0001')).items;
    expect(byId).toEqual([expect.objectContaining({ id: 'C0001', name: '（保密客户）', phone: null, contactName: null })]);
  });

  it('the inbox matches a secret customer’s case on its name or title only for those cleared, on its business key for all', async () => {
    expect(await taskCases('zj.cs_agent', '西湖')).not.toContain(caseId);
    expect(await taskCases('zj.cs_agent', '杭州西湖电子')).not.toContain(caseId);
    expect(await taskCases('zj.cs_agent', businessKey)).toContain(caseId);
    expect(await taskCases('hq.auditor', '西湖')).toContain(caseId);
    expect(await taskCases('hq.auditor', '杭州西湖电子')).toContain(caseId);
  });

  it('the header search finds a secret customer and its case by name or title only for those cleared, masked by id for the rest, and people only for managers', async () => {
    const search = async (user: string, q: string) => {
      const res = await e.stack.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}&limit=20`, headers: { cookie: await e.cookie(user) } });
      expect(res.statusCode, q).toBe(200);
      return res.json() as { cases: { items: Array<{ id: string; title: string }> }; customers: { items: Array<{ id: string; name: string; masked: boolean }> }; people?: { items: Array<{ id: string }> } };
    };
    for (const q of ['西湖电子', '8888', '回访']) {
      const agent = await search('zj.cs_agent', q);
      expect(agent.customers.items.map((c) => c.id), `agent, ${q}`).not.toContain('C0001');
      expect(agent.cases.items.map((c) => c.id), `agent, ${q}`).not.toContain(caseId);
    }
    const auditor = await search('hq.auditor', '西湖电子');
    expect(auditor.customers.items).toContainEqual({ id: 'C0001', name: '杭州西湖电子有限公司', tier: expect.any(String), masked: false });
    expect(auditor.cases.items).toContainEqual(expect.objectContaining({ id: caseId, title: '西湖电子 回访' }));
    // By business key and customer number the agent finds both, masked.
    expect((await search('zj.cs_agent', businessKey)).cases.items).toEqual([expect.objectContaining({ id: caseId, title: '（保密客户的案例）' })]);
    expect((await search('zj.cs_agent', 'C0001')).customers.items).toEqual([{ id: 'C0001', name: '（保密客户）', tier: expect.any(String), masked: true }]);
    expect((await search('zj.cs_agent', 'zj.cs')).people).toBeUndefined();
    expect((await search('zj.cs_manager', 'zj.cs')).people?.items.map((p) => p.id)).toContain('zj.cs_agent');
  });

  it('masks the title of a secret customer’s case for those not cleared, in lists and pages', async () => {
    const task = (await get('zj.cs_agent', `/api/tasks?status=open&view=all&processKey=${key}`)).items.find((t) => t.caseId === caseId)!;
    expect(task.caseTitle).toBe('（保密客户的案例）');
    const asAgent = async (url: string) => (await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie('zj.cs_agent') } })).json();
    expect((await asAgent('/api/cases')).items.find((c: { id: string }) => c.id === caseId).title).toBe('（保密客户的案例）');
    expect((await asAgent(`/api/cases/${encodeURIComponent(caseId)}`)).case.title).toBe('（保密客户的案例）');
    expect((await asAgent(`/api/tasks/${encodeURIComponent(task.id as string)}`)).case.title).toBe('（保密客户的案例）');
    const asAuditor = (await get('hq.auditor', `/api/tasks?status=open&view=all&processKey=${key}`)).items.find((t) => t.caseId === caseId)!;
    expect(asAuditor.caseTitle).toBe('西湖电子 回访');
  });
});

// What earlier steps recorded includes their comment — often the very opinion the form holds (withOpinion) —
// and the task's discussion: an agent working a secret customer's case, not cleared for it, used to read both.
describe('a secret customer’s case: step comments and discussion withheld from those not cleared', () => {
  let e: Engine;
  let caseId: string;
  beforeAll(async () => {
    e = await startEngine('secret-comments');
    const key = uniqueKey('opinions');
    const body = `<bpmn:startEvent id="s"/>${userTask('review', { group: 'cs_manager' })}${userTask('call', { group: 'cs_agent,cs_manager' })}<bpmn:endEvent id="e"/>
      ${flow('f1', 's', 'review')}${flow('f2', 'review', 'call')}${flow('f3', 'call', 'e')}`;
    expect((await e.deploy(bpmnXml(key, body))).statusCode).toBe(201);
    caseId = await e.start('zj.cs_agent', key, {}, { title: '西湖电子 复核', customerId: 'C0001' });
    const [review] = await e.waitForTasks(caseId, ['review']);
    expect((await e.complete('zj.cs_manager', review!.id, { outcome: 'complete', comment: '西湖电子欠款较多，限额下调' })).statusCode).toBe(200);
  });
  afterAll(async () => e?.close());

  const as = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    expect(res.statusCode, url).toBe(200);
    return res.json();
  };

  it('the agent sees who did what and when, never what they wrote; the cleared manager reads it all; the agent reads their own comment', async () => {
    const [call] = await e.waitForTasks(caseId, ['call']);
    const comment = (user: string, body: string) => e.post(user, `/api/tasks/${encodeURIComponent(call!.id)}/comments`, { body });
    expect((await comment('zj.cs_manager', '西湖电子 请先核对欠款')).statusCode).toBe(201);
    expect((await comment('zj.cs_agent', '已电话联系')).statusCode).toBe(201);
    const page = `/api/tasks/${encodeURIComponent(call!.id)}`;

    const asAgent = await as('zj.cs_agent', page);
    expect(asAgent.steps.map((s: { name: string; completedByName: string; comment: string | null }) => [s.name, s.comment])).toEqual([['review', null]]);
    expect(asAgent.comments.map((c: { authorId: string; body: string }) => [c.authorId, c.body])).toEqual([
      ['zj.cs_manager', '（保密客户的案例，内容不予显示）'],
      ['zj.cs_agent', '已电话联系'],
    ]);
    expect(JSON.stringify(asAgent)).not.toMatch(/西湖|欠款/);
    const agentLists = [await as('zj.cs_agent', '/api/tasks?status=completed&view=all&limit=200'), await as('zj.cs_agent', '/api/tasks?status=open&view=all&limit=200')];
    expect(JSON.stringify(agentLists)).not.toMatch(/西湖|欠款/);

    const asManager = await as('zj.cs_manager', page);
    expect(asManager.steps.map((s: { comment: string | null }) => s.comment)).toEqual(['西湖电子欠款较多，限额下调']);
    expect(asManager.comments.map((c: { body: string }) => c.body)).toEqual(['西湖电子 请先核对欠款', '已电话联系']);
  });
});

// Issue 11 §2: a customer id typed into a form field (not chosen in the 新建 dialog) used to fill
// the case with that customer's purchase data while the case, its records and its history stayed
// unmasked. The server now decides the case's customer: the first one the case's data names
// becomes the case's customer (audited), and no other customer's data is read into it.
describe('a secret customer typed into a form is the case’s customer, masked like one chosen at start', () => {
  let e: Engine;
  let key: string;
  const secretPurchase = uniqueKey('gm-secret');
  const publicPurchase = uniqueKey('gm-public');
  const warranty = `<bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="check-warranty"/></bpmn:extensionElements></bpmn:serviceTask>`;
  beforeAll(async () => {
    e = await startEngine('form-typed-customer');
    await e.stack.db.query(
      `INSERT INTO purchase (id, customer_id, product_id, purchased_on, warranty_ends_on) VALUES
         ($1, 'C0001', 'P-AC-200', current_date - 30, current_date + 300), ($2, 'C0004', 'P-PR-5', current_date - 30, current_date + 300)`,
      [secretPurchase, publicPurchase],
    );
    key = uniqueKey('typed');
    const body = `<bpmn:startEvent id="s"/>${userTask('enter', { group: 'cs_agent' })}${warranty}${userTask('review', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>
      ${flow('f1', 's', 'enter')}${flow('f2', 'enter', 'check')}${flow('f3', 'check', 'review')}${flow('f4', 'review', 'e')}`;
    expect((await e.deploy(bpmnXml(key, body))).statusCode).toBe(201);
  });
  afterAll(async () => e?.close());

  const as = async (user: string, url: string) => (await e.stack.app.inject({ method: 'GET', url: `/api/cases/${url}`, headers: { cookie: await e.cookie(user) } })).json();
  async function typed(data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const caseId = await e.start('zj.cs_agent', key, {}, { title: '报修 登记', ...extra });
    const [enter] = await e.waitForTasks(caseId, ['enter']);
    expect((await e.complete('zj.cs_agent', enter!.id, { outcome: 'complete', data })).statusCode).toBe(200);
    await e.waitForTasks(caseId, ['review']);
    return caseId;
  }

  it('a secret customer’s id typed into a form binds the case to it: masked for the agent, readable by the cleared', async () => {
    for (const data of [{ customerId: 'C0001', productId: 'P-AC-200' }, { purchaseId: secretPurchase }]) {
      const caseId = await typed(data);
      const id = encodeURIComponent(caseId);
      const agentView = await as('zj.cs_agent', id);
      expect(agentView.case.title, JSON.stringify(data)).toBe('（保密客户的案例）');
      expect(agentView.case.customerId).toBe('C0001');
      expect(agentView.customer.name).toBe('（保密客户）');
      expect((await as('zj.cs_agent', `${id}/state`)).variables).toEqual({});
      expect((await as('zj.cs_agent', `${id}/records`)).masked).toBe(true);
      expect(agentView.events.every((ev: { payload: object }) => Object.keys(ev.payload).length === 0)).toBe(true);

      const managerView = await as('zj.cs_manager', id);
      expect(managerView.case.title).toBe('报修 登记');
      expect((await as('zj.cs_manager', `${id}/state`)).variables).toMatchObject({ purchaseFound: true, purchaseId: secretPurchase, customerId: 'C0001' });
      expect(managerView.events).toContainEqual(expect.objectContaining({ kind: 'case.customer', payload: { customerId: 'C0001', customerName: '杭州西湖电子有限公司' } }));
    }
  });

  it('a case of another customer never reads a secret customer’s purchase, whatever id is typed', async () => {
    for (const data of [{ purchaseId: secretPurchase }, { customerId: 'C0001', productId: 'P-AC-200' }]) {
      const caseId = await typed(data, { customerId: 'C0004' });
      const state = await as('zj.cs_agent', `${encodeURIComponent(caseId)}/state`);
      expect(state.variables, JSON.stringify(data)).toMatchObject({ purchaseFound: false, purchasedOn: null, warrantyEndsOn: null });
      expect((await as('zj.cs_agent', encodeURIComponent(caseId))).case.customerId).toBe('C0004');
    }
    // Its own customer's purchase is still found.
    const own = await typed({ purchaseId: publicPurchase }, { customerId: 'C0004' });
    expect((await as('zj.cs_agent', `${encodeURIComponent(own)}/state`)).variables).toMatchObject({ purchaseFound: true, customerId: 'C0004' });
  });
});

// Issue 11 §2: notices (the bell and e-mail) carried a secret customer's case title and whatever a
// diagram's message said about it to recipients not cleared for the customer.
describe('notices about a secret customer’s case say nothing of it to those not cleared', () => {
  let e: Engine;
  let caseId: string;
  const secretText = '西湖电子 王建国 0571-8888 1234';
  beforeAll(async () => {
    e = await startEngine('secret-notices');
    const key = uniqueKey('notices');
    const notify = `<bpmn:serviceTask id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/><zeebe:ioMapping>
      <zeebe:input source="=&quot;${secretText}&quot;" target="message"/><zeebe:input source="=[&quot;zj.cs_agent&quot;, &quot;zj.cs_manager&quot;]" target="to"/>
      </zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`;
    expect((await e.deploy(bpmnXml(key, `<bpmn:startEvent id="s"/>${notify}<bpmn:endEvent id="e"/>${flow('f1', 's', 'tell')}${flow('f2', 'tell', 'e')}`))).statusCode).toBe(201);
    caseId = await e.start('zj.cs_agent', key, {}, { title: '西湖电子 回访', customerId: 'C0001' });
    await e.result(caseId);
  });
  afterAll(async () => e?.close());

  const bell = async (user: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url: '/api/notifications?limit=100', headers: { cookie: await e.cookie(user) } });
    return (res.json().items as Array<{ caseId: string; kind: string; title: string; body: string }>).filter((n) => n.caseId === caseId);
  };

  it('the bell of an agent not cleared shows that something happened, not what', async () => {
    let agent: Awaited<ReturnType<typeof bell>> = [];
    for (let i = 0; i < 50 && agent.length < 2; i++) {
      agent = await bell('zj.cs_agent');
      if (agent.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(agent.map((n) => n.kind).sort()).toEqual(['case.ended', 'notify']);
    for (const n of agent) {
      expect(n.title).toBe('（保密客户的案例）有新动态');
      expect(n.body).toBe('');
    }
    const manager = await bell('zj.cs_manager');
    expect(manager.map((n) => n.title)).toEqual([secretText]);
  });

  it('so does the e-mail the outbox would send', async () => {
    const { STAFF_EMAIL_OUTBOX } = await import('../../db/email-outboxes');
    const ids = await e.stack.db.query<{ id: string; user_id: string }>(`SELECT id::text, user_id FROM notification WHERE case_id = $1 AND email_status = 'pending'`, [caseId]);
    const { rows } = await e.stack.db.query<{ id: string; subject: string; text: string }>(STAFF_EMAIL_OUTBOX.messages, [ids.rows.map((r) => r.id)]);
    const byUser = new Map(ids.rows.map((r) => [r.id, r.user_id]));
    const mails = rows.filter((r) => byUser.has(r.id));
    expect(mails.length).toBe(3);
    for (const m of mails) {
      const cleared = byUser.get(m.id) === 'zj.cs_manager';
      expect(`${m.subject} ${m.text}`.includes('西湖'), `${byUser.get(m.id)}: ${m.subject}`).toBe(cleared);
    }
  });
});
