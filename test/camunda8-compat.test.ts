import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../bpmn/compile';

// Issue 13 "done when": a diagram as Camunda Modeler 5 exports it for Camunda 8, using the elements
// issue 13 added (message start with outputs, business rule task, a custom job type with headers
// and mappings, event-based gateway, message catch with a correlation key, user task headers, a
// signal throw, an interrupting message event sub-process), compiles with no problem and warns only
// that its job type needs a team's worker.

const xml = readFileSync(new URL('../bpmn/fixtures/camunda8/order-fulfilment.bpmn', import.meta.url), 'utf8');

describe('a Camunda 8 diagram from the Modeler', () => {
  it('compiles every element issue 13 added, warning only about the job worker it needs', async () => {
    const result = await compileBpmn(xml);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.elementId, w.code])).toEqual([['Charge', 'bpmn.serviceTask.externalJob']]);
    const els = result.model.elements;
    expect(els.OrderReceived).toMatchObject({ type: 'startEvent', trigger: { kind: 'message', messageName: 'order-received' }, outputs: [{ source: 'orderId', target: 'orderId' }, { source: 'amount', target: 'amount' }] });
    expect(els.Risk).toMatchObject({ type: 'businessRuleTask', decisionId: 'creditGrade', resultVariable: 'risk' });
    expect(els.Charge).toMatchObject({ type: 'serviceTask', taskType: 'erp-charge', retries: 5, headers: { currency: 'CNY' } });
    expect(els.WaitShipment).toMatchObject({ type: 'eventBasedGateway' });
    expect(els.Shipped).toMatchObject({ type: 'intermediateCatchEvent', trigger: { kind: 'message', messageName: 'order-shipped', correlationKey: 'orderId' } });
    expect(els.Chase).toMatchObject({ type: 'userTask', candidateGroups: ['cs_agent'] });
    expect(els.Notify).toMatchObject({ type: 'intermediateThrowEvent', throw: { kind: 'signal', signalName: 'order-fulfilled' } });
    expect(els.Cancellation).toMatchObject({ type: 'subProcess', triggeredByEvent: true });
    expect(els.CancelRequested).toMatchObject({ type: 'startEvent', trigger: { kind: 'message', messageName: 'order-cancelled', correlationKey: 'orderId' }, interrupting: true });
  });

  it('compiles a timer start event with a Zeebe cron cycle (one executable process per file, as Shouwen deploys them)', async () => {
    const result = await compileBpmn(readFileSync(new URL('../bpmn/fixtures/camunda8/weekly-review.bpmn', import.meta.url), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.model.elements.EveryMonday).toMatchObject({ type: 'startEvent', timer: { timing: { kind: 'cron', cron: '0 0 9 * * MON' }, owner: { kind: 'role', role: 'cs_manager' }, unitId: 'zj' } });
  });
});
