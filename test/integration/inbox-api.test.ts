import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../programs/demo/demo-data';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// The approvers' inbox API: views, filters, keyset pages, counts, the task page's data,
// comments, bulk completion, the double-completion race, and the guards around them.

describe('inbox API', () => {
  let e: Engine;
  let key: string;
  const cases: string[] = [];
  beforeAll(async () => {
    e = await startEngine('inbox');
    key = uniqueKey('inbox');
    const forms = { 'inbox-approval': { id: 'inbox-approval', components: [{ type: 'number', key: 'amount', label: '金额', validate: { required: true } }] } };
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${userTask('approve', { group: 'cs_manager', attrs: 'shouwen:outcomes="approve,reject"', ext: '<zeebe:formDefinition formId="inbox-approval"/>' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`,
    );
    expect((await e.deploy(xml, forms)).statusCode).toBe(201);
    // Seven cases in Zhejiang; the customer C001 on three of them.
    for (let i = 0; i < 7; i++) cases.push(await e.start('zj.cs_agent', key, { amount: i }, { title: `收件 ${i} 号`, ...(i < 3 ? { customerId: 'C0001' } : {}) }));
    for (const c of cases) await e.waitForTasks(c, ['approve']);
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const mine = (items: Array<{ caseId: string }>) => items.filter((t) => cases.includes(t.caseId));

  it('pages through the group queue with keyset cursors, no duplicates, no gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string; caseId: string; sla: string; priority: number }>; nextCursor: string | null } } = await get(
        'zj.cs_manager',
        `/api/tasks?view=group&processKey=${key}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((t) => t.caseId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...cases].sort());
    const newestFirst = await get('zj.cs_manager', `/api/tasks?processKey=${key}&sort=created&limit=7`);
    const created = newestFirst.body.items.map((t: { createdAt: string }) => t.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('filters by customer and free text, and ranks tier-A customers first by priority', async () => {
    const byCustomer = await get('zj.cs_manager', `/api/tasks?processKey=${key}&customerId=C0001`);
    expect(byCustomer.body.items.map((t: { caseId: string }) => t.caseId).sort()).toEqual(cases.slice(0, 3).sort());
    const customer = byCustomer.body.items[0];
    expect(customer.customerName).toEqual(expect.any(String));
    const text = await get('zj.cs_manager', `/api/tasks?processKey=${key}&q=${encodeURIComponent('收件 4')}`);
    expect(text.body.items.map((t: { caseId: string }) => t.caseId)).toEqual([cases[4]]);
    const byPriority = await get('zj.cs_manager', `/api/tasks?processKey=${key}&sort=priority`);
    const priorities = byPriority.body.items.map((t: { priority: number }) => t.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    const invalid = await get('zj.cs_manager', '/api/tasks?view=everything&dueBefore=tomorrow');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body.errors.map((x: { path: string }) => x.path).sort()).toEqual(['querystring.dueBefore', 'querystring.view']);
  });

  it('another unit sees none of them; auditors see all but cannot act; counts follow claims', async () => {
    const other = await get('gd.cs_manager', `/api/tasks?processKey=${key}`);
    expect(other.statusCode, JSON.stringify(other.body)).toBe(200);
    expect(mine(other.body.items)).toEqual([]);
    expect(mine((await get('hq.auditor', `/api/tasks?processKey=${key}`)).body.items)).toHaveLength(7);
    const before = (await get('zj.cs_manager', '/api/tasks/counts')).body;
    const [task] = await e.openTasks(cases[6]!);
    expect((await e.post('hq.auditor', `/api/tasks/${encodeURIComponent(task!.id)}/claim`)).statusCode).toBe(403);
    expect((await e.complete('hq.auditor', task!.id, { outcome: 'approve', data: { amount: 1 } })).statusCode).toBe(403);
    expect((await e.post('zj.cs_manager', `/api/tasks/${encodeURIComponent(task!.id)}/claim`)).statusCode).toBe(200);
    const after = (await get('zj.cs_manager', '/api/tasks/counts')).body;
    expect(after.mine).toBe(before.mine + 1);
    expect(after.group).toBe(before.group - 1);
    expect(mine((await get('zj.cs_manager', `/api/tasks?view=mine&processKey=${key}`)).body.items).map((t: { caseId: string }) => t.caseId)).toEqual([cases[6]]);
  });

  it("the task page: form, case context with live variables, earlier steps, comments and what I may do", async () => {
    const [task] = await e.openTasks(cases[0]!);
    const url = `/api/tasks/${encodeURIComponent(task!.id)}`;
    expect((await e.post('zj.cs_manager', `${url}/comments`, { body: '请补充发票' })).statusCode).toBe(201);
    expect((await e.post('hq.auditor', `${url}/comments`, { body: '审计不应能评论' })).statusCode).toBe(403);
    expect((await e.post('zj.cs_manager', `${url}/comments`, { body: '' })).statusCode).toBe(400);
    const detail = await get('zj.cs_manager', url);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toMatchObject({
      task: { id: task!.id, outcomes: ['approve', 'reject'], formId: 'inbox-approval' },
      form: { components: [expect.objectContaining({ key: 'amount' })] },
      case: { id: cases[0], initiatorId: 'zj.cs_agent', customer: { id: 'C0001' }, variables: { amount: 0 } },
      comments: [expect.objectContaining({ authorId: 'zj.cs_manager', body: '请补充发票' })],
      can: { complete: true, claim: true, unclaim: false, delegate: true },
    });
    const audit = await get('hq.auditor', url);
    expect(audit.body.can).toEqual({ complete: false, claim: false, unclaim: false, delegate: false, comment: false });
    expect((await get('gd.cs_manager', url)).statusCode).toBe(403);
  });

  it('looks customers up, masking the secret ones for staff not cleared', async () => {
    const agent = await get('zj.cs_agent', '/api/customers?q=C000');
    const secret = agent.body.items.find((c: { id: string }) => c.id === 'C0001');
    expect(secret).toMatchObject({ name: '（保密客户）', phone: null });
    const manager = await get('zj.cs_manager', '/api/customers?q=C0001');
    expect(manager.body.items[0]).toMatchObject({ id: 'C0001', name: '杭州西湖电子有限公司' });
  });

  it("a secret customer's case shows that it exists, never what was recorded in it, to staff not cleared", async () => {
    const url = `/api/cases/${encodeURIComponent(cases[0]!)}`;
    const agent = await get('zj.cs_agent', url);
    expect(agent.statusCode).toBe(200);
    expect(agent.body.case).toMatchObject({ id: cases[0], customerId: 'C0001', variables: {} });
    expect(agent.body.customer).toEqual({ id: 'C0001', name: '（保密客户）', tier: 'A' });
    expect((await get('zj.cs_manager', url)).body.customer).toEqual({ id: 'C0001', name: '杭州西湖电子有限公司', tier: 'A' });
    expect(agent.body.events.every((ev: { payload: object }) => Object.keys(ev.payload).length === 0)).toBe(true);
    expect((await get('zj.cs_agent', `${url}/state`)).body.variables).toEqual({});
    expect((await get('zj.cs_agent', `${url}/records`)).body).toMatchObject({ masked: true, complaints: [] });
    const listed = (await get('zj.cs_agent', '/api/cases?limit=200')).body.items.find((c: { id: string }) => c.id === cases[0]);
    expect(listed.variables).toEqual({});

    expect((await get('zj.cs_manager', `${url}/state`)).body.variables).toMatchObject({ amount: 0 });
    expect((await get('zj.cs_manager', `${url}/records`)).body).toMatchObject({ masked: false });
    expect((await get('hq.auditor', `${url}/audit`)).body.entries.some((ev: { payload: object }) => Object.keys(ev.payload).length > 0)).toBe(true);
  });

  it('finds people to delegate to by id or name', async () => {
    const found = await get('zj.cs_manager', `/api/users?q=${encodeURIComponent('浙江')}`);
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(['zj.cs_agent', 'zj.cs_manager']));
    expect(found.body.items.every((u: { unitId: string }) => u.unitId === 'zj')).toBe(true);
    expect((await get('zj.cs_manager', '/api/users?limit=0')).statusCode).toBe(400);
  });

  it('two people completing the same task at once: exactly one success and one 409', async () => {
    const [task] = await e.openTasks(cases[1]!);
    const results = await Promise.all(
      ['zj.cs_manager', 'zj.cs_manager'].map((u, i) => e.complete(u, task!.id, { outcome: i ? 'reject' : 'approve', comment: '并发', data: { amount: 5 } })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await e.stack.db.query(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1 AND kind = 'task.completed'`, [cases[1]]);
    expect(rows[0].n).toBe(1);
  });

  it('bulk completion: a result per task, failures do not stop the others', async () => {
    const ids = await Promise.all([cases[2]!, cases[3]!, cases[4]!].map(async (c) => (await e.openTasks(c))[0]!.id));
    const res = await e.post('zj.cs_manager', '/api/tasks/bulk-complete', {
      items: [
        { taskId: ids[0], outcome: 'approve', data: { amount: 10 } },
        { taskId: ids[1], outcome: 'approve', data: {} }, // the form requires an amount
        { taskId: 'no-such-task', outcome: 'approve' },
        { taskId: ids[2], outcome: 'approve', data: { amount: 30 } },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.results.map((r: { ok: boolean; status: number }) => [r.ok, r.status])).toEqual([
      [true, 200],
      [false, 422],
      [false, 404],
      [true, 200],
    ]);
    // the field by its label only: a person never reads the request path (`data.amount`)
    expect(res.body.results[1].detail).toBe('表单有 1 处需要修改（“金额”为必填项）');
    expect((await e.post('zj.cs_manager', '/api/tasks/bulk-complete', { items: [] })).statusCode).toBe(400);
  });

  it('我的待办 → 已办 lists the tasks the user completed, claimed first or straight from the group', async () => {
    // cases[1], [2] and [4] were completed by zj.cs_manager above without a claim: the task was never assigned.
    const done = await get('zj.cs_manager', `/api/tasks?view=mine&status=completed&processKey=${key}`);
    expect(mine(done.body.items).map((t) => t.caseId).sort()).toEqual([cases[1], cases[2], cases[4]].sort());
    expect(mine((await get('zj.cs_agent', `/api/tasks?view=mine&status=completed&processKey=${key}`)).body.items)).toEqual([]);
  });

  it('refuses cross-site writes and slows down password guessing', async () => {
    const cookie = await e.cookie('zj.cs_manager');
    const [task] = await e.openTasks(cases[5]!);
    const crossSite = await e.stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task!.id)}/claim`,
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' },
    });
    expect(crossSite.statusCode).toBe(403);
    const fetchMeta = await e.stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(task!.id)}/claim`, headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(fetchMeta.statusCode).toBe(403);
    const sameOrigin = await e.stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task!.id)}/claim`,
      headers: { cookie, origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(200);

    const attempt = (password: string) =>
      e.stack.app.inject({ method: 'POST', url: '/api/session', remoteAddress: '10.9.9.9', payload: { username: 'js.sales', password } });
    for (let i = 0; i < 10; i++) expect((await attempt('guess')).statusCode).toBe(401);
    const blocked = await attempt(DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('客户信息秘密等级: a secret customer is hidden from staff not cleared for it', async () => {
    const agentKey = uniqueKey('secret');
    const xml = bpmnXml(agentKey, `<bpmn:startEvent id="s"/>${userTask('call', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'call')}${flow('f2', 'call', 'e')}`);
    expect((await e.deploy(xml)).statusCode).toBe(201);
    // C0001 (杭州西湖电子) is 秘密 in Zhejiang: agents are not cleared, managers and auditors are.
    const caseId = await e.start('zj.cs_agent', agentKey, { contractValue: 880000 }, { customerId: 'C0001' });
    const [task] = await e.waitForTasks(caseId, ['call']);
    const asAgent = await get('zj.cs_agent', `/api/tasks?processKey=${agentKey}`);
    expect(asAgent.body.items[0]).toMatchObject({ customerId: 'C0001', customerName: '（保密客户）' });
    expect(asAgent.body.items[0].customerLevel).toBeUndefined();
    const detail = await get('zj.cs_agent', `/api/tasks/${encodeURIComponent(task!.id)}`);
    expect(detail.body.case.customer).toMatchObject({ id: 'C0001', name: '（保密客户）' });
    expect(detail.body.case.variables).toEqual({});
    const asAuditor = await get('hq.auditor', `/api/tasks/${encodeURIComponent(task!.id)}`);
    expect(asAuditor.body.case.customer.name).toBe('杭州西湖电子有限公司');
    expect(asAuditor.body.case.variables.contractValue).toBe(880000);
  });
  it('each row and the task page name exactly the actions the API then accepts from that user', async () => {
    const caseId = await e.start('zj.cs_agent', key, { amount: 8 }, { title: '收件 8 号' });
    await e.waitForTasks(caseId, ['approve']);
    const [task] = await e.openTasks(caseId);
    const url = `/api/tasks/${encodeURIComponent(task!.id)}`;
    const row = async (user: string) => (await get(user, `/api/tasks?processKey=${key}&limit=50`)).body.items.find((t: { caseId: string }) => t.caseId === caseId);
    const none = { complete: false, claim: false, delegate: false, comment: false };

    expect((await row('zj.cs_manager')).actions).toEqual({ complete: true, claim: true, delegate: true, comment: true });
    // Auditors and admins read every task; neither is offered this one.
    for (const reader of ['hq.auditor', 'admin']) {
      expect((await row(reader)).actions, reader).toEqual(none);
      expect((await get(reader, url)).body.can, reader).toEqual({ ...none, unclaim: false });
      expect((await e.post(reader, `${url}/claim`)).statusCode, reader).toBe(403);
      expect((await e.post(reader, `${url}/comments`, { body: '不应能评论' })).statusCode, reader).toBe(403);
    }

    expect((await e.post('zj.cs_manager', `${url}/claim`)).statusCode).toBe(200);
    expect((await row('zj.cs_manager')).actions).toEqual({ complete: true, claim: false, delegate: true, comment: true });
    expect((await get('zj.cs_manager', url)).body.can).toEqual({ complete: true, claim: false, delegate: true, comment: true, unclaim: true });
    expect((await e.post('zj.cs_manager', `${url}/comments`, { body: '先看一下' })).statusCode).toBe(201);
    expect((await e.post('zj.cs_manager', `${url}/unclaim`)).statusCode).toBe(200);
  });
});
