import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

// Issue 13, item 2 and the message/signal parts of item 5: POST /api/messages (message start,
// correlation by key, buffering and expiry), message throw events, signals.

const message = (id: string, name: string, key?: string) =>
  `<bpmn:message id="${id}" name="${name}">${key ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${key}"/></bpmn:extensionElements>` : ''}</bpmn:message>`;
const signal = (id: string, name: string) => `<bpmn:signal id="${id}" name="${name}"/>`;
const outputs = (...names: string[]) => `<bpmn:extensionElements><zeebe:ioMapping>${names.map((n) => `<zeebe:output source="=${n}" target="${n}"/>`).join('')}</zeebe:ioMapping></bpmn:extensionElements>`;

/** none start → message catch (key = orderId, sent by 客服人员, declares `note`) → end. */
const waitingProcess = (key: string, name: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="s"/>
     <bpmn:intermediateCatchEvent id="paid" shouwen:candidateGroups="cs_agent">${outputs('note')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="e"/>${flow('f1', 's', 'paid')}${flow('f2', 'paid', 'e')}`,
    '',
    message('m', name, '=orderId'),
  );

describe('messages by name and correlation key; signals', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('messages');
  });
  afterAll(async () => e?.close());

  const subscribed = (caseId: string) =>
    eventually(async () => ((await e.stack.db.query('SELECT 1 FROM message_subscription WHERE case_id = $1', [caseId])).rowCount ? true : undefined), 20_000, `subscription of ${caseId}`);
  const publish = (user: string, body: Record<string, unknown>) => e.post(user, '/api/messages', body);

  it('a message start event starts a case with the declared variables; a plain start is refused', async () => {
    const key = uniqueKey('msg-start');
    const name = `${key}-received`;
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="received" shouwen:candidateGroups="cs_agent">${outputs('orderId')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
       ${userTask('handle', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 'received', 'handle')}${flow('f2', 'handle', 'e')}`,
      '',
      message('m', name),
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const res = await publish('zj.cs_agent', { name, variables: { orderId: 'A-1' } });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ started: [{ processKey: key }], correlated: [], correlatedUnlisted: 0, buffered: false, expiresAt: null });
    const caseId = res.body.started[0].caseId as string;
    const [task] = await e.waitForTasks(caseId, ['handle']);
    expect(task!.unitId).toBe('zj');
    expect((await e.state(caseId)).variables).toMatchObject({ orderId: 'A-1' });
    expect((await e.complete('zj.cs_agent', task!.id)).statusCode).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');
    await e.recordHistory(caseId, 'message-start');

    const manual = await e.post('zj.cs_agent', '/api/cases', { processKey: key, title: 'x' });
    expect(manual.statusCode).toBe(422);
    expect(manual.body.code).toBe('process.startsByMessage');
    // …and 新建 does not offer it (the list said startsByHand only for timer starts before).
    const listed = await e.stack.app.inject({ method: 'GET', url: '/api/processes', headers: { cookie: await e.cookie('zj.cs_agent') } });
    expect((listed.json().items as Array<{ key: string; startsByHand?: boolean }>).find((p) => p.key === key)).toMatchObject({ startsByHand: false });
  });

  it('correlates by key to the matching case only', async () => {
    const key = uniqueKey('msg-key');
    const name = `${key}-paid`;
    expect((await e.deploy(waitingProcess(key, name))).statusCode).toBe(201);
    const a = await e.start('zj.cs_agent', key, { orderId: 'A' });
    const b = await e.start('zj.cs_agent', key, { orderId: 'B' });
    await Promise.all([subscribed(a), subscribed(b)]);
    const res = await publish('zj.cs_agent', { name, correlationKey: 'A', variables: { note: '已付款' } });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ started: [], correlated: [{ caseId: a }], correlatedUnlisted: 0, buffered: false });
    expect((await e.result(a)).variables.note).toBe('已付款');
    await e.recordHistory(a, 'message-correlated-by-key');
    // The subscription ended with the wait; B still waits for its own key.
    expect((await e.stack.db.query('SELECT 1 FROM message_subscription WHERE case_id = $1', [a])).rowCount).toBe(0);
    expect((await e.state(b)).activeElements).toEqual(['paid']);
    expect((await e.events(a))).toContain('message.received');
  });

  it('buffers a message nobody waits for and delivers it once to the first case that waits for its name and key', async () => {
    const key = uniqueKey('msg-buffer');
    const name = `${key}-paid`;
    expect((await e.deploy(waitingProcess(key, name))).statusCode).toBe(201);
    const res = await publish('zj.cs_agent', { name, correlationKey: 'C', variables: { note: '先到' } });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ started: [], correlated: [], buffered: true, expiresAt: expect.any(String) });
    // Default time to live: about an hour.
    const left = Date.parse(res.body.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(50 * 60_000);
    expect(left).toBeLessThanOrEqual(60 * 60_000 + 5_000);

    const first = await e.start('zj.cs_agent', key, { orderId: 'C' });
    expect((await e.result(first)).variables.note).toBe('先到');
    await e.recordHistory(first, 'message-buffered-claimed');
    const { rows } = await e.stack.db.query('SELECT consumed_case_id FROM buffered_message WHERE id = $1', [res.body.messageId]);
    expect(rows).toEqual([{ consumed_case_id: first }]);
    expect(await e.events(first)).toContain('message.received');

    // Exactly once: a second case with the same key waits.
    const second = await e.start('zj.cs_agent', key, { orderId: 'C' });
    await subscribed(second);
    expect((await e.state(second)).activeElements).toEqual(['paid']);
  });

  it('drops a buffered message when its time to live ends (swept explicitly), and a later case does not get it', async () => {
    const key = uniqueKey('msg-ttl');
    const name = `${key}-paid`;
    expect((await e.deploy(waitingProcess(key, name))).statusCode).toBe(201);
    const res = await publish('zj.cs_agent', { name, correlationKey: 'D', variables: { note: '过期' }, timeToLive: 'PT1S' });
    expect(res.body).toMatchObject({ buffered: true });
    await eventually(async () => ((await e.stack.app.services.messages.sweepExpired()) > 0 ? true : undefined), 10_000, 'the message to expire');
    expect((await e.stack.db.query('SELECT 1 FROM buffered_message WHERE id = $1', [res.body.messageId])).rowCount).toBe(0);
    const later = await e.start('zj.cs_agent', key, { orderId: 'D' });
    await subscribed(later);
    expect((await e.state(later)).activeElements).toEqual(['paid']);

    // A time to live of zero keeps nothing.
    const none = await publish('zj.cs_agent', { name, correlationKey: 'nobody', timeToLive: 'PT0S' });
    expect(none.body).toMatchObject({ started: [], correlated: [], buffered: false });
  });

  it('a message throw event in one case correlates to the waiting case with its key', async () => {
    const key = uniqueKey('msg-throw');
    const name = `${key}-paid`;
    expect((await e.deploy(waitingProcess(key, name))).statusCode).toBe(201);
    const thrower = uniqueKey('msg-thrower');
    const xml = bpmnXml(
      thrower,
      `<bpmn:startEvent id="s"/>
       <bpmn:intermediateThrowEvent id="tell"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=&quot;来自 &quot; + from" target="note"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'tell')}${flow('f2', 'tell', 'e')}`,
      '',
      message('m', name, '=orderId'),
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const waiting = await e.start('zj.cs_agent', key, { orderId: 'E' });
    await subscribed(waiting);
    const sender = await e.start('zj.cs_agent', thrower, { orderId: 'E', from: '财务' });
    expect((await e.result(sender)).status).toBe('completed');
    expect((await e.result(waiting)).variables.note).toBe('来自 财务');
    await e.recordHistory(sender, 'message-throw');
  });

  it('a signal end event starts every process listening for it and reaches every case waiting for it', async () => {
    const sig = uniqueKey('sig');
    const starter = uniqueKey('sig-start');
    const catcher = uniqueKey('sig-catch');
    const thrower = uniqueKey('sig-throw');
    const deploy = async (key: string, body: string) => expect((await e.deploy(bpmnXml(key, body, '', signal('sig', sig)))).statusCode).toBe(201);
    await deploy(starter, `<bpmn:startEvent id="bySignal"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent>${userTask('recall', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 'bySignal', 'recall')}${flow('f2', 'recall', 'e')}`);
    await deploy(catcher, `<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${flow('f1', 's', 'wait')}${flow('f2', 'wait', 'e')}`);
    await deploy(thrower, `<bpmn:startEvent id="s"/><bpmn:endEvent id="broadcast"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=reason" target="reason"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:signalEventDefinition signalRef="sig"/></bpmn:endEvent>${flow('f1', 's', 'broadcast')}`);
    const c1 = await e.start('zj.cs_agent', catcher);
    const c2 = await e.start('gd.cs_agent', catcher);
    await Promise.all([subscribed(c1), subscribed(c2)]);
    const t = await e.start('zj.cs_agent', thrower, { reason: '召回' });
    expect((await e.result(t)).status).toBe('completed');
    expect((await e.result(c1)).variables.reason).toBe('召回');
    expect((await e.result(c2)).variables.reason).toBe('召回');
    await e.recordHistory(c1, 'signal-catch');
    await e.recordHistory(t, 'signal-throw');
    const { rows } = await e.stack.db.query<{ id: string; unit_id: string; title: string }>('SELECT id, unit_id, title FROM process_case WHERE process_key = $1', [starter]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.unit_id).toBe('zj');
    // The started process has no name: its case is titled 未命名流程（key）, not by the bare key.
    expect(rows[0]!.title.startsWith(`未命名流程（${starter}） · `)).toBe(true);
    await e.waitForTasks(rows[0]!.id, ['recall']);
    expect((await e.state(rows[0]!.id)).variables).toMatchObject({ reason: '召回' });
    await e.recordHistory(rows[0]!.id, 'signal-start');
  });

  it('POST /api/signals broadcasts: starts and reaches only where the sender may send it, declared variables only, never kept', async () => {
    const sig = uniqueKey('api-sig');
    const starter = uniqueKey('api-sig-start');
    const catcher = uniqueKey('api-sig-catch');
    const deploy = async (key: string, body: string) => expect((await e.deploy(bpmnXml(key, body, '', signal('sig', sig)))).statusCode).toBe(201);
    await deploy(starter, `<bpmn:startEvent id="bySignal" shouwen:candidateGroups="cs_agent">${outputs('reason')}<bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent>${userTask('recall', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 'bySignal', 'recall')}${flow('f2', 'recall', 'e')}`);
    await deploy(catcher, `<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait" shouwen:candidateGroups="cs_agent">${outputs('reason')}<bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${flow('f1', 's', 'wait')}${flow('f2', 'wait', 'e')}`);
    const zj = await e.start('zj.cs_agent', catcher);
    const gd = await e.start('gd.cs_agent', catcher);
    await Promise.all([subscribed(zj), subscribed(gd)]);
    const started = async () => (await e.stack.db.query<{ id: string; unit_id: string }>('SELECT id, unit_id FROM process_case WHERE process_key = $1 ORDER BY started_at', [starter])).rows;
    const broadcast = (user: string, body: Record<string, unknown>) => e.post(user, '/api/signals', body);

    // A variable no event declares: refused before anything moves.
    const undeclared = await broadcast('zj.cs_agent', { name: sig, variables: { reason: '召回', price: 0 } });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.body).toMatchObject({ code: 'message.undeclaredVariables', errors: [{ path: 'body.variables.price' }] });
    expect(await started()).toHaveLength(0);
    expect((await e.state(zj)).activeElements).toEqual(['wait']);

    // Someone who holds no sending role reaches nothing; the answer says so.
    const outsider = await broadcast('zj.cs_manager', { name: sig, variables: { reason: '无权' } });
    expect(outsider.statusCode, JSON.stringify(outsider.body)).toBe(200);
    expect(outsider.body).toMatchObject({ started: [], correlated: [], correlatedUnlisted: 0 });
    expect(await started()).toHaveLength(0);

    // 浙江's 客服人员 starts one case in 浙江 and reaches 浙江's waiting case, not 广东's.
    const fromZj = await broadcast('zj.cs_agent', { name: sig, variables: { reason: '召回' } });
    expect(fromZj.statusCode, JSON.stringify(fromZj.body)).toBe(200);
    expect(fromZj.body).toMatchObject({ started: [{ processKey: starter }], correlated: [{ caseId: zj }], correlatedUnlisted: 0 });
    expect((await e.result(zj)).variables.reason).toBe('召回');
    expect(await e.events(zj)).toContain('signal.received');
    expect((await e.state(gd)).activeElements).toEqual(['wait']);
    const rows = await started();
    expect(rows.map((r) => r.unit_id)).toEqual(['zj']);
    await e.waitForTasks(rows[0]!.id, ['recall']);
    expect((await e.state(rows[0]!.id)).variables).toMatchObject({ reason: '召回' });

    // The same request again (same Idempotency-Key) does nothing twice.
    const headers = { 'idempotency-key': `${sig}-gd` };
    const once = await e.stack.app.inject({ method: 'POST', url: '/api/signals', headers: { ...headers, cookie: await e.cookie('gd.cs_agent') }, payload: { name: sig, variables: { reason: '广东召回' } } });
    const twice = await e.stack.app.inject({ method: 'POST', url: '/api/signals', headers: { ...headers, cookie: await e.cookie('gd.cs_agent') }, payload: { name: sig, variables: { reason: '广东召回' } } });
    expect(once.statusCode, once.body).toBe(200);
    expect(twice.json()).toEqual(once.json());
    expect(once.json()).toMatchObject({ correlated: [{ caseId: gd }] });
    expect((await e.result(gd)).variables.reason).toBe('广东召回');
    expect((await started()).map((r) => r.unit_id).sort()).toEqual(['gd', 'zj']);

    // Nothing waits any more: a signal is not kept for later.
    const late = await broadcast('gd.cs_manager', { name: sig });
    expect(late.body).toMatchObject({ started: [], correlated: [] });
    expect((await e.stack.db.query('SELECT 1 FROM buffered_message WHERE name = $1', [sig])).rowCount).toBe(0);
  });
});
