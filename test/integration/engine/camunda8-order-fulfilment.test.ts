import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobInput } from '../../../bpmn/job-worker';
import { eventually } from '../../helpers';
import { startEngine, uniqueKey, type Engine } from '../../engine-harness';
import { sharedStack } from '../../shared-stack';

// Issue 13: the Camunda 8 fixture bpmn/fixtures/camunda8/order-fulfilment.bpmn (as Camunda Modeler
// wrote it) run end to end through the API: deployed unchanged but for its process id and message
// names (unique per run), started by its message, its DMN rule task, its job (a team's worker on
// the job queue), the event-based gateway won by the shipment message, the signal throw, the end.

describe('a Camunda 8 fixture end to end', () => {
  const jobQueue = `test-c8-jobs-${randomUUID().slice(0, 8)}`;
  const charged: JobInput[] = [];
  let e: Engine;
  let connection: NativeConnection;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    e = await startEngine('camunda8-order', { jobTaskQueue: jobQueue, jobWorkerWaitSeconds: 30 });
    connection = await NativeConnection.connect({ address: sharedStack().temporalAddress });
    worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: jobQueue,
      activities: {
        async 'erp-charge'(input: JobInput) {
          charged.push(input);
          return { transactionId: `TX-${String(input.variables.total)}` };
        },
      },
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await e?.close();
  });

  it('order-fulfilment: message start, decision, job, shipment message, signal, completed', async () => {
    const key = uniqueKey('c8-order');
    const xml = (await readFile('bpmn/fixtures/camunda8/order-fulfilment.bpmn', 'utf8'))
      .replace('id="order-fulfilment"', `id="${key}"`)
      .replaceAll('name="order-received"', `name="${key}-received"`)
      .replaceAll('name="order-shipped"', `name="${key}-shipped"`)
      .replaceAll('name="order-cancelled"', `name="${key}-cancelled"`);
    const dmn = await e.post('hq.process_owner', '/api/decisions', { xml: await readFile('bpmn/decisions/credit-grading.dmn', 'utf8') });
    expect(dmn.statusCode, JSON.stringify(dmn.body)).toBeLessThan(300);
    const deployed = await e.deploy(xml);
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);

    // No shouwen:candidateGroups on the start event (a plain Camunda file): only an admin may send it.
    const start = await e.post('admin', '/api/messages', { name: `${key}-received`, variables: { orderId: 'O-1', amount: 120 } });
    expect(start.statusCode, JSON.stringify(start.body)).toBe(200);
    expect(start.body.started).toHaveLength(1);
    const caseId = start.body.started[0].caseId as string;

    // Waiting at the event-based gateway: the shipment message's subscription is open under its key.
    await eventually(
      async () => ((await e.stack.db.query(`SELECT 1 FROM message_subscription WHERE case_id = $1 AND element_id = 'Shipped' AND correlation_key = 'O-1'`, [caseId])).rowCount ? true : undefined),
      30_000,
      'the shipment subscription',
    );
    const shipped = await e.post('admin', '/api/messages', { name: `${key}-shipped`, correlationKey: 'O-1' });
    expect(shipped.statusCode, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.correlated).toEqual([{ caseId }]);

    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ orderId: 'O-1', amount: 120, transactionId: 'TX-120' });
    expect(charged).toHaveLength(1);
    expect(charged[0]!.headers).toMatchObject({ currency: 'CNY' });
    const events = await e.events(caseId);
    expect(events.some((x) => x.startsWith('decision.evaluated'))).toBe(true);
  });
});
