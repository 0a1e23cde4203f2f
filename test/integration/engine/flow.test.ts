import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, timerDuration, uniqueKey, userTask, type Engine } from '../../engine-harness';

describe('interpreter: script tasks, gateways and timers', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('flow');
  });
  afterAll(async () => e?.close());

  it('runs a script task and takes the exclusive gateway branch whose condition holds, else the default', async () => {
    const key = uniqueKey('xor');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>
       <bpmn:scriptTask id="score"><bpmn:extensionElements><zeebe:script expression="=amount * 2" resultVariable="score"/></bpmn:extensionElements></bpmn:scriptTask>
       <bpmn:exclusiveGateway id="gw" default="toLow"/>
       <bpmn:scriptTask id="high"><bpmn:extensionElements><zeebe:script expression="=&quot;high&quot;" resultVariable="band"/></bpmn:extensionElements></bpmn:scriptTask>
       <bpmn:scriptTask id="low"><bpmn:extensionElements><zeebe:script expression="=&quot;low&quot;" resultVariable="band"/></bpmn:extensionElements></bpmn:scriptTask>
       <bpmn:exclusiveGateway id="merge"/>
       <bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'score')}${flow('f2', 'score', 'gw')}
       ${flow('toHigh', 'gw', 'high', '=score > 100')}${flow('toLow', 'gw', 'low')}
       ${flow('f3', 'high', 'merge')}${flow('f4', 'low', 'merge')}${flow('f5', 'merge', 'e')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const big = await e.start('zj.cs_agent', key, { amount: 60 });
    const small = await e.start('zj.cs_agent', key, { amount: 10 });
    expect((await e.result(big)).variables).toMatchObject({ score: 120, band: 'high' });
    expect((await e.result(small)).variables).toMatchObject({ score: 20, band: 'low' });
  });

  it('forks with a parallel gateway and joins only when both branches are done', async () => {
    const key = uniqueKey('and');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
       ${userTask('a')}${userTask('b', { group: 'engineering' })}
       <bpmn:parallelGateway id="join"/>
       <bpmn:scriptTask id="after"><bpmn:extensionElements><zeebe:script expression="=true" resultVariable="joined"/></bpmn:extensionElements></bpmn:scriptTask>
       <bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'fork')}${flow('f2', 'fork', 'a')}${flow('f3', 'fork', 'b')}${flow('f4', 'a', 'join')}${flow('f5', 'b', 'join')}${flow('f6', 'join', 'after')}${flow('f7', 'after', 'e')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [a, b] = await e.waitForTasks(caseId, ['a', 'b']);
    expect((await e.complete('zj.cs_manager', a!.id)).statusCode).toBe(200);
    // One branch done: the join holds the token, the case still runs with b open.
    const state = await e.state(caseId);
    expect(state.status).toBe('running');
    expect(state.activeElements.sort()).toEqual(['b', 'join']);
    expect(state.variables.joined).toBeUndefined();
    expect((await e.complete('zj.engineering', b!.id)).statusCode).toBe(200);
    const result = await e.result(caseId);
    expect(result.variables.joined).toBe(true);
    const final = await e.state(caseId);
    expect(final.status).toBe('completed');
    expect(final.completedCounts).toMatchObject({ a: 1, b: 1, join: 1, after: 1 });
    await e.recordHistory(caseId, 'parallel-join');
  });

  it('inclusive gateway: activates every branch whose condition holds and the OR-join waits for exactly those', async () => {
    const key = uniqueKey('or');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork" default="toNone"/>
       ${userTask('repair', { group: 'engineering' })}${userTask('refund', { group: 'cs_manager' })}
       <bpmn:scriptTask id="none"><bpmn:extensionElements><zeebe:script expression="=true" resultVariable="nothing"/></bpmn:extensionElements></bpmn:scriptTask>
       <bpmn:inclusiveGateway id="join"/><bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'fork')}
       ${flow('toRepair', 'fork', 'repair', '=needsRepair')}${flow('toRefund', 'fork', 'refund', '=needsRefund')}${flow('toNone', 'fork', 'none')}
       ${flow('f2', 'repair', 'join')}${flow('f3', 'refund', 'join')}${flow('f4', 'none', 'join')}${flow('f5', 'join', 'e')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);

    const both = await e.start('zj.cs_agent', key, { needsRepair: true, needsRefund: true });
    const [refund, repair] = await e.waitForTasks(both, ['refund', 'repair']);
    await e.complete('zj.engineering', repair!.id);
    expect((await e.state(both)).activeElements.sort()).toEqual(['join', 'refund']);
    await e.complete('zj.cs_manager', refund!.id);
    expect((await e.result(both)).status).toBe('completed');
    await e.recordHistory(both, 'inclusive-join');

    const one = await e.start('zj.cs_agent', key, { needsRepair: true, needsRefund: false });
    const [onlyRepair] = await e.waitForTasks(one, ['repair']);
    await e.complete('zj.engineering', onlyRepair!.id);
    expect((await e.result(one)).variables.nothing).toBeUndefined();

    const neither = await e.start('zj.cs_agent', key, { needsRepair: false, needsRefund: false });
    expect((await e.result(neither)).variables.nothing).toBe(true);
  });

  it('waits on an intermediate timer before going on', async () => {
    const key = uniqueKey('timer');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>
       <bpmn:intermediateCatchEvent id="wait">${timerDuration('PT1S')}</bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'wait')}${flow('f2', 'wait', 'e')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    await eventually(async () => ((await e.state(caseId)).activeElements.join() === 'wait' ? true : undefined), 5_000, 'token at the timer');
    await e.result(caseId);
    const history = await e.stack.temporal.client.workflow.getHandle(caseId).fetchHistory();
    const timer = history.events!.find((ev) => ev.timerStartedEventAttributes);
    expect(Number(timer!.timerStartedEventAttributes!.startToFireTimeout!.seconds)).toBe(1);
    await e.recordHistory(caseId, 'intermediate-timer');
  });

  it('stops a case at an incident with a clear reason when its data makes an element impossible', async () => {
    const key = uniqueKey('incident');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>
       <bpmn:intermediateCatchEvent id="wait">${timerDuration('=delay')}</bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'wait')}${flow('f2', 'wait', 'e')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key, { delay: 'soon' });
    const incident = await eventually(
      async () => (await e.stack.db.query(`SELECT c.status, i.element_id, i.message FROM process_case c JOIN incident i ON i.case_id = c.id WHERE c.id = $1`, [caseId])).rows[0],
      20_000,
      'the incident',
    );
    expect(incident).toEqual({ status: 'running', element_id: 'wait', message: 'wait: timer value "soon" is not a valid ISO 8601 duration' });
    await e.stack.temporal.client.workflow.getHandle(caseId).terminate('test over');
  });
});
