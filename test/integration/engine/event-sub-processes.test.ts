import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import type { BpmnProcessResult } from '../../../workflows/bpmn/messages';
import { bpmnXml, flow, startContinuingAsNew, startEngine, timerDuration, uniqueKey, userTask, type Engine } from '../../engine-harness';

// Issue 13 §5 through the API: a case with two message event sub-processes (客户来电 beside the
// work, 客户撤销 instead of it). Their messages go through POST /api/cases/:id/messages with the
// same rules as a catch event's: only while armed, only by the roles the start event names, only
// the variables it declares; the case page offers them as 登记 buttons to those who may send them.

const messageStart = (id: string, messageRef: string, interrupting: boolean, senders: string, variable: string) =>
  `<bpmn:startEvent id="${id}" isInterrupting="${interrupting}" shouwen:candidateGroups="${senders}">
     <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=${variable}" target="${variable}"/></zeebe:ioMapping></bpmn:extensionElements>
     <bpmn:messageEventDefinition messageRef="${messageRef}"/></bpmn:startEvent>`;

const diagram = (key: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${userTask('handle', { group: 'engineering' })}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}
     <bpmn:subProcess id="called" name="客户来电" triggeredByEvent="true">${messageStart('calledStart', 'Msg_called', false, 'cs_agent', 'note')}
       <bpmn:serviceTask id="calledNotify" name="通知处理人"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="calledEnd"/>
       ${flow('c1', 'calledStart', 'calledNotify')}${flow('c2', 'calledNotify', 'calledEnd')}</bpmn:subProcess>
     <bpmn:subProcess id="cancel" name="客户撤销" triggeredByEvent="true">${messageStart('cancelStart', 'Msg_cancel', true, 'cs_manager', 'reason')}
       ${userTask('closeOut', { group: 'cs_manager' })}<bpmn:endEvent id="cancelEnd"/>
       ${flow('x1', 'cancelStart', 'closeOut')}${flow('x2', 'closeOut', 'cancelEnd')}</bpmn:subProcess>`,
    '',
    '<bpmn:message id="Msg_called" name="customer-called"/><bpmn:message id="Msg_cancel" name="customer-cancelled"/>',
  );

describe('event sub-processes through the API', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('event-sub-processes');
  });
  afterAll(async () => e?.close());

  const stateAs = async (user: string, caseId: string) =>
    (await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}/state`, headers: { cookie: await e.cookie(user) } })).json();
  const send = (user: string, caseId: string, messageName: string, variables: Record<string, unknown>) =>
    e.post(user, `/api/cases/${encodeURIComponent(caseId)}/messages`, { messageName, variables });

  it('messages of event sub-processes: offered and accepted by their senders only, beside the work or instead of it', async () => {
    const key = uniqueKey('esp-api');
    expect((await e.deploy(diagram(key))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [handle] = await e.waitForTasks(caseId, ['handle']);

    const agentView = await eventually(async () => {
      const s = await stateAs('zj.cs_agent', caseId);
      return s.awaitingMessages?.length === 2 ? s : undefined;
    }, 10_000, 'both message starts armed');
    expect([...agentView.awaitingMessages].sort()).toEqual(['calledStart', 'cancelStart']);
    expect(agentView.registrableMessages).toEqual(['calledStart']);
    expect((await stateAs('zj.cs_manager', caseId)).registrableMessages).toEqual(['cancelStart']);

    // The rules of a catch event's message hold for a start event's: sender role, declared variables.
    const wrongSender = await send('zj.cs_manager', caseId, 'customer-called', { note: '来电' });
    expect(wrongSender.statusCode).toBe(403);
    expect(wrongSender.body.code).toBe('message.notAllowed');
    const undeclared = await send('zj.cs_agent', caseId, 'customer-called', { note: '来电', amount: 5 });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.body.code).toBe('message.undeclaredVariables');

    // Non-interrupting: runs beside the work, and stays armed for the next call.
    expect(await send('zj.cs_agent', caseId, 'customer-called', { note: '客户来电催问进度' })).toEqual({ statusCode: 200, body: { consumed: true } });
    await eventually(async () => ((await e.state(caseId)).completedCounts['called'] === 1 ? true : undefined), 10_000, 'the call handled');
    expect((await e.openTasks(caseId)).map((t) => t.id)).toEqual([handle!.id]);
    expect((await e.state(caseId)).awaitingMessages?.sort()).toEqual(['calledStart', 'cancelStart']);

    // Interrupting: the work is withdrawn, the event sub-process runs in its place (shown on the diagram).
    expect(await send('zj.cs_manager', caseId, 'customer-cancelled', { reason: '客户不再需要' })).toEqual({ statusCode: 200, body: { consumed: true } });
    const [closeOut] = await e.waitForTasks(caseId, ['closeOut']);
    const { rows } = await e.stack.db.query(`SELECT status FROM task WHERE id = $1`, [handle!.id]);
    expect(rows[0].status).toBe('cancelled');
    expect((await e.complete('zj.engineering', handle!.id)).statusCode).toBe(409);
    const during = await e.state(caseId);
    expect([...during.activeElements].sort()).toEqual(['cancel', 'closeOut']);
    expect(during.awaitingMessages).toEqual([]);
    const late = await send('zj.cs_agent', caseId, 'customer-called', { note: '又来电' });
    expect(late.statusCode).toBe(409);
    expect(late.body.code).toBe('message.notAwaited');

    expect((await e.complete('zj.cs_manager', closeOut!.id)).statusCode).toBe(200);
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ note: '客户来电催问进度', reason: '客户不再需要' });
    // The API writes message.received after the case took the message, and the withdrawal and the
    // new task are projected by activities running at once: only those orders are not fixed.
    const events = (await e.events(caseId)).filter((k) => k !== 'message.received');
    expect((await e.events(caseId)).filter((k) => k === 'message.received')).toHaveLength(2);
    expect(events.slice(0, 3)).toEqual(['case.started', 'task.opened:handle', 'notification:calledNotify']);
    expect(events.slice(3, 5).sort()).toEqual(['task.cancelled', 'task.opened:closeOut']);
    expect(events.slice(5)).toEqual(['task.completed', 'case.ended']);
    await e.recordHistory(caseId, 'event-subprocess-message');
  });

  it('an error event sub-process inside a sub-process, and a non-interrupting timer one at process level', async () => {
    const key = uniqueKey('esp-err-timer');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="start"/>
       <bpmn:subProcess id="check"><bpmn:startEvent id="checkStart"/><bpmn:endEvent id="noStock"><bpmn:errorEventDefinition errorRef="Err_stock"/></bpmn:endEvent>${flow('k1', 'checkStart', 'noStock')}
         <bpmn:subProcess id="onError" triggeredByEvent="true"><bpmn:startEvent id="onErrorStart"><bpmn:errorEventDefinition errorRef="Err_stock"/></bpmn:startEvent>
           <bpmn:scriptTask id="mark"><bpmn:extensionElements><zeebe:script expression="=&quot;缺货&quot;" resultVariable="stock"/></bpmn:extensionElements></bpmn:scriptTask><bpmn:endEvent id="onErrorEnd"/>
           ${flow('o1', 'onErrorStart', 'mark')}${flow('o2', 'mark', 'onErrorEnd')}</bpmn:subProcess></bpmn:subProcess>
       ${userTask('after', { group: 'cs_manager' })}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'check')}${flow('f2', 'check', 'after')}${flow('f3', 'after', 'end')}
       <bpmn:subProcess id="remind" triggeredByEvent="true"><bpmn:startEvent id="remindStart" isInterrupting="false">${timerDuration('PT1S')}</bpmn:startEvent>
         <bpmn:serviceTask id="remindNotify"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="remindEnd"/>
         ${flow('r1', 'remindStart', 'remindNotify')}${flow('r2', 'remindNotify', 'remindEnd')}</bpmn:subProcess>`,
      '<bpmn:error id="Err_stock" errorCode="NO_STOCK"/>',
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [after] = await e.waitForTasks(caseId, ['after']);
    await eventually(async () => ((await e.events(caseId)).includes('notification:remindNotify') ? true : undefined), 10_000, 'the reminder');
    expect((await e.complete('zj.cs_manager', after!.id)).statusCode).toBe(200);
    const result = await e.result(caseId);
    expect(result.variables.stock).toBe('缺货');
    expect((await e.state(caseId)).completedCounts).toMatchObject({ onError: 1, check: 1, remind: 1, after: 1 });
    await e.recordHistory(caseId, 'event-subprocess-error-timer');
  });

  it('continue-as-new: a process-level message start is armed again in the next run; an armed timer start keeps the case in its run', async () => {
    /** review again … done, beside an event sub-process; started with a small history limit, as the long-lived cases are. */
    const startLooping = async (name: string, esp: string) => {
      const key = uniqueKey(name);
      const xml = bpmnXml(
        key,
        `<bpmn:startEvent id="start"/>${userTask('review', { group: 'cs_manager', attrs: 'shouwen:outcomes="again,done"' })}<bpmn:exclusiveGateway id="more" default="finished"/><bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'more')}${flow('loop', 'more', 'review', '=outcome = "again"')}${flow('finished', 'more', 'end')}
         <bpmn:subProcess id="side" triggeredByEvent="true">${esp}
           <bpmn:serviceTask id="sideNotify"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="sideEnd"/>
           ${flow('s1', 'sideStart', 'sideNotify')}${flow('s2', 'sideNotify', 'sideEnd')}</bpmn:subProcess>`,
        '',
        '<bpmn:message id="Msg_called" name="customer-called"/>',
      );
      expect((await e.deploy(xml)).statusCode).toBe(201);
      const { caseId, firstRunId } = await startContinuingAsNew(e, key);
      return { caseId, firstRun: firstRunId };
    };
    const rounds = async (caseId: string, n: number) => {
      for (let i = 0; i < n; i += 1) {
        const [task] = await e.waitForTasks(caseId, ['review']);
        expect((await e.complete('zj.cs_manager', task!.id, { outcome: 'again' })).statusCode).toBe(200);
      }
      return e.waitForTasks(caseId, ['review']);
    };
    const describe = (caseId: string) => e.stack.temporal.client.workflow.getHandle(caseId).describe();

    const messaged = await startLooping('esp-can-msg', messageStart('sideStart', 'Msg_called', false, 'cs_agent', 'note'));
    await rounds(messaged.caseId, 6);
    expect((await describe(messaged.caseId)).runId).not.toBe(messaged.firstRun);
    await eventually(async () => ((await e.state(messaged.caseId)).awaitingMessages?.includes('sideStart') ? true : undefined), 10_000, 'the message start armed in the new run');
    expect(await send('zj.cs_agent', messaged.caseId, 'customer-called', { note: '来电' })).toEqual({ statusCode: 200, body: { consumed: true } });
    await eventually(async () => ((await e.events(messaged.caseId)).includes('notification:sideNotify') ? true : undefined), 10_000, 'the instance in the new run');
    const [last] = await e.waitForTasks(messaged.caseId, ['review']);
    await e.complete('zj.cs_manager', last!.id, { outcome: 'done' });
    expect((await e.stack.temporal.client.workflow.getHandle(messaged.caseId).result()) as BpmnProcessResult).toMatchObject({ status: 'completed', variables: { note: '来电' } });

    const timed = await startLooping('esp-can-timer', `<bpmn:startEvent id="sideStart" isInterrupting="false">${timerDuration('PT100H')}</bpmn:startEvent>`);
    const [open] = await rounds(timed.caseId, 6);
    // Far past the limit the message case continued at, and still its first run.
    const described = await describe(timed.caseId);
    expect(described.historyLength).toBeGreaterThan(60);
    expect(described.runId).toBe(timed.firstRun);
    await e.complete('zj.cs_manager', open!.id, { outcome: 'done' });
    expect(((await e.stack.temporal.client.workflow.getHandle(timed.caseId).result()) as BpmnProcessResult).status).toBe('completed');
  });
});
