import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// Issue 11 §2, the matrix: every level of 客户信息秘密等级 × the people around its cases × every
// route that carries something of the customer — the case page, its live state, records, audit
// trail, the inbox (rows and search), the customers look-up and the notices. Readers cleared for
// the level see the customer; the others see that the case exists, never who it is for.

const CUSTOMERS = [
  { id: 'C0004', unit: 'js', level: 'public', name: '苏州园区精密仪器有限公司', phone: '0512-6253 1122' },
  { id: 'C0002', unit: 'zj', level: 'internal', name: '宁波港城贸易有限公司', phone: '0574-8765 4321' },
  { id: 'C0001', unit: 'zj', level: 'secret', name: '杭州西湖电子有限公司', phone: '0571-8888 1234' },
  { id: 'C0006', unit: 'gd', level: 'confidential', name: '深圳南山科技有限公司', phone: '0755-8666 5544' },
] as const;
const READERS = ['cs_agent', 'cs_manager', 'general_manager', 'auditor'] as const;
/** The CLEARED table of policy/confidentiality.ts, written out independently. */
const cleared = (level: string, role: string) =>
  role === 'auditor' || level === 'public' || level === 'internal' || (level === 'secret' && (role === 'cs_manager' || role === 'general_manager')) || (level === 'confidential' && role === 'general_manager');

describe('confidentiality matrix: level × reader × route', () => {
  let e: Engine;
  let key: string;
  const cases = new Map<string, string>();
  beforeAll(async () => {
    e = await startEngine('confidentiality-matrix');
    key = uniqueKey('matrix');
    // Every reader of the case's unit hears of it: a notice naming the customer, and a task of their role.
    const tell = `<bpmn:serviceTask id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/><zeebe:ioMapping>
      <zeebe:input source="=&quot;请联系 &quot; + customerName + &quot; &quot; + customerPhone" target="message"/><zeebe:input source="=readers" target="to"/>
      </zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`;
    // The step's own variable (an input mapping) repeats the customer: the live state carries it with the step.
    const callee = `<zeebe:ioMapping><zeebe:input source="=&quot;致电 &quot; + customerPhone" target="callee"/></zeebe:ioMapping>`;
    const body = `<bpmn:startEvent id="s"/>${tell}${userTask('call', { group: 'cs_agent', ext: callee })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'tell')}${flow('f2', 'tell', 'call')}${flow('f3', 'call', 'e')}`;
    expect((await e.deploy(bpmnXml(key, body))).statusCode).toBe(201);
    for (const c of CUSTOMERS) {
      const readers = READERS.filter((r) => r !== 'auditor').map((r) => `${c.unit}.${r}`);
      const id = await e.start(`${c.unit}.cs_agent`, key, { customerName: c.name, customerPhone: c.phone, readers }, { title: `${c.name} 回访`, customerId: c.id });
      await e.waitForTasks(id, ['call']);
      cases.set(c.id, id);
    }
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    expect(res.statusCode, `${user} GET ${url}`).toBe(200);
    return res.json();
  };

  for (const c of CUSTOMERS) {
    for (const role of READERS) {
      const user = role === 'auditor' ? 'hq.auditor' : `${c.unit}.${role}`;
      const sees = cleared(c.level, role);
      it(`${c.level} customer, ${user}: ${sees ? 'sees it' : 'sees that a case exists, not whose'}`, async () => {
        const caseId = cases.get(c.id)!;
        const id = encodeURIComponent(caseId);
        // Everything a route answers about the case, as text: the customer is in it exactly when cleared.
        const page = await get(user, `/api/cases/${id}`);
        const answers = [
          page,
          await get(user, `/api/cases/${id}/state`),
          await get(user, `/api/cases/${id}/records`),
          await get(user, `/api/cases/${id}/audit`),
          (await get(user, `/api/cases?limit=200`)).items.find((x: { id: string }) => x.id === caseId),
          (await get(user, `/api/tasks?status=open&view=all&processKey=${key}`)).items.filter((t: { caseId: string }) => t.caseId === caseId),
        ];
        const notices =
          role === 'auditor'
            ? []
            : await eventually(async () => {
                const mine = (await get(user, '/api/notifications?limit=100')).items.filter((n: { caseId: string }) => n.caseId === caseId);
                return mine.length ? mine : undefined;
              }, 20_000, `${user}'s notice`);
        const names = (a: unknown) => JSON.stringify(a).includes(c.name) || JSON.stringify(a).includes(c.phone);
        if (sees) {
          // The page, the live variables and the notice carry the customer.
          for (const [what, answer] of [['page', page], ['state', answers[1]], ...(role === 'auditor' ? [] : [['notices', notices] as const])] as const) {
            expect(names(answer), `${user} ${what}`).toBe(true);
          }
        } else {
          for (const [what, answer] of [...answers.map((a, i) => [`route ${i}`, a] as const), ['notices', notices] as const]) {
            expect(names(answer), `${user} ${what}: ${JSON.stringify(answer).slice(0, 300)}`).toBe(false);
          }
        }
        expect(page.case.title).toBe(sees ? `${c.name} 回访` : '（保密客户的案例）');
        const found = (await get(user, `/api/customers?q=${encodeURIComponent(c.phone.slice(-4))}`)).items.map((x: { id: string }) => x.id);
        expect(found.includes(c.id), `${user} customers look-up by phone`).toBe(sees);
        // Search matches the customer only for those who may see it; the business key always finds
        // the case. (The step is offered to agents; auditors see every task; managers see neither.)
        if (role !== 'cs_agent' && role !== 'auditor') return;
        const inbox = async (q: string) => (await get(user, `/api/tasks?status=open&view=all&processKey=${key}&q=${encodeURIComponent(q)}`)).items.map((t: { caseId: string }) => t.caseId);
        expect((await inbox(c.name.slice(2, 6))).includes(caseId), `${user} inbox search by name`).toBe(sees);
        expect(await inbox(caseId.split('/')[1]!)).toContain(caseId);
      });
    }
  }
});
