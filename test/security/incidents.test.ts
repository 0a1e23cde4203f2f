import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';
import { eventually } from '../helpers';

// Issue 11 §1: an incident stops only its case — listed for those who may read the case, retried
// or cancelled by a process owner, every step in the audit trail — while other cases move on.

const script = (id: string, expression: string, resultVariable: string) =>
  `<bpmn:scriptTask id="${id}" name="计数"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}"/></bpmn:extensionElements></bpmn:scriptTask>`;

interface IncidentJson {
  id: string;
  caseId: string;
  caseTitle: string;
  elementId: string;
  elementName: string | null;
  message: string;
}

describe('incidents: listed, retried, cancelled, audited', () => {
  let e: Engine;
  let loopKey: string;
  let ordinaryKey: string;
  beforeAll(async () => {
    e = await startEngine('incidents');
    loopKey = uniqueKey('loop');
    ordinaryKey = uniqueKey('ordinary');
    const loop = `<bpmn:startEvent id="start"/>${script('count', '=if n = null then 1 else n + 1', 'n')}<bpmn:exclusiveGateway id="again" default="back"/><bpmn:endEvent id="end"/>
      ${flow('f1', 'start', 'count')}${flow('f2', 'count', 'again')}${flow('out', 'again', 'end', '=n > limit')}${flow('back', 'again', 'count')}`;
    const deployed = await e.deploy(bpmnXml(loopKey, loop));
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
    expect((await e.deploy(bpmnXml(ordinaryKey, `<bpmn:startEvent id="s"/>${userTask('call', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'call')}${flow('f2', 'call', 'e')}`))).statusCode).toBe(201);
  });
  afterAll(async () => e?.close());

  const incidents = async (user: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url: '/api/incidents', headers: { cookie: await e.cookie(user) } });
    expect(res.statusCode).toBe(200);
    return res.json().items as IncidentJson[];
  };
  const incidentOf = (caseId: string, user = 'hq.process_owner', not?: string) =>
    eventually(async () => (await incidents(user)).find((i) => i.caseId === caseId && i.id !== not), 20_000, `an incident of ${caseId}`);
  const resolve = (user: string, i: IncidentJson, body: object) => e.post(user, `/api/cases/${encodeURIComponent(i.caseId)}/incidents/${encodeURIComponent(i.id)}/resolve`, body);

  it('a looping case waits on an incident while others move; owners retry and cancel it, and the trail says who and why', async () => {
    const bad = await e.start('zj.cs_agent', loopKey, { limit: 1_000_000 }, { title: '死循环的案例' });
    const incident = await incidentOf(bad);
    expect(incident).toMatchObject({ elementId: expect.stringMatching(/^(count|again)$/), caseTitle: '死循环的案例' });
    expect(incident.message).toMatch(/more than 1000 steps without reaching/);

    // Another case on the same worker goes on.
    const ordinary = await e.start('zj.cs_agent', ordinaryKey);
    const [call] = await e.waitForTasks(ordinary, ['call']);
    expect((await e.complete('zj.cs_agent', call!.id)).statusCode).toBe(200);
    expect((await e.result(ordinary)).status).toBe('completed');

    // The agent who started it sees it, but only process owners answer it.
    expect((await incidents('zj.cs_agent')).map((i) => i.id)).toContain(incident.id);
    expect((await resolve('zj.cs_agent', incident, { action: 'retry' })).statusCode).toBe(403);
    const noReason = await resolve('hq.process_owner', incident, { action: 'cancel' });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('comment');

    // Retry with corrected data: the loop now ends.
    expect((await resolve('hq.process_owner', incident, { action: 'retry', variables: { limit: 5 } })).body).toEqual({ resolved: true, action: 'retry' });
    expect((await e.result(bad)).status).toBe('completed');
    expect((await incidents('hq.process_owner')).some((i) => i.caseId === bad)).toBe(false);
    expect((await resolve('hq.process_owner', incident, { action: 'retry' })).statusCode).toBe(409);
    // Ids past the router's old 100-character limit reach the route (its own limits answer).
    expect((await resolve('hq.process_owner', { ...incident, id: `${incident.id}/${'x'.repeat(150)}` }, { action: 'retry' })).statusCode).toBe(409);

    const trail = (await e.stack.db.query(`SELECT kind, actor_id, payload FROM case_event WHERE case_id = $1 AND kind LIKE 'incident.%' ORDER BY seq`, [bad])).rows;
    expect(trail).toEqual([
      { kind: 'incident.raised', actor_id: null, payload: expect.objectContaining({ elementId: incident.elementId, message: incident.message }) },
      { kind: 'incident.resolved', actor_id: 'hq.process_owner', payload: { action: 'retry', variableNames: ['limit'] } },
    ]);
  });

  it('cancelling at an incident ends the case as terminated, with the reason', async () => {
    const bad = await e.start('zj.cs_agent', loopKey, { limit: 1_000_000 });
    const first = await incidentOf(bad);
    // A retry without a correction runs into the same loop: a new incident.
    expect((await resolve('hq.process_owner', first, { action: 'retry' })).statusCode).toBe(200);
    const second = await incidentOf(bad, 'hq.process_owner', first.id);
    expect((await resolve('hq.process_owner', second, { action: 'cancel', comment: '流程图有死循环，已通知流程负责人' })).statusCode).toBe(200);
    expect((await e.result(bad)).status).toBe('terminated');
    const ended = (await e.stack.db.query(`SELECT status FROM process_case WHERE id = $1`, [bad])).rows[0];
    expect(ended).toEqual({ status: 'terminated' });
    const resolved = (await e.stack.db.query(`SELECT resolution, resolved_by, comment FROM incident WHERE case_id = $1 ORDER BY raised_at, id`, [bad])).rows;
    expect(resolved).toEqual([
      { resolution: 'retry', resolved_by: 'hq.process_owner', comment: null },
      { resolution: 'cancel', resolved_by: 'hq.process_owner', comment: '流程图有死循环，已通知流程负责人' },
    ]);
  });

  it('the list and the live state mask the title and the engine’s line of a secret customer’s case for those not cleared', async () => {
    const bad = await e.start('zj.cs_agent', loopKey, { limit: 1_000_000 }, { title: '西湖电子 死循环', customerId: 'C0001' });
    const asOwner = await incidentOf(bad, 'hq.auditor');
    expect(asOwner.caseTitle).toBe('西湖电子 死循环');
    expect(asOwner.message).toMatch(/more than 1000 steps/);
    // The engine's line may quote the case's data (an expression's values, a database error's input): withheld with it.
    const asAgent = await incidentOf(bad, 'zj.cs_agent');
    expect(asAgent).toMatchObject({ caseTitle: '（保密客户的案例）', message: '（保密客户的案例，详情不予显示）', elementId: asOwner.elementId });
    const state = async (user: string) => {
      const res = await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(bad)}/state`, headers: { cookie: await e.cookie(user) } });
      expect(res.statusCode).toBe(200);
      return res.json() as { incidents: Array<{ message: string }> };
    };
    expect((await state('zj.cs_agent')).incidents.map((i) => i.message)).toEqual(['（保密客户的案例，详情不予显示）']);
    expect((await state('zj.cs_manager')).incidents.map((i) => i.message)).toEqual([asOwner.message]);
    expect((await resolve('hq.process_owner', asOwner, { action: 'cancel', comment: '测试结束' })).statusCode).toBe(200);
  });
});
