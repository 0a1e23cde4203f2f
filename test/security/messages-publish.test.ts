import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// POST /api/messages reaches only what the sender is entitled to: a start event's or catch event's
// shouwen:candidateGroups in the case's unit (admins: any), the variables those events declare,
// bounded sizes and times to live; the answer names only cases the sender may read. A message
// kept in the buffer is held to the same rules when a case claims it later.

const outputs = (...names: string[]) => `<bpmn:extensionElements><zeebe:ioMapping>${names.map((n) => `<zeebe:output source="=${n}" target="${n}"/>`).join('')}</zeebe:ioMapping></bpmn:extensionElements>`;
const message = (name: string) => `<bpmn:message id="m" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>`;

describe('POST /api/messages: who may reach what', () => {
  let e: Engine;
  let waitKey: string;
  let waitName: string;
  let startKey: string;
  let startName: string;
  let boundaryKey: string;
  let boundaryName: string;

  beforeAll(async () => {
    e = await startEngine('msg-publish');
    waitKey = uniqueKey('pub-wait');
    waitName = `${waitKey}-paid`;
    startKey = uniqueKey('pub-start');
    startName = `${startKey}-new`;
    boundaryKey = uniqueKey('pub-boundary');
    boundaryName = `${boundaryKey}-cancel`;
    const deploys = [
      bpmnXml(
        waitKey,
        `<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="paid" shouwen:candidateGroups="cs_agent">${outputs('note')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="e"/>${flow('f1', 's', 'paid')}${flow('f2', 'paid', 'e')}`,
        '',
        message(waitName),
      ),
      bpmnXml(
        startKey,
        `<bpmn:startEvent id="new" shouwen:candidateGroups="cs_manager">${outputs('orderId')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
         ${userTask('handle', { group: 'cs_manager' })}<bpmn:endEvent id="e"/>${flow('f1', 'new', 'handle')}${flow('f2', 'handle', 'e')}`,
        '',
        message(startName),
      ),
      // A boundary message without senders of its own: the task's candidate user (in another unit) may send it.
      bpmnXml(
        boundaryKey,
        `<bpmn:startEvent id="s"/><bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateUsers="gd.cs_agent"/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:boundaryEvent id="cancel" attachedToRef="review"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
         <bpmn:endEvent id="done"/><bpmn:endEvent id="cancelled"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'done')}${flow('f3', 'cancel', 'cancelled')}`,
        '',
        message(boundaryName),
      ),
    ];
    for (const xml of deploys) expect((await e.deploy(xml)).statusCode).toBe(201);
  });
  afterAll(async () => e?.close());

  const publish = (user: string, body: Record<string, unknown>) => e.post(user, '/api/messages', body);
  const subscribed = (caseId: string) =>
    eventually(async () => ((await e.stack.db.query('SELECT 1 FROM message_subscription WHERE case_id = $1', [caseId])).rowCount ? true : undefined), 20_000, `subscription of ${caseId}`);
  const waitingCase = async (orderId: string, user = 'zj.cs_agent') => {
    const id = await e.start(user, waitKey, { orderId });
    await subscribed(id);
    return id;
  };

  it('refuses auditors, oversized variables, unbounded or malformed times to live', async () => {
    const auditor = await publish('hq.auditor', { name: waitName, correlationKey: 'x' });
    expect([auditor.statusCode, auditor.body.code]).toEqual([403, 'auth.readOnly']);
    const big = await publish('zj.cs_agent', { name: waitName, correlationKey: 'x', variables: { note: 'x'.repeat(70 * 1024) } });
    expect([big.statusCode, big.body.code]).toEqual([413, 'message.tooLarge']);
    const long = await publish('zj.cs_agent', { name: waitName, correlationKey: 'x', timeToLive: 'P30D' });
    expect([long.statusCode, long.body.code, long.body.errors[0].path]).toEqual([400, 'message.ttlTooLong', 'body.timeToLive']);
    const bad = await publish('zj.cs_agent', { name: waitName, timeToLive: 'one hour' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.timeToLive');
    const extra = await publish('zj.cs_agent', { name: waitName, unknown: 1 });
    expect(extra.statusCode).toBe(400);
  });

  it('refuses variables the waiting catch event does not declare, before anything moves', async () => {
    const caseId = await waitingCase('U1');
    const res = await publish('zj.cs_agent', { name: waitName, correlationKey: 'U1', variables: { note: 'ok', amount: 5 } });
    expect([res.statusCode, res.body.code]).toEqual([400, 'message.undeclaredVariables']);
    expect(res.body.errors.map((x: { path: string }) => x.path)).toEqual(['body.variables.amount']);
    expect((await e.state(caseId)).activeElements).toEqual(['paid']);
  });

  it('does not reach a case whose catch event names a role the sender lacks, or in another unit; nor does its buffered copy later', async () => {
    const caseId = await waitingCase('R1');
    for (const user of ['zj.sales', 'gd.cs_agent']) {
      const res = await publish(user, { name: waitName, correlationKey: 'R1', variables: { note: user } });
      expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ started: [], correlated: [], correlatedUnlisted: 0, buffered: true });
    }
    expect((await e.state(caseId)).activeElements).toEqual(['paid']);
    // A case that starts waiting for R1 afterwards does not take the buffered copies either.
    const later = await waitingCase('R1');
    expect((await e.state(later)).activeElements).toEqual(['paid']);
    const { rows } = await e.stack.db.query(`SELECT count(*)::int AS n FROM buffered_message WHERE name = $1 AND correlation_key = 'R1' AND consumed_by IS NULL`, [waitName]);
    expect(rows[0].n).toBe(2);
    // The entitled sender reaches both.
    const ok = await publish('zj.cs_agent', { name: waitName, correlationKey: 'R1', variables: { note: 'agent' } });
    expect(ok.body.correlated.map((c: { caseId: string }) => c.caseId).sort()).toEqual([caseId, later].sort());
  });

  it('starts a process only for a sender holding its start event role', async () => {
    const agent = await publish('zj.cs_agent', { name: startName, variables: { orderId: 'S1' } });
    expect(agent.body).toMatchObject({ started: [], buffered: true });
    const manager = await publish('zj.cs_manager', { name: startName, variables: { orderId: 'S1' } });
    expect(manager.body.started).toEqual([{ caseId: expect.stringMatching(new RegExp(`^${startKey}/`)), processKey: startKey }]);
    const undeclared = await publish('zj.cs_manager', { name: startName, variables: { orderId: 'S2', secret: 1 } });
    expect([undeclared.statusCode, undeclared.body.code]).toEqual([400, 'message.undeclaredVariables']);
  });

  it('counts, and does not name, a case the sender reached but may not read', async () => {
    const caseId = await e.start('zj.cs_agent', boundaryKey, { orderId: 'C1' });
    await subscribed(caseId);
    const res = await publish('gd.cs_agent', { name: boundaryName, correlationKey: 'C1' });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ started: [], correlated: [], correlatedUnlisted: 1, buffered: false });
    expect(JSON.stringify(res.body)).not.toContain(caseId);
    expect((await e.result(caseId)).status).toBe('completed');
    expect((await e.state(caseId)).completedCounts).toMatchObject({ cancel: 1, cancelled: 1 });
  });
});
