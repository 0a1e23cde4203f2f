import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProcessEditor } from './console-steps';
import { signIn, startSite, type Site } from './browser';
import { openMenu } from './header-menu';

// The 流程 editor as a process owner meets it in zh-CN: the title names the process, the palette,
// context pad, replace menu and properties panel speak Chinese, and only kinds the engine runs are offered.

/** Words of three or more Latin letters in the texts given, but for names of standards and attribute names (`shouwen:summary`). */
const english = (texts: string[]) =>
  texts
    .flatMap((t) => t.split(/[\s（）()]+/).filter((token) => !token.includes(':')))
    .flatMap((t) => t.match(/[A-Za-z]{3,}/g) ?? [])
    .filter((w) => !['BPMN', 'FEEL', 'JSON', 'DMN', 'CMMN', 'UTC', 'ISO', 'cron', 'Camunda'].includes(w));

const titles = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => [e.getAttribute('data-action') ?? e.getAttribute('data-id') ?? '', e.getAttribute('title') ?? e.textContent ?? ''] as const));

describe('the modeler in Chinese, offering what the engine runs', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-modeler');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('a process owner edits 客户投诉管理流程: Chinese palette, context pad, replace menu and properties panel, no unsupported kinds, problems found while drawing', async () => {
    const page = await signIn(site, 'hq.process_owner');
    await openProcessEditor(page, `${site.url}/processes/complaint/edit`);
    await page.getByRole('heading', { name: '编辑流程 客户投诉管理流程' }).waitFor();
    await page.locator('.sw-editor-canvas .djs-container').waitFor();

    // palette: a user task and a service task instead of bpmn-js's plain task, every tooltip in Chinese
    const palette = await titles(page, '.djs-palette .entry');
    const paletteIds = palette.map(([id]) => id);
    expect(paletteIds).toEqual(expect.arrayContaining(['create.start-event', 'create.user-task', 'create.service-task', 'create.exclusive-gateway']));
    expect(paletteIds).not.toContain('create.task');
    expect(english(palette.map(([, t]) => t))).toEqual([]);

    // a user task: the panel's header says 人工任务 and every group is named in Chinese
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Activity_Triage"] .djs-hit').first().click();
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').textContent()).toBe('人工任务');
    const groups = await page.locator('.bio-properties-panel-group-header-title').allTextContents();
    expect(groups).toEqual(expect.arrayContaining(['常规', '分配', '表单', '输入映射', '输出映射', '任务头']));
    expect(english(groups)).toEqual([]);
    await page.locator('.bio-properties-panel-group-header', { hasText: '分配' }).click();
    const labels = await page.locator('.bio-properties-panel-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['处理人', '候选组']));
    expect(english(labels)).toEqual([]);
    await page.screenshot({ path: process.env.EDITOR_SCREENSHOT ?? '/tmp/shouwen-editor-user-task.png' });

    // its context pad: append a user or service task, no plain task, no conditional event
    const pad = await titles(page, '.djs-context-pad .entry');
    const padIds = pad.map(([id]) => id);
    expect(padIds).toEqual(expect.arrayContaining(['append.user-task', 'append.service-task', 'append.end-event', 'replace']));
    expect(padIds).not.toContain('append.append-task');
    expect(english(pad.map(([, t]) => t))).toEqual([]);

    // its replace menu: supported task kinds only, in Chinese; only parallel multi-instance
    await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await page.locator('.djs-popup').waitFor();
    const menu = await titles(page, '.djs-popup .entry, .djs-popup-header [data-id]');
    const menuIds = menu.map(([id]) => id);
    expect(menuIds).toEqual(expect.arrayContaining(['replace-with-service-task', 'replace-with-script-task', 'replace-with-rule-task', 'replace-with-call-activity', 'replace-with-receive-task', 'toggle-parallel-mi']));
    for (const gone of ['replace-with-task', 'replace-with-send-task', 'replace-with-manual-task', 'replace-with-ad-hoc-subprocess', 'toggle-loop', 'toggle-sequential-mi']) expect(menuIds).not.toContain(gone);
    expect(english(menu.map(([, t]) => t))).toEqual([]);
    await page.keyboard.press('Escape');

    // a gateway's replace menu has no complex gateway (clicking beside the diagram first: the task's context pad covers it)
    const canvas = (await page.locator('.sw-editor-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width - 10, canvas.y + canvas.height - 10);
    await page.locator('.djs-context-pad').first().waitFor({ state: 'hidden' });
    await page.locator('.sw-editor-canvas g.djs-element.djs-shape[data-element-id^="Gateway"] .djs-hit').first().click();
    await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await page.locator('.djs-popup').waitFor();
    const gatewayIds = (await titles(page, '.djs-popup .entry, .djs-popup-header [data-id]')).map(([id]) => id);
    expect(gatewayIds).toEqual(expect.arrayContaining(['replace-with-parallel-gateway']));
    expect(gatewayIds).not.toContain('replace-with-complex-gateway');
    await page.keyboard.press('Escape');

    // drawing is checked as it happens: a user task appended to 转交处理 has no way out, and says so without 校验
    await page.mouse.click(canvas.x + canvas.width - 10, canvas.y + canvas.height - 10);
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Activity_Triage"] .djs-hit').first().click();
    expect(await page.locator('.sw-problem-item').count()).toBe(0);
    await page.locator('.djs-context-pad .entry[data-action="append.user-task"]').click();
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').textContent()).toBe('人工任务');
    await page.locator('.sw-problem-item').first().waitFor();
    expect(await page.locator('.sw-problem-item').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.locator('.sw-editor-canvas .djs-element.sw-problem').count()).toBeGreaterThan(0);
    // The new step has no name yet: it is named by its kind, never by the id bpmn-js gave it.
    const items = await page.locator('.sw-problem-item').allTextContents();
    expect(items.some((i) => i.includes('未命名的人工任务'))).toBe(true);
    expect(items.join('\n')).not.toMatch(/Activity_/);
    await page.context().close();
  });

  // Undeployed changes are not lost by a stray click: leaving the editor, by the menu or by the
  // browser's back/forward, asks first (放弃未部署的修改？) and stays on 继续编辑.
  it('leaving a changed diagram asks first: from the menu and with the browser’s forward; 继续编辑 stays, 放弃并离开 leaves', async () => {
    const page = await signIn(site, 'hq.process_owner');
    const editorPath = '/processes/complaint/edit';
    const path = () => new URL(page.url()).pathname;
    const leave = page.locator('.ant-modal', { hasText: '放弃未部署的修改？' });
    // Clicked only once it has zoomed in: on a busy machine a click aimed while it grew landed beside the button, and
    // the dialog stayed (CI 130).
    const settled = () => expect.poll(() => leave.getAttribute('class')).not.toMatch(/zoom-appear/);
    await openProcessEditor(page, `${site.url}${editorPath}`);
    // Unchanged, the editor lets go at once; back returns to it (an entry of the console's own history).
    await openMenu(page, /待办/);
    await page.getByRole('tab', { name: /全部可见/ }).waitFor();
    await page.goBack();
    await page.locator('.sw-editor-canvas .djs-container').waitFor();
    expect(path()).toBe(editorPath);
    // A change: the browser's forward (to 待办) is held until answered.
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Activity_Triage"] .djs-hit').first().click();
    await page.locator('.djs-context-pad .entry[data-action="append.user-task"]').click();
    await page.getByText('未部署的修改').first().waitFor();
    await page.goForward();
    await leave.waitFor();
    expect(path()).toBe(editorPath);
    await settled();
    await leave.getByRole('button', { name: '继续编辑' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(path()).toBe(editorPath);
    expect(await page.locator('.sw-editor-canvas .djs-container').isVisible()).toBe(true);
    // The menu asks too; 放弃并离开 goes where it was sent.
    await openMenu(page, /待办/);
    await leave.waitFor();
    expect(path()).toBe(editorPath);
    await settled();
    await leave.getByRole('button', { name: '放弃并离开' }).click();
    await page.getByRole('tab', { name: /全部可见/ }).waitFor();
    expect(path()).toBe('/tasks');
    await page.context().close();
  });

  /** The complaint's 受理投诉 step selected in the editor, its 首问任务设置 group open. */
  async function triageSettings() {
    const page = await signIn(site, 'hq.process_owner');
    await openProcessEditor(page, `${site.url}/processes/complaint/edit`);
    await page.locator('.sw-editor-canvas .djs-container').waitFor();
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Activity_Triage"] .djs-hit').first().click();
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').textContent()).toBe('人工任务');
    await page.locator('.bio-properties-panel-group-header', { hasText: '首问任务设置' }).click();
    const group = page.locator('.bio-properties-panel-group', { has: page.locator('.bio-properties-panel-group-header', { hasText: '首问任务设置' }) });
    return { page, group };
  }

  // Issue 18 item 2: Shouwen's own settings of a user task, in Chinese, checked as typed.
  it('首问任务设置: the candidate role from the org roles, N 个工作日 refused when not a whole number, a service task\'s type from the shipped list', async () => {
    const { page, group } = await triageSettings();
    const due = group.getByLabel('期限（N 个工作日，shouwen:dueWorkingDays）');
    await due.fill('0');
    await group.getByText('期限须为大于 0 的整数（个工作日），如 3').waitFor();
    await due.fill('5');
    await group.getByText('期限须为大于 0 的整数（个工作日），如 3').waitFor({ state: 'detached' });
    await group.getByLabel('结果按钮（shouwen:outcomes）').fill('approve,同意');
    await group.getByText(/“同意”不是有效的结果标识/).waitFor();
    // The role chosen is what the Camunda 分配 group's 候选组 now holds.
    await group.getByLabel('候选角色（zeebe:candidateGroups）').selectOption({ label: '总经理（general_manager）' });
    await page.locator('.bio-properties-panel-group-header', { hasText: '分配' }).click();
    const assignment = page.locator('.bio-properties-panel-group', { has: page.locator('.bio-properties-panel-group-header', { hasText: '分配' }) });
    await expect.poll(() => assignment.getByLabel('候选组').inputValue()).toBe('general_manager');
    // A service task's type is chosen by what it does, from the types the worker ships.
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Activity_ArchiveExplained"] .djs-hit').first().click();
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').textContent()).toBe('服务任务');
    if (!(await group.getByLabel('服务类型（zeebe:taskDefinition type）').isVisible())) await page.locator('.bio-properties-panel-group-header', { hasText: '首问任务设置' }).click();
    const serviceType = group.getByLabel('服务类型（zeebe:taskDefinition type）');
    await expect.poll(() => serviceType.inputValue()).toBe('archive');
    await serviceType.selectOption({ label: '发送通知（notify）' });
    await page.locator('.bio-properties-panel-group-header', { hasText: '任务定义' }).click();
    const definition = page.locator('.bio-properties-panel-group', { has: page.locator('.bio-properties-panel-group-header', { hasText: '任务定义' }) });
    await expect.poll(() => definition.getByRole('textbox').first().inputValue()).toBe('notify');
    await page.context().close();
  });

  // Issue 18 items 2–4: FEEL checked as typed, the assignee picked by name, lint while drawing.
  it('首问任务设置: a broken FEEL candidate department is said in Chinese, the assignee is picked by name, a step naming nobody and a disconnected one are named under 绘图检查', async () => {
    const { page, group } = await triageSettings();
    const department = group.getByLabel('候选部门（shouwen:candidateDepartment）');
    await department.fill('=responsibleDepartment +');
    await group.getByText(/FEEL 表达式不完整/).waitFor();
    await department.fill('=responsibleDepartment');
    await group.getByText(/FEEL 表达式不完整/).waitFor({ state: 'detached' });
    // People by name, with unit and roles; the id is what the diagram holds.
    const assignee = group.getByLabel('办理人（zeebe:assignee）');
    await expect.poll(() => assignee.locator('option').count()).toBeGreaterThan(2);
    await assignee.selectOption('zj.cs_manager');
    expect(await assignee.locator('option:checked').textContent()).toMatch(/[\u4e00-\u9fff]+（zj · .*客服经理.*）/);
    // A step appended to 转交处理 names nobody, and once its incoming flow is deleted it hangs loose:
    // both are named under 绘图检查 as they happen, without the server.
    const canvas = (await page.locator('.sw-editor-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width - 10, canvas.y + canvas.height - 10);
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Activity_Triage"] .djs-hit').first().click();
    await page.locator('.djs-context-pad .entry[data-action="append.user-task"]').click();
    const lint = page.getByRole('list', { name: '绘图检查' });
    await lint.getByText(/^未命名的人工任务未指定候选角色或办理人/).waitFor();
    expect(await lint.textContent()).not.toMatch(/Activity_/);
    await page.locator('.sw-editor-canvas g.djs-connection .djs-hit').last().click({ force: true });
    await page.locator('.djs-context-pad .entry[data-action="delete"]').click();
    await lint.getByText(/没有连接任何顺序流/).waitFor();
    await page.context().close();
  });

  // The Camunda panel's own FEEL fields: a broken condition is said in Chinese under the field once applied.
  it('a broken condition on a gateway\'s flow is said in Chinese under 条件表达式', async () => {
    const page = await signIn(site, 'hq.process_owner');
    await openProcessEditor(page, `${site.url}/processes/complaint/edit`);
    await page.locator('.sw-editor-canvas .djs-container').waitFor();
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Flow_NotValid"] .djs-hit').first().click({ force: true });
    const entry = page.locator('[data-entry-id="conditionExpression"]');
    if (!(await entry.isVisible())) await page.locator('.bio-properties-panel-group-header', { has: page.locator('.bio-properties-panel-group-header-title', { hasText: /^条件$/ }) }).click();
    await entry.locator('.cm-content').fill('valid = false and');
    await expect.poll(() => entry.locator('.bio-properties-panel-error').textContent(), { timeout: 10_000 }).toMatch(/^FEEL 表达式(不完整|有语法错误)/);
    await entry.locator('.cm-content').fill('valid = false');
    await entry.locator('.bio-properties-panel-error').waitFor({ state: 'detached' });
    await page.context().close();
  });

  // Issue 18 §4, "a refresh loses nothing": a process never deployed has no server draft, so 新建流程
  // keeps its work in the browser until it is deployed or discarded.
  it('新建流程: what is drawn survives a reload, and 放弃草稿 starts a blank one', async () => {
    const page = await signIn(site, 'js.process_owner');
    page.on('dialog', (d) => void d.accept()); // the leave-warning of a changed diagram
    const canvas = page.locator('.sw-editor-canvas .djs-container');
    const tasks = page.locator('.sw-editor-canvas g.djs-element.djs-shape[data-element-id^="Activity_"]');
    await page.goto(`${site.url}/processes/new`);
    await canvas.waitFor();
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="StartEvent_1"] .djs-hit').first().click();
    await page.locator('.djs-context-pad .entry[data-action="append.user-task"]').click();
    await tasks.first().waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('shouwen.newProcessDraft.js.process_owner') ?? ''), { timeout: 20_000 }).toContain('userTask');

    await page.reload();
    await page.getByText('有一份尚未部署的新流程草稿').waitFor();
    await page.getByRole('button', { name: /继续编辑草稿/ }).click();
    await canvas.waitFor();
    await tasks.first().waitFor();
    expect(await tasks.count()).toBe(1);

    await page.reload();
    await page.getByRole('button', { name: /放弃草稿/ }).click();
    await canvas.waitFor();
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="StartEvent_1"]').first().waitFor();
    expect(await tasks.count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('shouwen.newProcessDraft.js.process_owner'))).toBeNull();
    await page.context().close();
  });
});
