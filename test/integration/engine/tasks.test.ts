import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

const single = (key: string, task: string) => bpmnXml(key, `<bpmn:startEvent id="s"/>${task}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`);

describe('interpreter: user tasks', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('tasks');
  });
  afterAll(async () => e?.close());

  it('parallel multi-instance 会签: one task per approver, done when 2 of 3 decided, the third withdrawn', async () => {
    const key = uniqueKey('mi');
    const xml = single(
      key,
      userTask('t', {
        assignee: '=approver',
        attrs: 'shouwen:outcomes="approve,reject"',
        inner: `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver"/></bpmn:extensionElements><bpmn:completionCondition>=nrOfCompletedInstances &gt;= 2</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`,
      }),
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const approvers = ['zj.cs_manager', 'east.cs_manager', 'hq.general_manager'];
    const caseId = await e.start('zj.cs_agent', key, { approvers });
    const tasks = await e.waitForTasks(caseId, ['t', 't', 't']);
    expect(tasks.map((t) => t.assigneeId).sort()).toEqual([...approvers].sort());
    const byUser = (u: string) => tasks.find((t) => t.assigneeId === u)!;
    // Only the assignee may complete their instance.
    expect((await e.complete('zj.cs_manager', byUser('east.cs_manager').id, { outcome: 'approve' })).statusCode).toBe(403);
    expect((await e.complete('zj.cs_manager', byUser('zj.cs_manager').id, { outcome: 'approve' })).statusCode).toBe(200);
    expect((await e.complete('east.cs_manager', byUser('east.cs_manager').id, { outcome: 'approve', comment: '同意' })).statusCode).toBe(200);
    const result = await e.result(caseId);
    expect(result.variables).toMatchObject({ nrOfCompletedInstances: 2, outcome: 'approve' });
    const { rows } = await e.stack.db.query(`SELECT assignee_id, status FROM task WHERE case_id = $1 ORDER BY assignee_id`, [caseId]);
    expect(rows).toEqual([
      { assignee_id: 'east.cs_manager', status: 'completed' },
      { assignee_id: 'hq.general_manager', status: 'cancelled' },
      { assignee_id: 'zj.cs_manager', status: 'completed' },
    ]);
    await e.recordHistory(caseId, 'multi-instance-2-of-3');
  });

  it('separation of duties: the initiator may not approve their own case', async () => {
    const key = uniqueKey('sod');
    // The initiator holds the candidate role themselves.
    expect((await e.deploy(single(key, userTask('t', { group: 'cs_agent', attrs: 'shouwen:separationOfDuties="true" shouwen:outcomes="approve,reject"' })))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['t']);
    const own = await e.complete('zj.cs_agent', task!.id, { outcome: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.body.detail).toBe('发起案例的人不能处理此步骤（职责分离）。');
    expect(own.body.code).toBe('task.separationOfDuties');
    const wrongOutcome = await e.complete('zj.cs_agent', task!.id, { outcome: 'complete' });
    expect(wrongOutcome.statusCode).toBe(422);
    expect(wrongOutcome.body.errors[0].path).toBe('body.outcome');
    const noComment = await e.complete('zj.cs_agent', task!.id, { outcome: 'reject' });
    expect(noComment.statusCode).toBe(400);
  });

  it("validates submitted data against the step's form, naming each field", async () => {
    const key = uniqueKey('form');
    const forms = {
      'complaint-register': {
        id: 'complaint-register',
        components: [
          { type: 'textfield', key: 'contact', label: '联系人', validate: { required: true } },
          { type: 'select', key: 'severity', label: '严重程度', values: [{ value: 'high' }, { value: 'low' }] },
        ],
      },
    };
    const xml = single(key, userTask('t', { group: 'cs_agent', ext: '<zeebe:formDefinition formId="complaint-register"/>' }));
    expect((await e.deploy(xml)).statusCode).toBe(422); // the form is unknown until sent
    expect((await e.deploy(xml, forms)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['t']);
    const bad = await e.complete('zj.cs_agent', task!.id, { outcome: 'complete', data: { severity: 'medium' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body.errors.map((x: { path: string }) => x.path)).toEqual(['body.data.contact', 'body.data.severity']);
    const good = await e.complete('zj.cs_agent', task!.id, { outcome: 'complete', data: { contact: '王先生', severity: 'high' } });
    expect(good.statusCode).toBe(200);
    expect((await e.result(caseId)).variables).toMatchObject({ contact: '王先生', severity: 'high', outcome: 'complete' });
    await e.recordHistory(caseId, 'form-data');
  });

  it('claim, unclaim and delegate: a claimed task is only completable by its assignee', async () => {
    const key = uniqueKey('claim');
    expect((await e.deploy(single(key, userTask('t', { group: 'cs_manager' })))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['t']);
    const url = (action: string) => `/api/tasks/${encodeURIComponent(task!.id)}/${action}`;

    expect((await e.post('zj.cs_manager', url('claim'))).body).toEqual({ taskId: task!.id, assigneeId: 'zj.cs_manager' });
    expect((await e.post('admin', url('claim'))).statusCode).toBe(403); // not offered to admin's roles in zj
    expect((await e.post('zj.cs_manager', url('unclaim'))).body).toEqual({ taskId: task!.id, assigneeId: null });
    expect((await e.post('zj.cs_manager', url('delegate'), { userId: 'nobody' })).statusCode).toBe(422);
    // js.cs_manager holds the role in another unit: only a manager's override, with a reason, gives it to them.
    expect((await e.post('zj.cs_manager', url('delegate'), { userId: 'js.cs_manager' })).statusCode).toBe(422);
    expect((await e.post('zj.cs_manager', url('delegate'), { userId: 'js.cs_manager', override: true, reason: '跨省支援' })).body).toEqual({ taskId: task!.id, assigneeId: 'js.cs_manager' });
    // zj.cs_manager still holds the role but the task is now js.cs_manager's.
    expect((await e.complete('zj.cs_manager', task!.id)).statusCode).toBe(409);
    expect((await e.complete('js.cs_manager', task!.id)).statusCode).toBe(200);
    const events = await e.events(caseId);
    expect(events.filter((k) => k.startsWith('task.'))).toEqual(['task.opened:t', 'task.claimed', 'task.unclaimed', 'task.delegated', 'task.completed']);
    await e.recordHistory(caseId, 'claim-unclaim-delegate');
  });

  it('首问责任制: a task past its due time escalates one level up the org tree', async () => {
    const key = uniqueKey('due');
    expect((await e.deploy(single(key, userTask('t', { group: 'cs_manager', ext: '<zeebe:taskSchedule dueDate="PT1S"/>' })))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['t']);
    expect(task!.unitId).toBe('zj');
    const escalated = await eventually(async () => {
      const [t] = await e.openTasks(caseId);
      return t && t.escalationLevel === 1 ? t : undefined;
    }, 10_000, 'escalation');
    expect(escalated.unitId).toBe('east');
    // The province manager no longer sees it; the regional manager does.
    expect((await e.complete('zj.cs_manager', task!.id)).statusCode).toBe(403);
    expect((await e.complete('east.cs_manager', task!.id)).statusCode).toBe(200);
    await e.result(caseId);
    await e.recordHistory(caseId, 'due-escalation');
  });
});
