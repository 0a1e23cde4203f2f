import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSite, type Site } from './browser';
import { openConsole, openProcessEditor, openTask, signInAs, startCase } from './console-steps';

// A process owner changes a form in the browser: the 表单 drawer of the 流程 editor, the form-js
// editor (palette in Chinese, a field added from the keyboard, its label and key in the properties
// panel), deploy, and a new case shows the field; the version before keeps its form.

const FIELD_LABEL = '回访电话（表单编辑器）';
const FIELD_KEY = 'callbackPhoneByOwner';

describe('forms in the console', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-form-editor');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('a process owner adds a field to 受理投诉 form, deploys, and a new complaint shows it on its first task', async () => {
    const owner = await signIn(site, 'hq.process_owner');
    const before = (await (await owner.request.get(`${site.url}/api/processes/complaint/versions`)).json()).items[0].version as number;
    await openProcessEditor(owner, `${site.url}/processes/complaint/edit`);
    await owner.getByRole('heading', { name: '编辑流程 客户投诉管理流程' }).waitFor();
    await owner.locator('.sw-editor-canvas .djs-container').waitFor();

    // a task's form picker names the form it shows, among the diagram's forms, as the owner knows
    // them (by the steps showing them), the id only as the hint after the name (受理投诉 sits under
    // the palette: 转交处理 is clicked)
    await owner.locator('.sw-editor-canvas g.djs-element[data-element-id="Activity_Triage"] .djs-hit').first().click();
    await owner.locator('.bio-properties-panel-group-header', { has: owner.getByText('首问', { exact: true }) }).click();
    const picker = owner.locator('select#bio-properties-panel-shouwen-form');
    await expect.poll(() => picker.inputValue()).toBe('complaint-triage');
    expect(await picker.locator('option:checked').textContent()).toBe('「转交处理（初步分析）」的表单（complaint-triage）');
    const options = await picker.locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['<无>', '「受理投诉并记录投诉内容」的表单（complaint-register）', '「转交处理（初步分析）」的表单（complaint-triage）']));
    // no option is a bare id: each reads in Chinese
    expect(options.filter((o) => !/[\u4e00-\u9fff]/.test(o))).toEqual([]);

    // 表单 → the drawer lists the forms with the steps showing them; 编辑 opens the form editor
    await owner.getByRole('button', { name: /表\s*单/ }).click();
    // the one drawer on the page (its title changes to the form's while one is edited)
    const drawer = owner.locator('.ant-drawer');
    await drawer.getByText('本流程的表单').waitFor();
    await drawer.getByText('用于：受理投诉并记录投诉内容').waitFor();
    await drawer.getByRole('button', { name: '编辑 「受理投诉并记录投诉内容」的表单' }).click();
    const editor = owner.locator('.sw-form-editor-main');
    await editor.locator('.fjs-palette').waitFor();
    // the palette speaks Chinese; the form's own labels are as written
    await editor.locator('.fjs-palette-field-text', { hasText: '文本框' }).first().waitFor();
    await editor.locator('.fjs-form-container').getByText('客户名称').first().waitFor();
    await owner.locator('.sw-form-editor-preview .fjs-form').getByText('客户名称').first().waitFor();

    // a text field added from the palette with the keyboard lands at the end; clicked, the panel shows it
    await editor.locator('.fjs-palette-field[data-field-type="textfield"]').focus();
    await owner.keyboard.press('Enter');
    const panel = editor.locator('.fjs-editor-properties-container');
    const label = panel.locator('#bio-properties-panel-label');
    await editor.locator('.fjs-form-container .fjs-element').filter({ hasText: /^\s*Text field\s*$/ }).last().click();
    await label.waitFor({ state: 'attached' });
    // its 常规 group (the panel's groups are translated too) holds label and key
    if (!(await label.isVisible())) await panel.locator('.bio-properties-panel-group-header', { hasText: '常规' }).click();
    expect(await label.getAttribute('aria-label')).toBe('字段标签');
    await label.fill(FIELD_LABEL);
    const key = panel.locator('#bio-properties-panel-key');
    await key.fill(FIELD_KEY);
    // the preview shows the new field as the task page will
    await owner.locator('.sw-form-editor-preview .fjs-form').getByText(FIELD_LABEL).waitFor();
    await drawer.getByRole('button', { name: /返回表单列表/ }).click();
    await drawer.getByText('已修改').waitFor();
    await owner.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await owner.getByText('未部署的修改').waitFor();

    await owner.getByRole('button', { name: /部\s*署/ }).click();
    // Validated, then the deploy dialog asks for the change note.
    const dialog = owner.getByRole('dialog', { name: '部署新版本' });
    // The diagram is unchanged; the dialog says the form is what changed, and lists the field by its label.
    await dialog.getByText('表单有修改：「受理投诉并记录投诉内容」的表单。表单随新版本一起部署。').waitFor();
    const formChanges = dialog.getByRole('list', { name: '表单改动' });
    await formChanges.getByText('受理投诉并记录投诉内容的表单').waitFor();
    await formChanges.getByText(`新增字段「${FIELD_LABEL}」（文本框）`).waitFor();
    await dialog.getByRole('textbox').fill('受理投诉表单增加一个字段');
    await dialog.getByRole('button', { name: '确认部署' }).click();
    await owner.waitForURL(new RegExp(`/processes\\?key=complaint&version=${before + 1}`));
    const deployed = await (await owner.request.get(`${site.url}/api/processes/complaint/versions/${before + 1}`)).json();
    expect(deployed.forms['complaint-register'].components.map((c: { key?: string }) => c.key)).toContain(FIELD_KEY);
    const old = await (await owner.request.get(`${site.url}/api/processes/complaint/versions/${before}`)).json();
    expect(old.forms['complaint-register'].components.map((c: { key?: string }) => c.key)).not.toContain(FIELD_KEY);
    await owner.context().close();

    // an agent's new complaint: the first task's form has the field
    const page = await openConsole(site);
    await signInAs(page, 'zj.cs_agent');
    const c = await startCase(page, { process: '客户投诉管理流程', title: `表单编辑器 新字段 ${Date.now().toString(36)}`, customer: '宁波港城' });
    const form = await openTask(page, c, '受理投诉并记录投诉内容');
    await form.input(FIELD_LABEL).waitFor();
    await form.fill(FIELD_LABEL, '0574-88886666');
    await page.context().close();
  });
});
