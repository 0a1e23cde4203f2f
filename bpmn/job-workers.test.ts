import { describe, expect, it } from 'vitest';
import { compileBpmn } from './compile';
import { SERVICE_TASK_TYPES } from './service-task-types';

// Issue 13 items 7 and 8 in the compiler: a service-task type Shouwen does not ship is a job for
// a team's own worker (warned, not refused), task headers and a user task's / start event's
// mappings are kept in the model, and only when a diagram uses them (model hash of the others).

const bpmnXml = (id: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0" id="d" targetNamespace="t"><bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const userTask = (id: string, opts: { ext?: string } = {}) =>
  `<bpmn:userTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/>${opts.ext ?? ''}</bpmn:extensionElements></bpmn:userTask>`;
const job = (id: string, type: string, ext = '', attrs = '') =>
  `<bpmn:serviceTask id="${id}" name="${id}" ${attrs}><bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="2"/>${ext}</bpmn:extensionElements></bpmn:serviceTask>`;
const headers = (pairs: Record<string, string>) => `<zeebe:taskHeaders>${Object.entries(pairs).map(([k, v]) => `<zeebe:header key="${k}" value="${v}"/>`).join('')}</zeebe:taskHeaders>`;
const line = (...ids: string[]) => ids.slice(1).map((id, i) => flow(`f${i}`, ids[i]!, id)).join('');

const compile = (body: string) => compileBpmn(bpmnXml('jobs', body), { taskTypes: SERVICE_TASK_TYPES });
const model = (r: Awaited<ReturnType<typeof compileBpmn>>) => (r.ok ? r.model : undefined);

describe('compileBpmn: external job workers', () => {
  it('a type Shouwen does not ship deploys with a warning naming it, and the model marks the job, its queue and headers', async () => {
    const result = await compile(`<bpmn:startEvent id="s"/>${job('charge', 'erp-charge', headers({ currency: 'CNY', ledger: '主账' }), 'shouwen:jobTaskQueue="finance-jobs"')}<bpmn:endEvent id="e"/>${line('s', 'charge', 'e')}`);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ elementId: 'charge', code: 'bpmn.serviceTask.externalJob', params: { taskType: 'erp-charge' }, message: expect.stringMatching(/No worker for service task type "erp-charge" ships with Shouwen.*"finance-jobs"/) })]);
    expect(model(result)?.elements.charge).toMatchObject({ type: 'serviceTask', taskType: 'erp-charge', retries: 2, external: true, taskQueue: 'finance-jobs', headers: { currency: 'CNY', ledger: '主账' } });
  });

  it('a shipped type stays Shouwen\'s own: no warning, no job fields, and a job queue on it is refused', async () => {
    const plain = await compile(`<bpmn:startEvent id="s"/>${job('n', 'notify')}<bpmn:endEvent id="e"/>${line('s', 'n', 'e')}`);
    expect(plain.warnings).toEqual([]);
    expect(Object.keys(model(plain)!.elements.n!).sort()).toEqual(['id', 'incoming', 'inputs', 'name', 'outgoing', 'outputs', 'retries', 'taskType', 'type']);
    const queued = await compile(`<bpmn:startEvent id="s"/>${job('n', 'notify', '', 'shouwen:jobTaskQueue="q"')}<bpmn:endEvent id="e"/>${line('s', 'n', 'e')}`);
    expect(queued.problems).toEqual([expect.objectContaining({ elementId: 'n', code: 'bpmn.serviceTask.queueForShipped' })]);
  });

  it('a header without a key, or given twice, is refused', async () => {
    const result = await compile(`<bpmn:startEvent id="s"/>${job('j', 'x-job', '<zeebe:taskHeaders><zeebe:header value="v"/><zeebe:header key="a" value="1"/><zeebe:header key="a" value="2"/></zeebe:taskHeaders>')}<bpmn:endEvent id="e"/>${line('s', 'j', 'e')}`);
    expect(result.problems.map((p) => p.code)).toEqual(['bpmn.taskHeaders.noKey', 'bpmn.taskHeaders.duplicate']);
  });
});

describe('compileBpmn: Camunda 8 details on user tasks and the start event', () => {
  it('user-task mappings and headers are kept; without them the model is what it was', async () => {
    const io = '<zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled"/><zeebe:output source="=approved" target="managerApproved"/></zeebe:ioMapping>';
    const result = await compile(`<bpmn:startEvent id="s"/>${userTask('t', { ext: io + headers({ 说明: '核对金额' }) })}<bpmn:endEvent id="e"/>${line('s', 't', 'e')}`);
    expect(result.problems).toEqual([]);
    expect(model(result)?.elements.t).toMatchObject({ inputs: [{ source: 'amount * 2', target: 'doubled' }], outputs: [{ source: 'approved', target: 'managerApproved' }], headers: { 说明: '核对金额' } });
    const bare = await compile(`<bpmn:startEvent id="s"/>${userTask('t')}<bpmn:endEvent id="e"/>${line('s', 't', 'e')}`);
    expect(model(bare)?.elements.t).not.toHaveProperty('inputs');
    expect(model(bare)?.elements.t).not.toHaveProperty('headers');
    expect(model(bare)?.elements.s).toEqual({ id: 's', type: 'startEvent', incoming: [], outgoing: ['f0'] });
  });

  it('the start event keeps its form and output mappings; inputs there, and either on a sub-process start, are refused', async () => {
    const ok = await compileBpmn(
      bpmnXml('jobs', `<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="intake"/><zeebe:ioMapping><zeebe:output source="=upper case(name)" target="customerName"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:startEvent>${userTask('t')}<bpmn:endEvent id="e"/>${line('s', 't', 'e')}`),
      { formIds: ['intake'] },
    );
    expect(ok.problems).toEqual([]);
    expect(model(ok)?.elements.s).toMatchObject({ formId: 'intake', outputs: [{ source: 'upper case(name)', target: 'customerName' }] });
    const unknownForm = await compileBpmn(bpmnXml('jobs', `<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="nope"/></bpmn:extensionElements></bpmn:startEvent><bpmn:endEvent id="e"/>${line('s', 'e')}`), { formIds: [] });
    expect(unknownForm.problems.map((p) => p.code)).toEqual(['bpmn.userTask.unknownForm']);
    const inputs = await compile(`<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=1" target="x"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:startEvent><bpmn:endEvent id="e"/>${line('s', 'e')}`);
    expect(inputs.problems.map((p) => p.code)).toEqual(['bpmn.startEvent.inputs']);
    const sub = await compile(
      `<bpmn:startEvent id="s"/><bpmn:subProcess id="sp"><bpmn:startEvent id="ss"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=1" target="x"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:startEvent><bpmn:endEvent id="se"/>${flow('sf', 'ss', 'se')}</bpmn:subProcess><bpmn:endEvent id="e"/>${line('s', 'sp', 'e')}`,
    );
    expect(sub.problems.map((p) => p.code)).toEqual(['bpmn.startEvent.subProcessExtras']);
  });
});
