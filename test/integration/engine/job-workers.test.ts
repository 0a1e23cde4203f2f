import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobInput } from '../../../bpmn/job-worker';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';
import { sharedStack } from '../../shared-stack';

// Issue 13 item 7: a service task of a type Shouwen does not ship is a job for a team's own worker.
// The worker here is what a team would write: a second Temporal Worker, in its own connection, on
// the job queue, registering an activity named by the type — nothing of Shouwen's but JobInput.

const job = (id: string, type: string, opts: { retries?: number; ext?: string; attrs?: string } = {}) =>
  `<bpmn:serviceTask id="${id}" name="${id === 'charge' ? '扣款' : id}" ${opts.attrs ?? ''}><bpmn:extensionElements><zeebe:taskDefinition type="${type}"${opts.retries === undefined ? '' : ` retries="${opts.retries}"`}/>${opts.ext ?? ''}</bpmn:extensionElements></bpmn:serviceTask>`;

const incidentOf = async (e: Engine, caseId: string) =>
  eventually(
    async () => {
      const res = await e.stack.app.inject({ method: 'GET', url: '/api/incidents', headers: { cookie: await e.cookie('hq.process_owner') } });
      return (res.json().items as IncidentJson[]).find((i) => i.caseId === caseId);
    },
    30_000,
    `an incident of ${caseId}`,
  );

interface IncidentJson {
  id: string;
  caseId: string;
  elementId: string;
  message: string;
}

