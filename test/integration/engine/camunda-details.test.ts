import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormSchema } from '../../../bpmn/form-data';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

// Issue 13 item 8, details real Camunda 8 files use: input/output mappings on user tasks (inputs are
// the task's own variables, its form sees them; outputs decide what its completion writes), output
// mappings on the start event, a form on the start event (the 新建 dialog's; its data is checked by
// the server like a task's), and task headers on the task page.

const intake: FormSchema = {
  id: 'intake',
  type: 'default',
  components: [
    { type: 'textfield', key: 'customerName', label: '客户名称', validate: { required: true } },
    { type: 'number', key: 'amount', label: '金额（元）', validate: { required: true, min: 1, max: 100000 } },
  ],
};

describe('Camunda 8 details: user-task and start-event mappings, start form, task headers', () => {
  let e: Engine;
  let key: string;
  beforeAll(async () => {
    e = await startEngine('camunda-details');
    key = uniqueKey('details');
    const start = `<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="intake"/><zeebe:ioMapping><zeebe:output source="=upper case(customerName)" target="customerLabel"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:startEvent>`;
    const review = userTask('review', {
      group: 'cs_manager',
      attrs: 'shouwen:outcomes="approve,reject"',
      ext:
        '<zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled"/><zeebe:input source="=customerLabel + &quot; 复核&quot;" target="heading"/><zeebe:output source="=approvedAmount" target="finalAmount"/><zeebe:output source="=outcome = &quot;approve&quot;" target="managerApproved"/></zeebe:ioMapping>' +
        '<zeebe:taskHeaders><zeebe:header key="说明" value="核对金额后审批"/><zeebe:header key="sla" value="1 个工作日"/></zeebe:taskHeaders>',
    });
    const deployed = await e.deploy(bpmnXml(key, `${start}${review}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'e')}`), { intake });
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
  });
  afterAll(async () => e?.close());

  it('a start form is checked by the server: missing and out-of-bounds data is refused with one error per field, before any case exists', async () => {
    const before = (await e.stack.db.query(`SELECT count(*)::int AS n FROM process_case WHERE process_key = $1`, [key])).rows[0].n as number;
    const res = await e.post('zj.cs_agent', '/api/cases', { processKey: key, title: '缺数据', variables: { amount: 0 } });
    expect(res.statusCode).toBe(422);
    expect(res.body.code).toBe('form.invalid');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'body.variables.customerName', code: 'form.required' }),
      expect.objectContaining({ path: 'body.variables.amount', code: 'form.min', params: expect.objectContaining({ min: 1 }) }),
    ]);
    const after = (await e.stack.db.query(`SELECT count(*)::int AS n FROM process_case WHERE process_key = $1`, [key])).rows[0].n as number;
    expect(after).toBe(before);
  });

  it('start outputs, task inputs seen by the task page (with its headers), and only the mapped outputs written on completion', async () => {
    const caseId = await e.start('zj.cs_agent', key, { customerName: 'Xihu', amount: 300 });
    const [task] = await e.waitForTasks(caseId, ['review']);
    const detail = await e.stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(task!.id)}`, headers: { cookie: await e.cookie('zj.cs_manager') } });
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.headers).toEqual({ 说明: '核对金额后审批', sla: '1 个工作日' });
    expect(body.taskVariables).toEqual({ doubled: 600, heading: 'XIHU 复核' });
    expect(body.case.variables).toMatchObject({ customerLabel: 'XIHU', amount: 300 });
    // The task's own variables stay the task's.
    expect(body.case.variables).not.toHaveProperty('doubled');

    expect((await e.complete('zj.cs_manager', task!.id, { outcome: 'approve', data: { approvedAmount: 280, note: '只记录在步骤里' } })).statusCode).toBe(200);
    const { variables } = await e.result(caseId);
    expect(variables).toMatchObject({ customerLabel: 'XIHU', finalAmount: 280, managerApproved: true, outcome: 'approve' });
    for (const name of ['approvedAmount', 'note', 'doubled', 'heading']) expect(variables).not.toHaveProperty(name);
    await e.recordHistory(caseId, 'user-task-io-mapping');
  });
});
