import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileBpmn } from '../../bpmn/compile';
import { correlateMessageUpdate, resolveIncidentUpdate } from '../../workflows/bpmn/messages';
import { bpmnXml, flow, timerDuration, uniqueKey, userTask } from '../bpmn-xml';
import { caseState, compileFixture, complete, openTasks, startEngineEnv, stateWhen, type CaseHandle, type EngineEnv } from './engine-env';

// Issue 13 §5: event sub-processes. While their scope runs, a timer or message start waits beside
// its tokens and an error start catches what they throw; interrupting ones replace the scope's
// tokens, non-interrupting ones run beside them; the scope ends when its instances have.

const cycle = (value: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${value}</bpmn:timeCycle></bpmn:timerEventDefinition>`;
const notify = (id: string) => `<bpmn:serviceTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask>`;

/** An event sub-process `id` whose start (`${id}Start`, with `trigger` XML) leads to `inner` (an element with id `${id}Work`) and an end. */
const esp = (id: string, trigger: string, inner: string, interrupting = true) =>
  `<bpmn:subProcess id="${id}" name="${id}" triggeredByEvent="true">
     <bpmn:startEvent id="${id}Start" isInterrupting="${interrupting}">${trigger}</bpmn:startEvent>${inner}<bpmn:endEvent id="${id}End"/>
     ${flow(`${id}F1`, `${id}Start`, `${id}Work`)}${flow(`${id}F2`, `${id}Work`, `${id}End`)}
   </bpmn:subProcess>`;

/** start → 处理 (handle) → end, plus `extra` (event sub-processes). */
const withTask = (key: string, extra: string, messages = '') =>
  bpmnXml(key, `<bpmn:startEvent id="start"/>${userTask('handle')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}${extra}`, '', messages);

const message = (id: string, name: string) => `<bpmn:message id="${id}" name="${name}"/>`;
const messageTrigger = (ref: string) => `<bpmn:messageEventDefinition messageRef="${ref}"/>`;
const errorTrigger = (ref?: string) => `<bpmn:errorEventDefinition${ref ? ` errorRef="${ref}"` : ''}/>`;

const send = (handle: CaseHandle, messageName: string, variables: Record<string, unknown> = {}) => handle.executeUpdate(correlateMessageUpdate, { args: [{ messageName, variables }] });

describe('engine: event sub-processes', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('an interrupting timer at process level withdraws the open task, runs instead, and ends the case', async () => {
    const model = await compileFixture(withTask(uniqueKey('esp-timer-int'), esp('late', timerDuration('PT2H'), userTask('lateWork'))));
    expect(model.elements['lateStart']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'PT2H' } }, interrupting: true });
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      await e.env.sleep('1 hour');
      expect((await caseState(handle)).openTasks.map((t) => t.elementId)).toEqual(['handle']);
      await e.env.sleep('2 hours');
      const [late] = await openTasks(handle, ['lateWork']);
      expect(stubs.tasks.get(task!.taskId)).toMatchObject({ status: 'cancelled', reason: 'interrupted' });
      // The diagram shows the token inside the event sub-process.
      expect((await caseState(handle)).activeElements.sort()).toEqual(['late', 'lateWork']);
      await complete(handle, late!);
      expect((await handle.result()).status).toBe('completed');
      const s = stubs.ended.get(handle.workflowId);
      expect(s?.status).toBe('completed');
    });
  });

  it('a timer date (a FEEL expression over the case variables) fires at that time', async () => {
    const dateTrigger = `<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=promisedBy</bpmn:timeDate></bpmn:timerEventDefinition>`;
    const model = await compileFixture(withTask(uniqueKey('esp-date'), esp('overdue', dateTrigger, userTask('overdueWork'))));
    expect(model.elements['overdueStart']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'date', expression: 'promisedBy' } } });
    await e.withWorker(async ({ start }) => {
      // The test server's clock, which earlier tests moved on.
      const handle = await start(model, { promisedBy: new Date((await e.env.currentTimeMs()) + 3 * 3600_000).toISOString() });
      await openTasks(handle, ['handle']);
      await e.env.sleep('2 hours');
      expect((await caseState(handle)).openTasks.map((t) => t.elementId)).toEqual(['handle']);
      await e.env.sleep('2 hours');
      const [overdue] = await openTasks(handle, ['overdueWork']);
      await complete(handle, overdue!);
      expect((await handle.result()).status).toBe('completed');
    });
  });

  it('a timer start whose value is no timer is an incident at the start event; retried with a corrected variable, it fires', async () => {
    const feelTimer = `<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=patience</bpmn:timeDuration></bpmn:timerEventDefinition>`;
    const model = await compileFixture(withTask(uniqueKey('esp-bad-timer'), esp('late', feelTimer, userTask('lateWork'))));
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model, { patience: 'banana' });
      const s = await stateWhen(handle, (st) => st.incidents.length === 1, 'the incident');
      expect(s.incidents[0]).toMatchObject({ elementId: 'lateStart' });
      expect(s.openTasks.map((t) => t.elementId)).toEqual(['handle']);
      await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: s.incidents[0]!.id, action: 'retry', actorId: 'hq.process_owner', variables: { patience: 'PT1H' } }] });
      await e.env.sleep('2 hours');
      const [late] = await openTasks(handle, ['lateWork']);
      await complete(handle, late!);
      expect((await handle.result()).status).toBe('completed');
      expect([...stubs.incidents.values()][0]).toMatchObject({ elementId: 'lateStart', resolution: 'retry' });
    });
  });

  it('a non-interrupting timer cycle fires beside the task as often as it says, and the case waits for its instances', async () => {
    const model = await compileFixture(withTask(uniqueKey('esp-timer-non'), esp('remind', cycle('R2/PT1H'), userTask('remindWork'), false)));
    expect(model.elements['remindStart']).toMatchObject({ trigger: { kind: 'timer', cycle: { repetitions: 2 } }, interrupting: false });
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      await e.env.sleep('5 hours');
      const tasks = await openTasks(handle, ['handle', 'remindWork', 'remindWork']);
      expect((await caseState(handle)).completedCounts['remindStart']).toBe(2);
      await complete(handle, task!);
      // The process's own path is done, but two instances still run.
      const s = await stateWhen(handle, (st) => st.openTasks.length === 2, 'the reminders still open');
      expect(s.status).toBe('running');
      await complete(handle, tasks[1]!);
      await complete(handle, tasks[2]!);
      expect((await handle.result()).status).toBe('completed');
      expect((await caseState(handle)).completedCounts['remind']).toBe(2);
    });
  });

  it('a non-interrupting cron cycle (every day at 08:00 Beijing time) starts one instance a day beside the task', async () => {
    const model = await compileFixture(withTask(uniqueKey('esp-timer-cron'), esp('daily', cycle('0 0 8 * * *'), notify('dailyWork'), false)));
    expect(model.elements['dailyStart']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'cron', cron: '0 0 8 * * *' } }, interrupting: false });
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      await e.env.sleep('3 days');
      // Three days hold exactly three 08:00s whatever the hour the case started.
      expect((await caseState(handle)).completedCounts['dailyStart']).toBe(3);
      await complete(handle, task!);
      expect((await handle.result()).status).toBe('completed');
    });
  });

  it('an interrupting message start: the case waits for it (awaitingMessages), takes its declared variables, and the task is withdrawn', async () => {
    const trigger = messageTrigger('Msg_cancel');
    const body = esp('cancel', trigger, `<bpmn:scriptTask id="cancelWork"><bpmn:extensionElements><zeebe:script expression="=&quot;撤销：&quot; + reason" resultVariable="outcome"/></bpmn:extensionElements></bpmn:scriptTask>`).replace(
      `<bpmn:startEvent id="cancelStart" isInterrupting="true">`,
      `<bpmn:startEvent id="cancelStart" isInterrupting="true" shouwen:candidateGroups="cs_agent"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=reason" target="reason"/></zeebe:ioMapping></bpmn:extensionElements>`,
    );
    const model = await compileFixture(withTask(uniqueKey('esp-msg-int'), body, message('Msg_cancel', 'customer-cancelled')));
    expect(model.elements['cancelStart']).toMatchObject({ trigger: { kind: 'message', messageName: 'customer-cancelled' }, senderGroups: ['cs_agent'], outputs: [{ source: 'reason', target: 'reason' }] });
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      expect((await caseState(handle)).awaitingMessages).toEqual(['cancelStart']);
      expect(await send(handle, 'customer-cancelled', { reason: '不需要了', other: 'x' })).toEqual({ consumed: true });
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect(result.variables).toMatchObject({ outcome: '撤销：不需要了', reason: '不需要了' });
      expect(result.variables).not.toHaveProperty('other');
      expect(stubs.tasks.get(task!.taskId)).toMatchObject({ status: 'cancelled' });
      expect((await caseState(handle)).completedCounts).toMatchObject({ cancelStart: 1, cancel: 1 });
    });
  });

  it('a non-interrupting message start runs once per message beside the task and stays armed', async () => {
    const model = await compileFixture(withTask(uniqueKey('esp-msg-non'), esp('note', messageTrigger('Msg_note'), notify('noteWork'), false), message('Msg_note', 'customer-called')));
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      await send(handle, 'customer-called');
      await stateWhen(handle, (s) => s.completedCounts['note'] === 1, 'the first instance done');
      expect((await caseState(handle)).awaitingMessages).toEqual(['noteStart']);
      await send(handle, 'customer-called');
      await stateWhen(handle, (s) => s.completedCounts['note'] === 2, 'the second instance done');
      expect((await caseState(handle)).openTasks.map((t) => t.elementId)).toEqual(['handle']);
      await complete(handle, task!);
      expect((await handle.result()).status).toBe('completed');
      expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(2);
      // The scope ended: nothing waits for the message any more.
      expect((await caseState(handle)).awaitingMessages).toEqual([]);
    });
  });

  it('an error start at process level catches an error thrown on a parallel path by its code and stops the other path', async () => {
    const key = uniqueKey('esp-err');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="split"/>${userTask('handle')}<bpmn:endEvent id="end"/>
       <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="Err_stock"/></bpmn:endEvent>
       ${flow('f1', 'start', 'split')}${flow('f2', 'split', 'handle')}${flow('f3', 'split', 'fail')}${flow('f4', 'handle', 'end')}
       ${esp('other', errorTrigger('Err_other'), notify('otherWork'))}${esp('stock', errorTrigger('Err_stock'), userTask('stockWork'))}`,
      '<bpmn:error id="Err_stock" errorCode="NO_STOCK"/><bpmn:error id="Err_other" errorCode="OTHER"/>',
    );
    const model = await compileFixture(xml);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['stockWork']);
      // The withdrawal of 处理 is projected by its own activity, which may run after stockWork's opened.
      await vi.waitFor(() => expect(Object.values(Object.fromEntries(stubs.tasks)).find((t) => t.elementId === 'handle')).toMatchObject({ status: 'cancelled' }), { timeout: 10_000 });
      await complete(handle, task!);
      expect((await handle.result()).status).toBe('completed');
      const s = await caseState(handle);
      expect(s.completedCounts).toMatchObject({ stock: 1, stockStart: 1 });
      expect(s.completedCounts['other']).toBeUndefined();
      expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(0);
    });
  });

  it('inside a sub-process, an error start catches the error of its scope (a boundary event first), and the sub-process goes on out', async () => {
    const key = uniqueKey('esp-err-sub');
    const inner = (id: string, code: string) =>
      `<bpmn:subProcess id="${id}"><bpmn:startEvent id="${id}S"/><bpmn:endEvent id="${id}E"><bpmn:errorEventDefinition errorRef="${code}"/></bpmn:endEvent>${flow(`${id}f`, `${id}S`, `${id}E`)}</bpmn:subProcess>`;
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="start"/>
       <bpmn:subProcess id="sub">
         <bpmn:startEvent id="subStart"/>${inner('caughtInside', 'Err_a')}
         <bpmn:boundaryEvent id="boundaryA" attachedToRef="caughtInside">${errorTrigger('Err_a')}</bpmn:boundaryEvent>
         ${inner('thrower', 'Err_b')}<bpmn:endEvent id="subEnd"/>
         ${flow('s1', 'subStart', 'caughtInside')}${flow('s2', 'caughtInside', 'subEnd')}${flow('s3', 'boundaryA', 'thrower')}${flow('s4', 'thrower', 'subEnd')}
         ${esp('catchAll', errorTrigger(), `<bpmn:scriptTask id="catchAllWork"><bpmn:extensionElements><zeebe:script expression="=&quot;handled&quot;" resultVariable="subResult"/></bpmn:extensionElements></bpmn:scriptTask>`)}
       </bpmn:subProcess>
       ${userTask('after')}<bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'sub')}${flow('f2', 'sub', 'after')}${flow('f3', 'after', 'end')}
       ${esp('top', errorTrigger(), notify('topWork'))}`,
      '<bpmn:error id="Err_a" errorCode="A"/><bpmn:error id="Err_b" errorCode="B"/>',
    );
    const model = await compileFixture(xml);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['after']);
      const s = await caseState(handle);
      expect(s.completedCounts).toMatchObject({ boundaryA: 1, catchAll: 1, sub: 1 });
      expect(s.completedCounts['top']).toBeUndefined();
      expect(s.variables['subResult']).toBe('handled');
      await complete(handle, task!);
      expect((await handle.result()).status).toBe('completed');
      expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(0);
    });
  });

  it('an error no event sub-process catches still fails the case, and an error thrown inside one is not caught by its siblings', async () => {
    const key = uniqueKey('esp-err-miss');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="start"/><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="Err_x"/></bpmn:endEvent>${flow('f1', 'start', 'fail')}
       <bpmn:subProcess id="onY" triggeredByEvent="true"><bpmn:startEvent id="onYStart">${errorTrigger('Err_y')}</bpmn:startEvent>
         <bpmn:endEvent id="rethrow"><bpmn:errorEventDefinition errorRef="Err_x"/></bpmn:endEvent>${flow('y1', 'onYStart', 'rethrow')}</bpmn:subProcess>`,
      '<bpmn:error id="Err_x" errorCode="X"/><bpmn:error id="Err_y" errorCode="Y"/>',
    );
    const model = await compileFixture(xml);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      await expect(handle.result()).rejects.toThrow();
      expect(stubs.ended.get(handle.workflowId)?.status).toBe('failed');
    });
  });

  it('when a sub-process ends, its event sub-processes stop: a non-interrupting timer cycle fires no more', async () => {
    const key = uniqueKey('esp-nested-end');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="start"/>
       <bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"/>${userTask('work')}<bpmn:endEvent id="subEnd"/>${flow('s1', 'subStart', 'work')}${flow('s2', 'work', 'subEnd')}
         ${esp('chase', cycle('R/PT1H'), notify('chaseWork'), false)}</bpmn:subProcess>
       ${userTask('after')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'sub')}${flow('f2', 'sub', 'after')}${flow('f3', 'after', 'end')}`,
    );
    const model = await compileFixture(xml);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [work] = await openTasks(handle, ['work']);
      // Reminders at 60 and 120 minutes; time is skipped in steps, so a slow worker cannot be
      // overtaken by the clock into a third one (at 180) before the task is completed.
      await e.env.sleep('110 minutes');
      for (let waited = 110; (await caseState(handle)).completedCounts['chase'] !== 2 && waited < 170; waited += 10) await e.env.sleep('10 minutes');
      await stateWhen(handle, (s) => s.completedCounts['chase'] === 2, 'two reminders');
      await complete(handle, work!);
      const [after] = await openTasks(handle, ['after']);
      await e.env.sleep('5 hours');
      expect((await caseState(handle)).completedCounts['chase']).toBe(2);
      await complete(handle, after!);
      expect((await handle.result()).status).toBe('completed');
      expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(2);
    });
  });

  it('a catch event and a message start waiting for the same name: one message wakes both, one takes it, the other waits on', async () => {
    const key = uniqueKey('esp-same-name');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait">${messageTrigger('Msg_call')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}${esp('call', messageTrigger('Msg_call'), notify('callWork'), false)}`,
      '',
      message('Msg_call', 'customer-called'),
    );
    const model = await compileFixture(xml);
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      await stateWhen(handle, (s) => (s.awaitingMessages ?? []).length === 2, 'both waiting');
      // Each message is taken by exactly one of them, whichever it is, and the case goes on answering.
      let taken = { wait: 0, call: 0 };
      for (let sent = 1; taken.wait === 0 && sent <= 5; sent += 1) {
        await send(handle, 'customer-called');
        const s = await stateWhen(handle, (st) => (st.completedCounts['wait'] ?? 0) + (st.completedCounts['call'] ?? 0) === sent, `message ${sent} taken`);
        taken = { wait: s.completedCounts['wait'] ?? 0, call: s.completedCounts['call'] ?? 0 };
        expect(s.bufferedMessages).toEqual([]);
      }
      expect(taken.wait).toBe(1);
      expect((await handle.result()).status).toBe('completed');
    });
  });

  it('refuses the variants it does not run, each with a code', async () => {
    const codes = async (xml: string) => {
      const r = await compileBpmn(xml);
      return r.ok ? [] : r.problems.map((p) => [p.elementId, p.code]);
    };
    const one = (startXml: string, more = '') =>
      withTask(uniqueKey('esp-bad'), `<bpmn:subProcess id="bad" triggeredByEvent="true">${startXml}<bpmn:endEvent id="badEnd"/>${flow('b1', 'badStart', 'badEnd')}</bpmn:subProcess>${more}`, '<bpmn:escalation id="Esc_1" escalationCode="E"/><bpmn:signal id="Sig_1" name="s"/>');
    expect(await codes(one('<bpmn:startEvent id="badStart"/>'))).toEqual([['badStart', 'bpmn.eventSubProcess.noneStart']]);
    expect(await codes(one('<bpmn:startEvent id="badStart"><bpmn:escalationEventDefinition escalationRef="Esc_1"/></bpmn:startEvent>'))).toEqual([['badStart', 'bpmn.eventSubProcess.unsupportedTrigger']]);
    expect(await codes(one('<bpmn:startEvent id="badStart"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=x</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>'))).toEqual([
      ['badStart', 'bpmn.eventSubProcess.unsupportedTrigger'],
    ]);
    expect(await codes(one('<bpmn:startEvent id="badStart"><bpmn:compensateEventDefinition/></bpmn:startEvent>'))).toEqual([['badStart', 'bpmn.eventSubProcess.unsupportedTrigger']]);
    // A signal start is run (test/integration/engine/signal-event-sub-processes.test.ts), interrupting or not.
    expect(await codes(one('<bpmn:startEvent id="badStart"><bpmn:signalEventDefinition signalRef="Sig_1"/></bpmn:startEvent>'))).toEqual([]);
    expect(await codes(one('<bpmn:startEvent id="badStart" isInterrupting="false"><bpmn:signalEventDefinition signalRef="Sig_1"/></bpmn:startEvent>'))).toEqual([]);
    expect(await codes(one(`<bpmn:startEvent id="badStart" isInterrupting="false">${errorTrigger()}</bpmn:startEvent>`))).toEqual([['badStart', 'bpmn.eventSubProcess.errorNonInterrupting']]);
    expect(await codes(one(`<bpmn:startEvent id="badStart">${cycle('R3/PT1H')}</bpmn:startEvent>`))).toEqual([['badStart', 'bpmn.eventSubProcess.interruptingCycle']]);
    expect(await codes(one(`<bpmn:startEvent id="badStart">${timerDuration('PT1H')}</bpmn:startEvent>`, `${flow('in', 'start', 'bad')}`))).toEqual([['bad', 'bpmn.eventSubProcess.flows']]);
    expect(await codes(one(`<bpmn:startEvent id="badStart">${timerDuration('PT1H')}</bpmn:startEvent><bpmn:startEvent id="second">${timerDuration('PT2H')}</bpmn:startEvent>`, ''))).toContainEqual(['bad', 'bpmn.eventSubProcess.manyStarts']);
  });

  it('diagrams without event sub-processes keep their model: no new fields are written', async () => {
    const model = await compileFixture(withTask(uniqueKey('plain'), `<bpmn:subProcess id="sub"><bpmn:startEvent id="subS"/><bpmn:endEvent id="subE"/>${flow('sf', 'subS', 'subE')}</bpmn:subProcess>`).replace(`${flow('f2', 'handle', 'end')}`, `${flow('f2', 'handle', 'sub')}${flow('f5', 'sub', 'end')}`));
    expect(model.elements['start']).toEqual({ id: 'start', type: 'startEvent', incoming: [], outgoing: ['f1'] });
    expect(model.elements['sub']).not.toHaveProperty('triggeredByEvent');
  });
});
