import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, timerDuration, uniqueKey, userTask, type Engine } from '../../engine-harness';
import { correlateMessageUpdate } from '../../../workflows/bpmn/messages';

const boundaryTimer = (id: string, host: string, iso: string, interrupting = true) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}" cancelActivity="${interrupting}">${timerDuration(iso)}</bpmn:boundaryEvent>`;
const notify = (id: string) => `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask>`;

describe('interpreter: boundary events, messages, errors, sub-processes, terminate', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('events');
  });
  afterAll(async () => e?.close());

  it('an interrupting boundary timer withdraws the task and takes the escalation path', async () => {
    const key = uniqueKey('int-timer');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${userTask('investigate', { group: 'department' })}${boundaryTimer('late', 'investigate', 'PT1S')}
       ${userTask('escalated', { group: 'cs_manager' })}<bpmn:endEvent id="done"/><bpmn:endEvent id="e2"/>
       ${flow('f1', 's', 'investigate')}${flow('f2', 'investigate', 'done')}${flow('f3', 'late', 'escalated')}${flow('f4', 'escalated', 'e2')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['investigate']);
    const [escalated] = await e.waitForTasks(caseId, ['escalated']);
    const { rows } = await e.stack.db.query(`SELECT status FROM task WHERE id = $1`, [task!.id]);
    expect(rows[0].status).toBe('cancelled');
    // The withdrawn task can no longer be completed.
    expect((await e.complete('zj.department', task!.id)).statusCode).toBe(409);
    await e.complete('zj.cs_manager', escalated!.id);
    expect((await e.result(caseId)).status).toBe('completed');
    expect(await e.events(caseId)).toEqual([
      'case.started',
      'task.opened:investigate',
      'task.cancelled',
      'task.opened:escalated',
      'task.completed',
      'case.ended',
    ]);
    await e.recordHistory(caseId, 'boundary-timer-interrupting');
  });

  it('a non-interrupting boundary timer sends a reminder while the task stays open', async () => {
    const key = uniqueKey('nonint-timer');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${userTask('investigate', { group: 'department' })}${boundaryTimer('remind', 'investigate', 'PT1S', false)}
       ${notify('reminder')}<bpmn:endEvent id="done"/><bpmn:endEvent id="reminded"/>
       ${flow('f1', 's', 'investigate')}${flow('f2', 'investigate', 'done')}${flow('f3', 'remind', 'reminder')}${flow('f4', 'reminder', 'reminded')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['investigate']);
    await eventually(async () => ((await e.events(caseId)).includes('notification:reminder') ? true : undefined), 10_000, 'the reminder');
    expect((await e.openTasks(caseId)).map((t) => t.id)).toEqual([task!.id]);
    expect((await e.complete('zj.department', task!.id)).statusCode).toBe(200);
    const result = await e.result(caseId);
    expect(result.variables.notifiedAt).toEqual(expect.any(String));
    expect((await e.state(caseId)).completedCounts).toMatchObject({ remind: 1, reminder: 1, reminded: 1, done: 1 });
    await e.recordHistory(caseId, 'boundary-timer-non-interrupting');
  });

  it('correlates messages by case, buffering one that arrives before the catch event', async () => {
    const key = uniqueKey('message');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${userTask('prepare', { group: 'engineering' })}
       <bpmn:intermediateCatchEvent id="pickup" shouwen:candidateGroups="cs_agent"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=signedBy" target="signedBy"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="msgPickup"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'prepare')}${flow('f2', 'prepare', 'pickup')}${flow('f3', 'pickup', 'e')}`,
      '',
      `<bpmn:message id="msgPickup" name="customer-pickup"><bpmn:extensionElements><zeebe:subscription correlationKey="=businessKey"/></bpmn:extensionElements></bpmn:message>`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);

    // Arrives while the token waits at the catch event.
    const waiting = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(waiting, ['prepare']);
    await e.complete('zj.engineering', task!.id);
    await eventually(async () => ((await e.state(waiting)).activeElements.join() === 'pickup' ? true : undefined), 10_000, 'token at pickup');
    const sent = await e.post('zj.cs_agent', `/api/cases/${encodeURIComponent(waiting)}/messages`, { messageName: 'customer-pickup', variables: { signedBy: '王先生' } });
    expect(sent).toEqual({ statusCode: 200, body: { consumed: true } });
    expect((await e.result(waiting)).variables.signedBy).toBe('王先生');
    await e.recordHistory(waiting, 'message-waiting');

    // Arrives early: the API refuses it (nothing waits for it yet, 409), but the engine keeps one
    // delivered straight to the workflow until the catch event is reached.
    const early = await e.start('zj.cs_agent', key);
    const [task2] = await e.waitForTasks(early, ['prepare']);
    const refused = await e.post('zj.cs_agent', `/api/cases/${encodeURIComponent(early)}/messages`, { messageName: 'customer-pickup' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body.code).toBe('message.notAwaited');
    const buffered = await e.stack.temporal.client.workflow.getHandle(early).executeUpdate(correlateMessageUpdate, { args: [{ messageName: 'customer-pickup', variables: {} }] });
    expect(buffered).toEqual({ consumed: false });
    expect((await e.state(early)).bufferedMessages).toEqual(['customer-pickup']);
    await e.complete('zj.engineering', task2!.id);
    expect((await e.result(early)).status).toBe('completed');
    await e.recordHistory(early, 'message-buffered');

    const bad = await e.post('zj.cs_agent', `/api/cases/${encodeURIComponent(early)}/messages`, { messageName: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.messageName');
  });

  it('an interrupting message boundary event cancels the task it is attached to', async () => {
    const key = uniqueKey('msg-boundary');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${userTask('wait-docs', { group: 'cs_agent' })}
       <bpmn:boundaryEvent id="withdrawn" attachedToRef="wait-docs"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
       <bpmn:endEvent id="normal"/><bpmn:endEvent id="cancelled"/>
       ${flow('f1', 's', 'wait-docs')}${flow('f2', 'wait-docs', 'normal')}${flow('f3', 'withdrawn', 'cancelled')}`,
      '',
      `<bpmn:message id="m" name="complaint-withdrawn"/>`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    await e.waitForTasks(caseId, ['wait-docs']);
    await e.post('zj.cs_agent', `/api/cases/${encodeURIComponent(caseId)}/messages`, { messageName: 'complaint-withdrawn' });
    await e.result(caseId);
    expect((await e.state(caseId)).completedCounts).toMatchObject({ withdrawn: 1, cancelled: 1 });
    expect(await e.openTasks(caseId)).toEqual([]);
    await e.recordHistory(caseId, 'message-boundary');
  });

  it('an error end event in a sub-process is caught by the error boundary on it', async () => {
    const key = uniqueKey('error');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>
       <bpmn:subProcess id="check">
         <bpmn:startEvent id="cs"/><bpmn:exclusiveGateway id="ok" default="bad"/><bpmn:endEvent id="fine"/>
         <bpmn:endEvent id="broken"><bpmn:errorEventDefinition errorRef="errInvalid"/></bpmn:endEvent>
         ${flow('c1', 'cs', 'ok')}${flow('good', 'ok', 'fine', '=valid')}${flow('bad', 'ok', 'broken')}
       </bpmn:subProcess>
       <bpmn:boundaryEvent id="caught" attachedToRef="check"><bpmn:errorEventDefinition errorRef="errInvalid"/></bpmn:boundaryEvent>
       <bpmn:scriptTask id="explain"><bpmn:extensionElements><zeebe:script expression="=&quot;explained&quot;" resultVariable="handling"/></bpmn:extensionElements></bpmn:scriptTask>
       <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
       ${flow('f1', 's', 'check')}${flow('f2', 'check', 'e1')}${flow('f3', 'caught', 'explain')}${flow('f4', 'explain', 'e2')}`,
      `<bpmn:error id="errInvalid" name="Invalid" errorCode="NOT_VALID"/>`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const invalid = await e.start('zj.cs_agent', key, { valid: false });
    expect((await e.result(invalid)).variables.handling).toBe('explained');
    await e.recordHistory(invalid, 'error-boundary-subprocess');
    const valid = await e.start('zj.cs_agent', key, { valid: true });
    expect((await e.result(valid)).variables.handling).toBeUndefined();
  });

  it('a terminate end event ends the case and withdraws tasks still open on other branches', async () => {
    const key = uniqueKey('terminate');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
       ${userTask('slow', { group: 'engineering' })}${userTask('decide', { group: 'cs_manager' })}
       <bpmn:endEvent id="end-slow"/><bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
       ${flow('f1', 's', 'fork')}${flow('f2', 'fork', 'slow')}${flow('f3', 'fork', 'decide')}${flow('f4', 'slow', 'end-slow')}${flow('f5', 'decide', 'stop')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const tasks = await e.waitForTasks(caseId, ['decide', 'slow']);
    await e.complete('zj.cs_manager', tasks.find((t) => t.elementId === 'decide')!.id);
    expect((await e.result(caseId)).status).toBe('completed');
    await eventually(async () => ((await e.openTasks(caseId)).length === 0 ? true : undefined), 10_000, 'slow withdrawn');
    const { rows } = await e.stack.db.query(`SELECT element_id, status FROM task WHERE case_id = $1 ORDER BY element_id`, [caseId]);
    expect(rows).toEqual([
      { element_id: 'decide', status: 'completed' },
      { element_id: 'slow', status: 'cancelled' },
    ]);
    await e.recordHistory(caseId, 'terminate');
  });
});
