import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { buildApp } from '../../server/app';
import { caseStateQuery } from '../../workflows/bpmn/messages';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { chooseOption } from './antd-select';
import { apiSteps } from './api-steps';
import { signIn, startSite, type Site } from './browser';
import { openTask, TaskForm } from './console-steps';
import { sharedStack } from '../shared-stack';

// Issue 13 item 8 in the console: the 新建 dialog shows the form of the process's start event and
// starts the case with its data; the task page shows the step's task headers (任务说明) and gives
// its form the task's own variables (input mappings).

const intake = {
  id: 'intake',
  type: 'default',
  components: [
    { type: 'textfield', key: 'customerName', label: '客户名称', validate: { required: true } },
    { type: 'number', key: 'amount', label: '金额', validate: { required: true, min: 1 } },
  ],
};
const review = { id: 'review', type: 'default', components: [{ type: 'number', key: 'doubled', label: '双倍金额' }] };

describe('start form in 新建 and task headers on the task page', () => {
  let site: Site;
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const { post } = apiSteps(() => app, () => db);
  const key = uniqueKey('startform');

  beforeAll(async () => {
    site = await startSite('e2e-start-form');
    db = createPool(sharedStack().databaseUrl, 3);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    const start = '<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="intake"/></bpmn:extensionElements></bpmn:startEvent>';
    const task = userTask('t', {
      group: 'cs_manager',
      ext: '<zeebe:formDefinition formId="review"/><zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled"/></zeebe:ioMapping><zeebe:taskHeaders><zeebe:header key="说明" value="核对金额后审批"/></zeebe:taskHeaders>',
    }).replace('name="t"', 'name="复核金额"');
    await post('hq.process_owner', '/api/processes', { xml: bpmnXml(key, `${start}${task}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`), forms: { intake, review }, changeNote: '测试部署' });
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  it('新建 shows the start form, refuses it empty, starts the case with its data; the step shows its headers and its own variables', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    await openMenu(page, /案例/);
    await page.getByRole('button', { name: /新\s*建$/ }).first().click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建案例' });
    await dialog.waitFor();
    await chooseOption(page, dialog.getByRole('combobox', { name: '流程' }), key, { search: key });
    await dialog.getByLabel('标题').fill('开始表单的案例');
    await dialog.getByText('开始表单', { exact: true }).waitFor();
    const form = new TaskForm(page, dialog.locator('.sw-form .fjs-form'));
    await dialog.locator('.sw-form[aria-busy=false] .fjs-form').waitFor();
    // Empty, the form's own checks stop it: no case is started.
    await dialog.getByRole('button', { name: /发\s*起/ }).click();
    await dialog.locator('.fjs-form-field-error').first().waitFor();
    expect((await db.query(`SELECT count(*)::int AS n FROM process_case WHERE process_key = $1`, [key])).rows[0].n).toBe(0);
    await form.fillAll({ 客户名称: '西湖电子', 金额: 300 });
    // Leaving the last field clears its error; the footer moves up, so the click waits for that.
    await form.input('金额').press('Tab');
    await expect.poll(() => dialog.locator('.fjs-form-field-error').count()).toBe(0);
    await dialog.getByRole('button', { name: /发\s*起/ }).click();
    await page.getByRole('heading', { name: '开始表单的案例' }).waitFor();
    const caseId = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/cases\//, ''));
    // The start form's data is the case's start variables.
    expect((await temporal.client.workflow.getHandle(caseId).query(caseStateQuery)).variables).toMatchObject({ customerName: '西湖电子', amount: 300 });
    await page.context().close();

    const manager = await signIn(site, 'zj.cs_manager');
    const taskForm = await openTask(manager, { id: caseId, businessKey: caseId.split('/')[1]! }, '复核金额');
    const headers = manager.getByTestId('task-headers');
    await headers.getByText('任务说明').waitFor();
    await headers.getByText('核对金额后审批').waitFor();
    // The task's own variable (an input mapping over the start form's data) fills its form.
    expect(await taskForm.valueOf('双倍金额')).toBe('600');
    await manager.context().close();
  });
});
