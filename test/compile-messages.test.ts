import { describe, expect, it } from 'vitest';
import { bpmnXml, flow } from './bpmn-xml';
import { compileBpmn } from '../bpmn/compile';

// Message start events, message and signal throw events, signal catch and start (issue 13).

const message = (id: string, name: string, key?: string) =>
  `<bpmn:message id="${id}" name="${name}">${key ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${key}"/></bpmn:extensionElements>` : ''}</bpmn:message>`;
const signal = (id: string, name: string) => `<bpmn:signal id="${id}" name="${name}"/>`;
const outputs = (...names: string[]) => `<bpmn:extensionElements><zeebe:ioMapping>${names.map((n) => `<zeebe:output source="=${n}" target="${n}"/>`).join('')}</zeebe:ioMapping></bpmn:extensionElements>`;

async function compile(body: string, defs = '') {
  return compileBpmn(bpmnXml('p', body, '', defs));
}

describe('compiling message and signal events', () => {
  it('a process-level message start event: its name, declared variables and senders; no plain start needed', async () => {
    const r = await compile(
      `<bpmn:startEvent id="received" shouwen:candidateGroups="cs_agent">${outputs('orderId')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="e"/>${flow('f', 'received', 'e')}`,
      message('m', 'order-received'),
    );
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (!r.ok) return;
    expect(r.model.startEventId).toBe('received');
    expect(r.model.elements.received).toMatchObject({
      type: 'startEvent',
      trigger: { kind: 'message', messageName: 'order-received' },
      outputs: [{ source: 'orderId', target: 'orderId' }],
      senderGroups: ['cs_agent'],
    });
  });

  it('beside a plain start event, the plain one stays the model start', async () => {
    const r = await compile(
      `<bpmn:startEvent id="s"/><bpmn:startEvent id="bySignal"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent><bpmn:endEvent id="e"/>${flow('f1', 's', 'e')}${flow('f2', 'bySignal', 'e')}`,
      signal('sig', 'recall'),
    );
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (!r.ok) return;
    expect(r.model.startEventId).toBe('s');
    expect(r.model.elements.bySignal).toMatchObject({ trigger: { kind: 'signal', signalName: 'recall' } });
  });

  it('message and signal throw events (intermediate and end) with their variables; catch and boundary signals', async () => {
    const r = await compile(
      `<bpmn:startEvent id="s"/>
       <bpmn:intermediateThrowEvent id="tell"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:endEvent>
       ${flow('f1', 's', 'tell')}${flow('f2', 'tell', 'wait')}${flow('f3', 'wait', 'e')}`,
      message('m', 'order-paid', '=orderId') + signal('sig', 'recall'),
    );
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (!r.ok) return;
    expect(r.model.elements.tell).toMatchObject({ type: 'intermediateThrowEvent', throw: { kind: 'message', messageName: 'order-paid', correlationKey: 'orderId', inputs: [{ source: 'amount * 2', target: 'doubled' }] } });
    expect(r.model.elements.wait).toMatchObject({ type: 'intermediateCatchEvent', trigger: { kind: 'signal', signalName: 'recall' } });
    expect(r.model.elements.e).toMatchObject({ type: 'endEvent', kind: 'none', throw: { kind: 'signal', signalName: 'recall' } });
  });

  it('refuses what it cannot honour, naming the element and a code', async () => {
    const r = await compile(
      `<bpmn:startEvent id="s"/>
       <bpmn:subProcess id="sub"><bpmn:startEvent id="subMsg"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="se"/>${flow('sf', 'subMsg', 'se')}</bpmn:subProcess>
       <bpmn:intermediateThrowEvent id="noSignal"><bpmn:signalEventDefinition/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateThrowEvent id="withOutputs">${outputs('x')}<bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateThrowEvent id="sendersOnThrow" shouwen:candidateGroups="cs_agent"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateCatchEvent id="signalOutputs" shouwen:candidateGroups="cs_agent">${outputs('x')}<bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'sub')}${flow('f2', 'sub', 'noSignal')}${flow('f3', 'noSignal', 'withOutputs')}${flow('f4', 'withOutputs', 'sendersOnThrow')}${flow('f5', 'sendersOnThrow', 'signalOutputs')}${flow('f6', 'signalOutputs', 'e')}`,
      message('m', 'order-paid') + signal('sig', 'recall'),
    );
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.elementId, p.code])).toEqual(
      expect.arrayContaining([
        ['subMsg', 'bpmn.start.triggerInSubProcess'],
        ['noSignal', 'bpmn.signal.noName'],
        ['withOutputs', 'bpmn.throw.outputs'],
        // shouwen:candidateGroups exists on catch and start events only.
        ['sendersOnThrow', 'bpmn.attribute.unknown'],
      ]),
    );
    // A signal catch declares what POST /api/signals may carry, as a message catch does.
    expect(r.problems.map((p) => p.elementId)).not.toContain('signalOutputs');
  });

  it('warns that a Camunda job type on a message throw is not called', async () => {
    const r = await compile(
      `<bpmn:startEvent id="s"/><bpmn:intermediateThrowEvent id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="send-mail"/></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent><bpmn:endEvent id="e"/>${flow('f1', 's', 'tell')}${flow('f2', 'tell', 'e')}`,
      message('m', 'order-paid'),
    );
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => [w.elementId, w.code, w.params])).toEqual([['tell', 'bpmn.throw.jobIgnored', { taskType: 'send-mail' }]]);
  });
});
