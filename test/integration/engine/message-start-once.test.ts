import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

// Issue 13: Zeebe's rule for message start events. A message with a correlation key starts a case
// of a process only if no case of that process started by a message with that key still runs;
// otherwise it correlates or is buffered like any other. Through POST /api/messages and a thrown
// message, with real Temporal and PostgreSQL.

const outputs = (...names: string[]) => `<bpmn:extensionElements><zeebe:ioMapping>${names.map((n) => `<zeebe:output source="=${n}" target="${n}"/>`).join('')}</zeebe:ioMapping></bpmn:extensionElements>`;

/** message start (orderId, note) → catch of the same message by orderId (note) → 处理 → end. */
const orderProcess = (key: string, name: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="received" shouwen:candidateGroups="cs_agent">${outputs('orderId', 'note')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
     <bpmn:intermediateCatchEvent id="more" shouwen:candidateGroups="cs_agent">${outputs('orderId', 'note')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
     ${userTask('handle', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>
     ${flow('f1', 'received', 'more')}${flow('f2', 'more', 'handle')}${flow('f3', 'handle', 'e')}`,
    '',
    `<bpmn:message id="m" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>`,
  );

describe('a keyed message starts at most one running case per process', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('message-start-once');
  });
  afterAll(async () => e?.close());

  const casesOf = async (processKey: string) =>
    (await e.stack.db.query<{ id: string; status: string }>('SELECT id, status FROM process_case WHERE process_key = $1 ORDER BY started_at, id', [processKey])).rows;
  const publish = (body: Record<string, unknown>) => e.post('zj.cs_agent', '/api/messages', body);

  it('POST /api/messages: two concurrent publications with one key start one case; the other message reaches it; a new case starts once it ended', async () => {
    const key = uniqueKey('msg-once');
    const name = `${key}-order`;
    expect((await e.deploy(orderProcess(key, name))).statusCode).toBe(201);

    const [a, b] = await Promise.all([
      publish({ name, correlationKey: 'K1', variables: { orderId: 'K1', note: '甲' } }),
      publish({ name, correlationKey: 'K1', variables: { orderId: 'K1', note: '乙' } }),
    ]);
    expect(a.statusCode, JSON.stringify(a.body)).toBe(200);
    expect(b.statusCode, JSON.stringify(b.body)).toBe(200);
    const started = [...a.body.started, ...b.body.started];
    expect(started).toHaveLength(1);
    const first = started[0].caseId as string;
    expect(await casesOf(key)).toEqual([{ id: first, status: 'running' }]);

    // The message that started nothing was delivered to that case or kept for it: it moves on to 处理.
    const [task] = await e.waitForTasks(first, ['handle']);
    const notes = [(await e.state(first)).variables.note];
    expect(['甲', '乙']).toContain(notes[0]);

    // Another key is another case.
    const other = await publish({ name, correlationKey: 'K2', variables: { orderId: 'K2', note: '丙' } });
    expect(other.body.started).toHaveLength(1);

    // While the first runs, K1 starts nothing again.
    const again = await publish({ name, correlationKey: 'K1', variables: { orderId: 'K1', note: '丁' } });
    expect(again.body).toMatchObject({ started: [], correlated: [], buffered: true });

    expect((await e.complete('zj.cs_agent', task!.id)).statusCode).toBe(200);
    expect((await e.result(first)).status).toBe('completed');
    // Ended: the next K1 message starts a new case.
    const later = await publish({ name, correlationKey: 'K1', variables: { orderId: 'K1', note: '戊' } });
    expect(later.statusCode, JSON.stringify(later.body)).toBe(200);
    expect(later.body.started).toHaveLength(1);
    expect(later.body.started[0].caseId).not.toBe(first);
    expect((await casesOf(key)).map((c) => c.id)).toEqual(expect.arrayContaining([first, other.body.started[0].caseId, later.body.started[0].caseId]));
    expect(await casesOf(key)).toHaveLength(3);
  });

  it('a claim left by a start that never happened gives the key up after a minute; one whose case runs unrecorded keeps it, however old', async () => {
    const key = uniqueKey('msg-once-stale');
    const name = `${key}-order`;
    expect((await e.deploy(orderProcess(key, name))).statusCode).toBe(201);
    const claim = (correlationKey: string, caseId: string, age: string) =>
      e.stack.db.query(`INSERT INTO message_start_claim (process_key, correlation_key, case_id, claimed_at) VALUES ($1, $2, $3, now() - $4::interval)`, [key, correlationKey, caseId, age]);

    // The publisher claimed and died before starting its case (its release was lost): no such workflow.
    await claim('S1', `${key}/never-started`, '2 minutes');
    const s1 = await publish({ name, correlationKey: 'S1', variables: { orderId: 'S1', note: '甲' } });
    expect(s1.statusCode, JSON.stringify(s1.body)).toBe(200);
    expect(s1.body.started).toHaveLength(1);

    // A case that runs in Temporal but is not (yet) recorded in PostgreSQL — its projection failing
    // for a long time — still holds its key: no second running case, however old the claim.
    const running = `${key}/running-unrecorded`;
    const unrecorded = await e.stack.temporal.client.workflow.start('noWorkerRunsThis', { taskQueue: `${key}-nobody`, workflowId: running });
    try {
      await claim('S2', running, '11 minutes');
      const s2 = await publish({ name, correlationKey: 'S2', variables: { orderId: 'S2', note: '乙' } });
      expect(s2.statusCode, JSON.stringify(s2.body)).toBe(200);
      expect(s2.body).toMatchObject({ started: [], buffered: true });
    } finally {
      await unrecorded.terminate('test over');
    }
    // Once that case is no longer running, the key is free again.
    const s3 = await publish({ name, correlationKey: 'S2', variables: { orderId: 'S2', note: '丙' } });
    expect(s3.body.started).toHaveLength(1);
    expect((await casesOf(key)).map((c) => c.id).sort()).toEqual([s1.body.started[0].caseId, s3.body.started[0].caseId].sort());
  });

  it('a thrown message with a key starts no second running case; it correlates to the one running', async () => {
    const key = uniqueKey('msg-once-thrown');
    const name = `${key}-order`;
    expect((await e.deploy(orderProcess(key, name))).statusCode).toBe(201);
    const thrower = uniqueKey('msg-once-thrower');
    const xml = bpmnXml(
      thrower,
      `<bpmn:startEvent id="s"/>
       <bpmn:intermediateThrowEvent id="tell"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=orderId" target="orderId"/><zeebe:input source="=from" target="note"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'tell')}${flow('f2', 'tell', 'e')}`,
      '',
      `<bpmn:message id="m" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);

    const t1 = await e.start('zj.cs_agent', thrower, { orderId: 'T1', from: '财务' });
    expect((await e.result(t1)).status).toBe('completed');
    const t2 = await e.start('zj.cs_agent', thrower, { orderId: 'T1', from: '仓库' });
    expect((await e.result(t2)).status).toBe('completed');

    const rows = await casesOf(key);
    expect(rows).toHaveLength(1);
    // The second message went to the running case's catch event (or waited for it there).
    await e.waitForTasks(rows[0]!.id, ['handle']);
    expect((await e.state(rows[0]!.id)).variables.note).toBe('仓库');
  });
});
