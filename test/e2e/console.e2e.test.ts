import { openMenu } from './header-menu';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from './antd-select';
import { signIn, startSite, type Site } from './browser';
import { waitRefreshing } from './console-steps';

// The console beyond the inbox: a process owner deploys a diagram from the editor, an agent starts a case of it.

describe('the 流程 and 案例 pages in a real browser', () => {
  let site: Site;
  const key = `e2e-console-${Date.now().toString(36)}`;
  let bpmnFile: string;

  beforeAll(async () => {
    site = await startSite('e2e-console');
    // The shipped demo approval under a fresh process id, as a .bpmn file to import.
    const demo = await readFile(new URL('../../bpmn/processes/demo-approval.bpmn', import.meta.url), 'utf8');
    const xml = demo.replace('id="demo-approval" name="简单审批"', `id="${key}" name="浏览器测试流程"`).replace('bpmnElement="demo-approval"', `bpmnElement="${key}"`);
    expect(xml).toContain(`id="${key}"`);
    bpmnFile = join(await mkdtemp(join(tmpdir(), 'shouwen-bpmn-')), `${key}.bpmn`);
    await writeFile(bpmnFile, xml);
  });
  afterAll(async () => {
    await site?.close();
  });

  it('a process owner imports a diagram in the editor, validates and deploys it, and sees the new version', async () => {
    const page = await signIn(site, 'hq.process_owner');
    await openMenu(page, /流程/);
    await page.getByRole('button', { name: /新建流程/ }).click();
    await page.waitForURL(/\/processes\/new/);
    await page.locator('.sw-editor-canvas .djs-container').waitFor();
    // The blank diagram has a problem; it is listed beside the canvas and marked on it.
    await page.getByRole('button', { name: /校验/ }).click();
    await page.locator('.sw-problem-item').first().waitFor();
    expect(await page.locator('.sw-editor-canvas .djs-element.sw-problem').count()).toBeGreaterThan(0);
    await page.locator('input[type=file]').setInputFiles(bpmnFile);
    // Imported: the blank diagram's problems are gone and its task is on the canvas.
    await page.locator('.sw-problem-item').first().waitFor({ state: 'detached' });
    const task = page.locator('.sw-editor-canvas').getByText('客服经理审批').first();
    await task.waitFor();
    // The 首问 group of the properties panel shows the task's decision summary and edits it.
    const select = (id: string) => page.locator(`.sw-editor-canvas g.djs-element[data-element-id="${id}"] .djs-hit`).first().click();
    await select('Approve');
    await page.locator('.bio-properties-panel-group-header', { has: page.getByText('首问', { exact: true }) }).click();
    const summary = page.locator('#bio-properties-panel-shouwen-summary');
    await expect.poll(() => summary.inputValue()).toBe('amount:申请金额');
    await summary.fill('amount:申请金额,reason');
    await select('Start');
    await select('Approve');
    const group = page.locator('.bio-properties-panel-group-header', { has: page.getByText('首问', { exact: true }) });
    if (!(await summary.isVisible())) await group.click();
    await expect.poll(() => summary.inputValue()).toBe('amount:申请金额,reason');
    await page.getByRole('button', { name: /部署/ }).click();
    // Validated, then the deploy dialog: a first version has nothing to compare; the change note is asked for.
    const dialog = page.getByRole('dialog', { name: '部署新版本' });
    await dialog.getByText('这是此流程的第一个版本').waitFor();
    await dialog.getByRole('textbox').fill('浏览器测试的第一个版本');
    await dialog.getByRole('button', { name: '确认部署' }).click();
    await page.waitForURL(new RegExp(`/processes\\?key=${key}&version=1`));
    // Listed by its name; the id is only a hover hint.
    await page.getByRole('row', { name: /浏览器测试流程/ }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(key) }).count()).toBe(0);
    await page.getByRole('img', { name: /浏览器测试流程 v1/ }).waitFor();
    const res = await page.request.get(`${site.url}/api/processes/${key}/versions`);
    expect((await res.json()).items).toHaveLength(1);
    const deployed = await (await page.request.get(`${site.url}/api/processes/${key}/versions/1`)).json();
    expect(deployed.model.elements.Approve.summary).toEqual([{ variable: 'amount', label: '申请金额' }, { variable: 'reason' }]);
    await page.context().close();
  });

  it('someone without the role sees the processes read-only', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    await page.goto(`${site.url}/processes`);
    await page.getByRole('row', { name: /简单审批/ }).first().waitFor();
    expect(await page.getByRole('button', { name: /新建流程|编辑/ }).count()).toBe(0);
    await page.goto(`${site.url}/processes/new`);
    await page.getByText('只有流程负责人可以编辑和部署流程').waitFor();
    await page.context().close();
  });

  it('an agent starts a case of it from 新建 and sees it on the case page and under 我负责的', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    await openMenu(page, /案例/);
    await page.getByRole('button', { name: /新建/ }).click();
    await page.getByRole('dialog').waitFor();
    // The dialog's 流程, not the list's 按流程筛选 behind it.
    await chooseOption(page, page.getByRole('dialog').getByRole('combobox', { name: '流程' }), '浏览器测试流程', { search: key });
    // A customer choice reads its number and its service centre by name, not the centre's unit id.
    await page.getByRole('dialog').getByRole('combobox', { name: /客户/ }).fill('宁波港城');
    const customer = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '宁波港城' }).first();
    await expect.poll(() => customer.innerText()).toContain('C0002 · 浙江省服务中心');
    expect(await customer.innerText()).not.toMatch(/· zj\b/);
    await page.getByRole('dialog').getByRole('combobox', { name: /客户/ }).fill('');
    await page.getByLabel('标题').fill('浏览器测试 新建案例');
    await page.getByRole('button', { name: /添加变量/ }).click();
    await page.getByLabel('第 1 个变量的名称').fill('amount');
    await page.getByLabel('第 1 个变量的值').fill('300');
    await page.getByRole('button', { name: /发\s*起/ }).click();
    await page.waitForURL(/\/cases\/.+/);
    expect(decodeURIComponent(page.url())).toContain(`/cases/${key}/`);
    await page.getByRole('heading', { name: '浏览器测试 新建案例' }).waitFor();
    // The initiator by name, not by user id (issue 12).
    await page.getByText(/浙江省服务中心 客服人员 发起了案例/).waitFor();
    // The first task shows up as an open task with a link to the task page.
    await waitRefreshing(page, page.getByRole('link', { name: '客服经理审批' }));
    // Without a reload, the history names the version and the step (issue 12 §5: not "v?", not a task id).
    const history = page.locator('.ant-card').filter({ has: page.getByText(/^处理记录/) }).last();
    await expect.poll(() => history.innerText(), { timeout: 20_000 }).toMatch(/生成任务“客服经理审批”/);
    expect(await history.innerText()).toMatch(/发起了案例（版本 v\d+）/);
    expect(await history.innerText()).not.toContain(`${key}/`);
    await page.goto(`${site.url}/cases?owner=me`);
    await page.getByRole('cell', { name: '浏览器测试 新建案例' }).waitFor();
    await page.context().close();
  });
});
