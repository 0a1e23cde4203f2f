import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// Who may do what, for the two actions that used to need only access to the case or the task:
// a message is registered by the roles its catch event names, carries only the variables it
// declares, is bounded in size and refused when nothing waits for it; a task is delegated to
// someone the step is offered to, or — by a manager, with a reason — to anyone, and the audit
// trail says who did it.

const SIGNED = 'customer-signed';
const messageXml = `<bpmn:message id="m" name="${SIGNED}"/><bpmn:message id="w" name="customer-withdrew"/>`;

describe('messages and delegation: who may do what', () => {
  let e: Engine;
  let signKey: string;
  let bareKey: string;
  let approveKey: string;
  let agentKey: string;

  beforeAll(async () => {
    e = await startEngine('msg-del');
    signKey = uniqueKey('sign');
    bareKey = uniqueKey('bare');
    approveKey = uniqueKey('deleg');
    agentKey = uniqueKey('deleg-agent');
    // The engineers prepare, then the case waits for the customer's signature, registered by an agent.
    const sign = bpmnXml(
      signKey,
      `<bpmn:startEvent id="s"/>${userTask('prepare', { group: 'engineering' })}
       <bpmn:intermediateCatchEvent id="signed" shouwen:candidateGroups="cs_agent"><bpmn:extensionElements><zeebe:ioMapping>
         <zeebe:output source="=signedBy" target="signedBy"/><zeebe:output source="=signedAt" target="signedAt"/>
       </zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'prepare')}${flow('f2', 'prepare', 'signed')}${flow('f3', 'signed', 'e')}`,
      '',
      messageXml,
    );
    // A message boundary that declares nothing and names no senders: the host task's candidates send it.
    const bare = bpmnXml(
      bareKey,
      `<bpmn:startEvent id="s"/>${userTask('docs', { group: 'cs_agent' })}
       <bpmn:boundaryEvent id="withdrawn" attachedToRef="docs"><bpmn:messageEventDefinition messageRef="w"/></bpmn:boundaryEvent>
       <bpmn:endEvent id="e"/><bpmn:endEvent id="gone"/>${flow('f1', 's', 'docs')}${flow('f2', 'docs', 'e')}${flow('f3', 'withdrawn', 'gone')}`,
      '',
      messageXml,
    );
    const approve = bpmnXml(
      approveKey,
      `<bpmn:startEvent id="s"/>${userTask('approve', { group: 'cs_manager', attrs: 'shouwen:candidateScope="ancestors"' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`,
    );
    const agent = bpmnXml(agentKey, `<bpmn:startEvent id="s"/>${userTask('call', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'call')}${flow('f2', 'call', 'e')}`);
    for (const xml of [sign, bare, approve, agent]) expect((await e.deploy(xml)).statusCode).toBe(201);
  });
  afterAll(async () => e?.close());

  const send = async (user: string, caseId: string, payload: object, key?: string) => {
    const res = await e.stack.app.inject({
      method: 'POST',
      url: `/api/cases/${encodeURIComponent(caseId)}/messages`,
      headers: { cookie: await e.cookie(user), ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
    return { statusCode: res.statusCode, body: res.json(), type: String(res.headers['content-type']) };
  };
  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const audit = async (caseId: string) =>
    (await get('hq.auditor', `/api/cases/${encodeURIComponent(caseId)}/audit`)).body.entries as Array<{ kind: string; actorId: string | null; taskId: string | null; payload: Record<string, unknown> }>;
  const waitingForSignature = async () => {
    const caseId = await e.start('zj.cs_agent', signKey);
    const [prepare] = await e.waitForTasks(caseId, ['prepare']);
    return { caseId, prepare: prepare! };
  };
  const atSignature = (caseId: string) => eventually(async () => ((await e.state(caseId)).awaitingMessages?.includes('signed') ? true : undefined), 10_000, 'waiting for the signature');

  describe('POST /api/cases/:id/messages', () => {
    it('refuses a message nothing waits for (409), which used to be buffered for ever', async () => {
      const { caseId } = await waitingForSignature();
      const early = await send('zj.cs_agent', caseId, { messageName: SIGNED, variables: { signedBy: '李芳' } });
      expect(early.statusCode).toBe(409);
      expect(early.type).toContain('application/problem+json');
      expect(early.body).toMatchObject({ code: 'message.notAwaited', messageName: SIGNED, awaited: [] });
      const unknown = await send('zj.cs_agent', caseId, { messageName: 'noise' });
      expect(unknown.body.code).toBe('message.notAwaited');
      expect((await e.state(caseId)).bufferedMessages).toEqual([]);
    });

    it('lets only the roles the catch event names send it, with only the variables it declares; audits the sender', async () => {
      const { caseId, prepare } = await waitingForSignature();
      expect((await e.complete('zj.engineering', prepare.id)).statusCode).toBe(200);
      await atSignature(caseId);

      // A salesperson and an engineer of the case's unit may read the case, but register no signature.
      for (const user of ['zj.sales', 'zj.engineering', 'zj.cs_manager']) {
        const res = await send(user, caseId, { messageName: SIGNED, variables: { signedBy: '李芳' } });
        expect(res.statusCode, user).toBe(403);
        expect(res.body).toMatchObject({ code: 'message.notAllowed', roles: ['cs_agent'] });
      }
      // An agent of another unit may not even read the case.
      expect((await send('js.cs_agent', caseId, { messageName: SIGNED })).statusCode).toBe(404);
      // The case page's state answer names the signature as registrable for exactly those who may send it (the 登记 button).
      for (const [user, registrable] of [['zj.cs_agent', ['signed']], ['admin', ['signed']], ['zj.sales', []], ['zj.cs_manager', []], ['hq.auditor', []]] as const) {
        expect((await get(user, `/api/cases/${encodeURIComponent(caseId)}/state`)).body.registrableMessages, user).toEqual(registrable);
      }

      const undeclared = await send('zj.cs_agent', caseId, { messageName: SIGNED, variables: { signedBy: '李芳', amount: 0, approved: true } });
      expect(undeclared.statusCode).toBe(400);
      expect(undeclared.body).toMatchObject({ code: 'message.undeclaredVariables', accepted: ['signedBy', 'signedAt'] });
      expect(undeclared.body.errors.map((x: { path: string }) => x.path)).toEqual(['body.variables.amount', 'body.variables.approved']);

      const huge = await send('zj.cs_agent', caseId, { messageName: SIGNED, variables: { signedBy: 'x'.repeat(70 * 1024) } });
      expect(huge.statusCode).toBe(413);
      expect(huge.body).toMatchObject({ code: 'message.tooLarge', limit: 65536, errors: [{ path: 'body.variables' }] });

      // None of the refusals reached the case.
      const before = await e.state(caseId);
      expect(before.awaitingMessages).toEqual(['signed']);
      expect(before.variables).not.toHaveProperty('signedBy');

      const signedAt = '2026-03-02T10:00:00.000Z';
      const ok = await send('zj.cs_agent', caseId, { messageName: SIGNED, variables: { signedBy: '李芳', signedAt } }, 'sign-once');
      expect(ok).toMatchObject({ statusCode: 200, body: { consumed: true } });
      // The same request again (a retry) gets the same answer, and is neither sent nor audited twice.
      expect(await send('zj.cs_agent', caseId, { messageName: SIGNED, variables: { signedBy: '李芳', signedAt } }, 'sign-once')).toMatchObject({ statusCode: 200, body: { consumed: true } });

      expect((await e.result(caseId)).variables).toMatchObject({ signedBy: '李芳', signedAt });
      const received = (await audit(caseId)).filter((x) => x.kind === 'message.received');
      expect(received).toEqual([
        expect.objectContaining({ actorId: 'zj.cs_agent', payload: { messageName: SIGNED, variables: { signedBy: '李芳', signedAt }, elementIds: ['signed'], consumed: true } }),
      ]);
    });

    it('an admin may send any message a case waits for', async () => {
      const { caseId, prepare } = await waitingForSignature();
      await e.complete('zj.engineering', prepare.id);
      await atSignature(caseId);
      expect(await send('admin', caseId, { messageName: SIGNED, variables: { signedBy: '系统' } })).toMatchObject({ statusCode: 200, body: { consumed: true } });
      expect((await audit(caseId)).find((x) => x.kind === 'message.received')?.actorId).toBe('admin');
    });

    it("a boundary event without senders is sent by its task's candidates; declaring nothing, it accepts no variables", async () => {
      const caseId = await e.start('zj.cs_agent', bareKey);
      await e.waitForTasks(caseId, ['docs']);
      await eventually(async () => ((await e.state(caseId)).awaitingMessages?.includes('withdrawn') ? true : undefined), 10_000, 'boundary armed');
      expect((await send('zj.cs_manager', caseId, { messageName: 'customer-withdrew' })).body.code).toBe('message.notAllowed');
      const withData = await send('zj.cs_agent', caseId, { messageName: 'customer-withdrew', variables: { reason: '不修了' } });
      expect(withData.statusCode).toBe(400);
      expect(withData.body).toMatchObject({ code: 'message.undeclaredVariables', accepted: [], errors: [{ path: 'body.variables.reason' }] });
      expect(await send('zj.cs_agent', caseId, { messageName: 'customer-withdrew' })).toMatchObject({ statusCode: 200, body: { consumed: true } });
      expect((await e.result(caseId)).status).toBe('completed');
      expect((await e.state(caseId)).completedCounts).toMatchObject({ withdrawn: 1, gone: 1 });
    });
  });

  describe('POST /api/tasks/:id/delegate and GET /api/tasks/:id/eligible-users', () => {
    const url = (taskId: string, action: string) => `/api/tasks/${encodeURIComponent(taskId)}${action}`;
    const approval = async () => {
      const caseId = await e.start('zj.cs_agent', approveKey);
      const [task] = await e.waitForTasks(caseId, ['approve']);
      return { caseId, task: task! };
    };

    it('delegates only to people the step is offered to (422 otherwise), and lists them by name and unit', async () => {
      const { caseId, task } = await approval();
      for (const userId of ['zj.engineering', 'js.cs_manager', 'gd.cs_manager']) {
        const res = await e.post('zj.cs_manager', url(task.id, '/delegate'), { userId, reason: '请处理' });
        expect(res.statusCode, userId).toBe(422);
        expect(res.body).toMatchObject({ code: 'delegation.notEligible', errors: [{ path: 'body.userId' }] });
        // Said with the person's name, never their account id.
        const { rows } = await e.stack.db.query<{ display_name: string }>('SELECT display_name FROM app_user WHERE id = $1', [userId]);
        expect(res.body.detail).toContain(`${rows[0]!.display_name} 不是“`);
        expect(res.body.detail).not.toContain(userId);
      }

      // A step someone else has claimed: the refusal names who, by name.
      expect((await e.post('zj.cs_manager', url(task.id, '/claim'))).statusCode).toBe(200);
      const taken = await e.post('east.cs_manager', url(task.id, '/claim'));
      expect(taken.statusCode).toBe(409);
      expect(taken.body).toMatchObject({ code: 'task.claimedByOther', detail: '此任务已由 浙江省服务中心 客服经理 认领。', params: { userId: 'zj.cs_manager', userName: '浙江省服务中心 客服经理' } });
      expect((await e.post('zj.cs_manager', url(task.id, '/unclaim'))).statusCode).toBe(200);

      const listed = await get('zj.cs_manager', url(task.id, '/eligible-users'));
      expect(listed.statusCode).toBe(200);
      const ids = listed.body.items.map((u: { id: string }) => u.id);
      // cs_manager held in zj or above it (candidateScope ancestors); not the delegator, nobody else.
      expect(ids).toEqual(expect.arrayContaining(['east.cs_manager', 'hq.cs_manager']));
      expect(ids).not.toContain('zj.cs_manager');
      for (const other of ['zj.engineering', 'js.cs_manager', 'gd.cs_manager', 'zj.cs_agent']) expect(ids).not.toContain(other);
      expect(listed.body.items.find((u: { id: string }) => u.id === 'east.cs_manager')).toMatchObject({ unitName: '华东大区服务中心', unitNameEn: 'East China Regional Centre', roles: ['cs_manager'] });

      const searched = await get('zj.cs_manager', `${url(task.id, '/eligible-users')}?q=${encodeURIComponent('华东')}`);
      expect(searched.body.items.map((u: { id: string }) => u.id)).toEqual(['east.cs_manager']);
      const page = await get('zj.cs_manager', `${url(task.id, '/eligible-users')}?limit=1`);
      expect(page.body).toMatchObject({ items: [expect.anything()], nextOffset: 1 });
      expect((await get('zj.cs_manager', `${url(task.id, '/eligible-users')}?limit=0`)).statusCode).toBe(400);
      expect((await get('zj.engineering', url(task.id, '/eligible-users'))).statusCode).toBe(403);

      const ok = await e.post('zj.cs_manager', url(task.id, '/delegate'), { userId: 'east.cs_manager', reason: '金额较大' });
      expect(ok).toMatchObject({ statusCode: 200, body: { assigneeId: 'east.cs_manager' } });
      expect((await e.complete('east.cs_manager', task.id)).statusCode).toBe(200);
      const delegated = (await audit(caseId)).find((x) => x.kind === 'task.delegated');
      expect(delegated).toMatchObject({ actorId: 'zj.cs_manager', payload: { assigneeId: 'east.cs_manager', reason: '金额较大' } });
      expect(delegated!.payload).not.toHaveProperty('override');
    });

    it('an override needs a manager and a reason, and the audit trail keeps both', async () => {
      const { caseId, task } = await approval();
      const noReason = await e.post('zj.cs_manager', url(task.id, '/delegate'), { userId: 'zj.engineering', override: true });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body.errors[0].path).toBe('body.reason');

      const over = await e.post('zj.cs_manager', url(task.id, '/delegate'), { userId: 'zj.engineering', override: true, reason: '需工程部核实技术细节' });
      expect(over).toMatchObject({ statusCode: 200, body: { assigneeId: 'zj.engineering' } });
      expect((await e.complete('zj.engineering', task.id)).statusCode).toBe(200);
      expect((await audit(caseId)).find((x) => x.kind === 'task.delegated')).toMatchObject({
        actorId: 'zj.cs_manager',
        taskId: task.id,
        payload: { assigneeId: 'zj.engineering', reason: '需工程部核实技术细节', override: true },
      });

      // An agent is no manager: no override, whatever the reason.
      const agentCase = await e.start('zj.cs_agent', agentKey);
      const [call] = await e.waitForTasks(agentCase, ['call']);
      const refused = await e.post('zj.cs_agent', url(call!.id, '/delegate'), { userId: 'zj.sales', override: true, reason: '我很忙' });
      expect(refused.statusCode).toBe(403);
      expect(refused.body.code).toBe('delegation.overrideNotAllowed');
      expect((await e.openTasks(agentCase))[0]!.assigneeId).toBeNull();
    });
  });
});
