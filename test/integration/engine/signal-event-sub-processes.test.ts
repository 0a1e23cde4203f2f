import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

// Issue 13: signal start events of event sub-processes. While the scope runs, the start waits as a
// signal catch does (a subscription POST /api/signals and thrown signals find), interrupting the
// work or running beside it, each time the signal comes.

const signalStart = (id: string, interrupting: boolean) =>
  `<bpmn:startEvent id="${id}" isInterrupting="${interrupting}" shouwen:candidateGroups="cs_agent">
     <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=reason" target="reason"/></zeebe:ioMapping></bpmn:extensionElements>
     <bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent>`;

/** 处理 (work), and an event sub-process started by the signal: 召回处理 (recall) instead of or beside it. */
const diagram = (key: string, sig: string, interrupting: boolean) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${userTask('work', { group: 'cs_agent' })}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'work')}${flow('f2', 'work', 'end')}
     <bpmn:subProcess id="recalled" name="召回" triggeredByEvent="true">${signalStart('recallStart', interrupting)}
       ${userTask('recall', { group: 'cs_agent' })}<bpmn:endEvent id="recallEnd"/>
       ${flow('r1', 'recallStart', 'recall')}${flow('r2', 'recall', 'recallEnd')}</bpmn:subProcess>`,
    '',
    `<bpmn:signal id="sig" name="${sig}"/>`,
  );

describe('signal start events of event sub-processes', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('signal-esp');
  });
  afterAll(async () => e?.close());

  const subscribed = (caseId: string, elementId: string) =>
    eventually(
      async () => ((await e.stack.db.query(`SELECT 1 FROM message_subscription WHERE case_id = $1 AND element_id = $2 AND kind = 'signal'`, [caseId, elementId])).rowCount ? true : undefined),
      20_000,
      `signal subscription of ${caseId}`,
    );

  it('interrupting, by POST /api/signals: the work stops and the event sub-process runs instead, with the signal\'s declared variables', async () => {
    const key = uniqueKey('sig-esp-int');
    const sig = `${key}-recall`;
    expect((await e.deploy(diagram(key, sig, true))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    await e.waitForTasks(caseId, ['work']);
    await subscribed(caseId, 'recallStart');

    const res = await e.post('zj.cs_agent', '/api/signals', { name: sig, variables: { reason: '批次召回' } });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ started: [], correlated: [{ caseId }] });
    const [recall] = await e.waitForTasks(caseId, ['recall']);
    expect((await e.complete('zj.cs_agent', recall!.id)).statusCode).toBe(200);
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables.reason).toBe('批次召回');
    await e.recordHistory(caseId, 'signal-esp-interrupting');
  });

  it('non-interrupting, by a thrown signal: runs beside the work, once per signal', async () => {
    const key = uniqueKey('sig-esp-non');
    const sig = `${key}-recall`;
    expect((await e.deploy(diagram(key, sig, false))).statusCode).toBe(201);
    const thrower = uniqueKey('sig-esp-thrower');
    expect(
      (
        await e.deploy(
          bpmnXml(
            thrower,
            `<bpmn:startEvent id="s"/><bpmn:endEvent id="broadcast"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=reason" target="reason"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:signalEventDefinition signalRef="sig"/></bpmn:endEvent>${flow('f1', 's', 'broadcast')}`,
            '',
            `<bpmn:signal id="sig" name="${sig}"/>`,
          ),
        )
      ).statusCode,
    ).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    await e.waitForTasks(caseId, ['work']);
    await subscribed(caseId, 'recallStart');

    expect((await e.result(await e.start('zj.cs_agent', thrower, { reason: '第一次' }))).status).toBe('completed');
    await e.waitForTasks(caseId, ['recall', 'work']);
    // Armed again after it fired: a second signal starts a second instance.
    await subscribed(caseId, 'recallStart');
    expect((await e.result(await e.start('zj.cs_agent', thrower, { reason: '第二次' }))).status).toBe('completed');
    const tasks = await e.waitForTasks(caseId, ['recall', 'recall', 'work']);
    for (const t of tasks) expect((await e.complete('zj.cs_agent', t.id)).statusCode).toBe(200);
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables.reason).toBe('第二次');
    await e.recordHistory(caseId, 'signal-esp-non-interrupting');
  });
});
