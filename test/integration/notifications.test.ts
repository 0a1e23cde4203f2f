import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

describe('notification outbox and bell', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('notify');
  });
  afterAll(async () => e?.close());

  const bell = async (user: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: await e.cookie(user) } });
    return res.json() as { items: Array<{ id: string; kind: string; caseId: string; title: string; readAt: string | null }>; unread: number };
  };

  it('tells the delegate, the escalation level and the owner; read marks stick per user', async () => {
    const key = uniqueKey('notify');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${userTask('first', { group: 'cs_manager,general_manager' })}${userTask('late', { group: 'cs_manager', ext: '<zeebe:taskSchedule dueDate="PT1S"/>' })}
       <bpmn:serviceTask id="remind"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/><zeebe:ioMapping><zeebe:input source="=&quot;请尽快处理&quot;" target="message"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
       <bpmn:endEvent id="e" name="已催办"/>${flow('f1', 's', 'first')}${flow('f2', 'first', 'late')}${flow('f3', 'late', 'remind')}${flow('f4', 'remind', 'e')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('fj.cs_agent', key);
    const [first] = await e.waitForTasks(caseId, ['first']);
    expect((await e.post('fj.cs_manager', `/api/tasks/${encodeURIComponent(first!.id)}/delegate`, { userId: 'fj.general_manager', reason: '金额较大' })).statusCode).toBe(200);
    const delegate = await eventually(async () => (await bell('fj.general_manager')).items.find((n) => n.caseId === caseId), 5_000, 'delegate notification');
    // Who handed it over and which step, by name (issue 12).
    expect(delegate).toMatchObject({ kind: 'task.assigned', title: '福建省服务中心 客服经理转交给您：first', body: '金额较大' });
    await e.complete('fj.general_manager', first!.id);

    // The second task is due in a second: it escalates from 福建 to 华南大区.
    const [late] = await e.waitForTasks(caseId, ['late']);
    const escalation = await eventually(async () => (await bell('south.cs_manager')).items.find((n) => n.caseId === caseId), 10_000, 'escalation notification');
    expect(escalation.kind).toBe('task.escalated');
    expect((await bell('fj.cs_agent')).items.some((n) => n.caseId === caseId && n.kind === 'task.escalated')).toBe(true); // the owner
    await e.complete('south.cs_manager', late!.id);
    await e.result(caseId);

    const owner = await eventually(async () => {
      const b = await bell('fj.cs_agent');
      return b.items.some((n) => n.caseId === caseId && n.kind === 'case.ended') ? b : undefined;
    }, 5_000, 'case end notification');
    expect(owner.items.filter((n) => n.caseId === caseId).map((n) => n.kind).sort()).toEqual(['case.ended', 'notify', 'task.escalated']);
    expect(owner.items.find((n) => n.kind === 'notify')!.title).toBe('请尽快处理');
    // How it ended is the name of the end event it reached (issue 12: a rejection was announced as 已完成).
    expect(owner.items.find((n) => n.kind === 'case.ended')!.title).toBe(`案例已完成（已催办）：${key} 测试`);
    const ended = await e.stack.db.query(`SELECT payload FROM case_event WHERE case_id = $1 AND kind = 'case.ended'`, [caseId]);
    expect(ended.rows[0].payload).toEqual({ status: 'completed', endEventId: 'e', endEventName: '已催办' });

    const unread = owner.unread;
    const one = owner.items.find((n) => n.caseId === caseId)!;
    const read = await e.post('fj.cs_agent', '/api/notifications/read', { id: one.id });
    expect(read.body).toEqual({ updated: 1 });
    expect((await e.post('south.cs_manager', '/api/notifications/read', { id: one.id })).body).toEqual({ updated: 0 }); // not theirs
    expect((await bell('fj.cs_agent')).unread).toBe(unread - 1);
    expect((await e.post('fj.cs_agent', '/api/notifications/read', {})).statusCode).toBe(200);
    expect((await bell('fj.cs_agent')).unread).toBe(0);
  });

  // Issue 12 §5: the shipped 简单审批 ended in one end event 结束, so a rejection read 案例已完成（结束）.
  it.each([
    ['reject', '已驳回'],
    ['approve', '已同意'],
  ])('a demo approval decided %s is announced as %s', async (outcome, how) => {
    const started = await e.post('fj.cs_agent', '/api/cases', { processKey: 'demo-approval', title: `退货审批 ${outcome}`, variables: { amount: 800 } });
    expect(started.statusCode, JSON.stringify(started.body)).toBe(201);
    const caseId = started.body.id as string;
    const [approve] = await e.waitForTasks(caseId, ['Approve']);
    expect((await e.complete('fj.cs_manager', approve!.id, { outcome, comment: '意见' })).statusCode).toBe(200);
    const notice = await eventually(async () => (await bell('fj.cs_agent')).items.find((n) => n.caseId === caseId && n.kind === 'case.ended'), 5_000, 'case end notification');
    expect(notice.title).toBe(`案例已完成（${how}）：退货审批 ${outcome}`);
  });
});