describe('external job workers', () => {
  const jobQueue = `test-jobs-${randomUUID().slice(0, 8)}`;
  const otherQueue = `${jobQueue}-finance`;
  const suffix = randomUUID().slice(0, 6);
  const chargeType = `erp-charge-${suffix}`;
  const ledgerType = `ledger-${suffix}`;
  const flakyType = `flaky-${suffix}`;
  const declineType = `decline-${suffix}`;
  const calls: JobInput[] = [];
  const attempts: Record<string, number> = {};
  let erpFixed = false;
  let e: Engine;
  let connection: NativeConnection;
  const workers: Array<{ worker: Worker; running: Promise<void> }> = [];

  const startJobWorker = async (taskQueue: string, activities: Record<string, (input: JobInput) => Promise<unknown>>) => {
    const worker = await Worker.create({ connection, namespace: 'default', taskQueue, activities });
    workers.push({ worker, running: worker.run() });
  };

  beforeAll(async () => {
    // The deployment's settings: its job queue, and a short wait for a worker so a missing one shows quickly.
    e = await startEngine('jobs', { jobTaskQueue: jobQueue, jobWorkerWaitSeconds: 5 });
    connection = await NativeConnection.connect({ address: sharedStack().temporalAddress });
    await startJobWorker(jobQueue, {
      async [chargeType](input) {
        calls.push(input);
        return { chargeId: `CH-${input.variables.cents as number}`, notMapped: true };
      },
      async [flakyType](input) {
        calls.push(input);
        attempts[input.jobKey] = Context.current().info.attempt;
        if (!erpFixed) throw new Error('ERP 暂时不可用');
        return { posted: true };
      },
      async [declineType]() {
        throw ApplicationFailure.create({ type: 'BpmnError', message: 'card declined', details: ['DECLINED'], nonRetryable: true });
      },
    });
    // A task may name its own queue (shouwen:jobTaskQueue): a finance team's worker.
    await startJobWorker(otherQueue, {
      async [ledgerType](input) {
        calls.push(input);
        return { ledgerEntry: `${input.headers.ledger}-1`, total: (input.variables.amount as number) + 1 };
      },
    });
  });
  afterAll(async () => {
    for (const w of workers) w.worker.shutdown();
    await Promise.all(workers.map((w) => w.running));
    await connection?.close();
    await e?.close();
  });

  it('deploys with a warning naming the type, and a worker of the team completes it with headers, mapped inputs and outputs', async () => {
    const key = uniqueKey('jobs');
    const io = '<zeebe:ioMapping><zeebe:input source="=amount * 100" target="cents"/><zeebe:output source="=chargeId" target="chargeId"/></zeebe:ioMapping>';
    const headers = '<zeebe:taskHeaders><zeebe:header key="currency" value="CNY"/><zeebe:header key="merchant" value="首问售后"/></zeebe:taskHeaders>';
    const ledgerHeaders = '<zeebe:taskHeaders><zeebe:header key="ledger" value="GL"/></zeebe:taskHeaders>';
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${job('charge', chargeType, { retries: 2, ext: io + headers })}${job('ledger', ledgerType, { attrs: `shouwen:jobTaskQueue="${otherQueue}"`, ext: ledgerHeaders })}${userTask('check', { group: 'cs_manager' })}<bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'charge')}${flow('f2', 'charge', 'ledger')}${flow('f3', 'ledger', 'check')}${flow('f4', 'check', 'e')}`,
    );
    const validated = await e.post('hq.process_owner', '/api/processes/validate', { xml });
    expect(validated.statusCode, JSON.stringify(validated.body)).toBe(200);
    const deployed = await e.deploy(xml);
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
    for (const body of [validated.body, deployed.body]) {
      expect(body.warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ elementId: 'charge', code: 'bpmn.serviceTask.externalJob', params: { taskType: chargeType } }),
          expect.objectContaining({ elementId: 'ledger', code: 'bpmn.serviceTask.externalJob', params: { taskType: ledgerType } }),
        ]),
      );
    }

    const caseId = await e.start('zj.cs_agent', key, { amount: 12.5 });
    const [check] = await e.waitForTasks(caseId, ['check']);
    const charge = calls.find((c) => c.caseId === caseId && c.type === chargeType)!;
    expect(charge).toEqual({
      jobKey: `${caseId}/charge/1`,
      type: chargeType,
      caseId,
      processKey: key,
      processVersion: 1,
      businessKey: caseId.slice(key.length + 1),
      elementId: 'charge',
      elementName: '扣款',
      variables: { cents: 1250 },
      headers: { currency: 'CNY', merchant: '首问售后' },
      retries: 2,
    });
    // Without input mappings every case variable goes in; without output mappings the result is merged (Camunda's defaults).
    const ledger = calls.find((c) => c.caseId === caseId && c.type === ledgerType)!;
    expect(ledger.variables).toMatchObject({ amount: 12.5, chargeId: 'CH-1250' });
    expect(ledger.retries).toBe(3);
    const vars = (await e.state(caseId)).variables;
    expect(vars).toMatchObject({ chargeId: 'CH-1250', ledgerEntry: 'GL-1', total: 13.5 });
    expect(vars).not.toHaveProperty('notMapped');
    expect(vars).not.toHaveProperty('cents');
    expect((await e.complete('zj.cs_manager', check!.id)).statusCode).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');
    await e.recordHistory(caseId, 'external-job');
  });

  it('a job failing past its retries is an incident on the case; after the worker is fixed an operator retries it and the case finishes', async () => {
    const key = uniqueKey('flaky');
    expect((await e.deploy(bpmnXml(key, `<bpmn:startEvent id="s"/>${job('post', flakyType, { retries: 2 })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'post')}${flow('f2', 'post', 'e')}`))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const incident = await incidentOf(e, caseId);
    expect(incident).toMatchObject({ elementId: 'post' });
    expect(incident.message).toContain(`job "${flakyType}" failed after 2 attempts: ERP 暂时不可用`);
    // Both attempts reached the worker, the second being the last.
    expect(attempts[`${caseId}/post/1`]).toBe(2);
    expect((await e.state(caseId)).incidents).toHaveLength(1);

    const resolve = (user: string) => e.post(user, `/api/cases/${encodeURIComponent(caseId)}/incidents/${encodeURIComponent(incident.id)}/resolve`, { action: 'retry' });
    // Only those who operate processes retry; the agent who started the case may not.
    expect((await resolve('zj.cs_agent')).statusCode).toBe(403);
    erpFixed = true;
    expect((await resolve('hq.process_owner')).body).toEqual({ resolved: true, action: 'retry' });
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ posted: true });
    // The retry is a new run of the job: a new key, so a worker's idempotency does not swallow it.
    expect(attempts[`${caseId}/post/2`]).toBe(1);
    await e.recordHistory(caseId, 'external-job-incident-retried');
  });

  it('a BPMN error thrown by a job worker goes to the error boundary event, not to an incident', async () => {
    const key = uniqueKey('decline');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${job('pay', declineType)}<bpmn:boundaryEvent id="declined" attachedToRef="pay"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>${userTask('phone', { group: 'cs_agent' })}<bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
       ${flow('f1', 's', 'pay')}${flow('f2', 'pay', 'e')}${flow('f3', 'declined', 'phone')}${flow('f4', 'phone', 'e2')}`,
      '<bpmn:error id="err" errorCode="DECLINED"/>',
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    await e.waitForTasks(caseId, ['phone']);
    expect((await e.state(caseId)).incidents).toEqual([]);
  });

  it('a job no worker takes (no worker polls its queue) is an incident naming the type and queue, not a silent wait', async () => {
    const key = uniqueKey('unserved');
    const type = `unserved-${suffix}`;
    const nobody = `${jobQueue}-nobody`;
    expect((await e.deploy(bpmnXml(key, `<bpmn:startEvent id="s"/>${job('erp', type, { attrs: `shouwen:jobTaskQueue="${nobody}"` })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'erp')}${flow('f2', 'erp', 'e')}`))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const incident = await incidentOf(e, caseId);
    expect(incident).toMatchObject({ elementId: 'erp' });
    expect(incident.message).toContain(`no job worker took job "${type}" from task queue "${nobody}" within 5 s`);
    expect((await e.post('hq.process_owner', `/api/cases/${encodeURIComponent(caseId)}/incidents/${encodeURIComponent(incident.id)}/resolve`, { action: 'cancel', comment: '没有这个作业的处理程序' })).statusCode).toBe(200);
    expect((await e.result(caseId)).status).toBe('terminated');
  });

  it('a worker on the queue that does not register the type fails the job: an incident saying so', async () => {
    const key = uniqueKey('unregistered');
    const type = `unregistered-${suffix}`;
    expect((await e.deploy(bpmnXml(key, `<bpmn:startEvent id="s"/>${job('erp', type, { retries: 1 })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'erp')}${flow('f2', 'erp', 'e')}`))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const incident = await incidentOf(e, caseId);
    expect(incident.message).toMatch(new RegExp(`job "${type}" failed after 1 attempt: .*${type} is not registered`));
    expect((await e.post('hq.process_owner', `/api/cases/${encodeURIComponent(caseId)}/incidents/${encodeURIComponent(incident.id)}/resolve`, { action: 'cancel', comment: '测试结束' })).statusCode).toBe(200);
  });
});
