import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

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
