import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSite, type Site } from './browser';

// Deploying safely (issue 18 §4–5) as a process owner meets it: an edit is kept as a draft on the
// server (a reload offers it back), 部署 validates and shows the diff against the deployed version
// by element name, a change note is required, and the versions list shows it.

const source = readFileSync(new URL('../../bpmn/processes/demo-approval.bpmn', import.meta.url), 'utf8');

describe('diff before deploy, change note, versions', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-deploy-diff');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('a process owner renames a step, sees it listed as changed, deploys with a note and finds the note among the versions', async () => {
    const page = await signIn(site, 'hq.process_owner');
    // A process of this test's own (the database is shared with the other browser tests).
    const key = `e2e-diff-${Date.now().toString(36)}`;
    const xml = source.replaceAll('"demo-approval"', `"${key}"`).replace('name="简单审批"', 'name="差异测试审批"');
    const deployed = await page.request.post(`${site.url}/api/processes`, { data: { xml, changeNote: '第一版' }, headers: { 'x-shouwen-request': '1' } });
    expect(deployed.status(), await deployed.text()).toBe(201);

    await page.goto(`${site.url}/processes/${key}/edit`);
    await page.getByRole('heading', { name: '编辑流程 差异测试审批' }).waitFor();
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Approve"] .djs-hit').first().click();
    const name = page.locator('#bio-properties-panel-name');
    const general = page.locator('.bio-properties-panel-group-header', { hasText: '常规' });
    if (!(await name.isVisible())) await general.click();
    await name.fill('总经理审批');
    await page.getByText('草稿已保存').waitFor();

    // A reload loses nothing: the draft is offered back.
    await page.reload();
    await page.getByRole('button', { name: '继续编辑草稿' }).click();
    await page.locator('.sw-editor-canvas g.djs-element[data-element-id="Approve"] .djs-hit').first().click();
    if (!(await name.isVisible())) await general.click();
    await expect.poll(() => name.inputValue()).toBe('总经理审批');

    await page.getByRole('button', { name: '部署' }).click();
    const dialog = page.getByRole('dialog', { name: '部署新版本' });
    await dialog.getByText('与已部署的最新版本 v1 对比').waitFor();
    const changes = dialog.getByRole('list', { name: '改动列表' });
    await changes.getByText('人工任务「总经理审批」').waitFor();
    expect(await changes.textContent()).toContain('名称：客服经理审批 → 总经理审批');
    expect(await changes.textContent()).not.toContain('Approve');
    expect(await dialog.locator('.djs-element.sw-diff-changed[data-element-id="Approve"]').count()).toBeGreaterThan(0);
    await dialog.getByText('没有运行中的案例').waitFor();

    // The note is required.
    await dialog.getByRole('button', { name: '确认部署' }).click();
    await dialog.getByText('请填写变更说明').waitFor();
    await dialog.getByRole('textbox').fill('审批人改为总经理');
    await dialog.getByRole('button', { name: '确认部署' }).click();

    await page.waitForURL(/\/processes\?key=.*&version=2/);
    const versions = page.getByRole('list', { name: '差异测试审批 的版本' });
    await versions.getByText('变更说明：审批人改为总经理').waitFor();
    // The draft went with the deploy: opening the editor again starts from v2, no draft offered.
    const draft = await page.request.get(`${site.url}/api/processes/${key}/draft`);
    expect(await draft.json()).toEqual({ draft: null });

    // Any two versions compared with the same diff.
    await page.getByRole('button', { name: /^比\s?较$/ }).click();
    await page.getByRole('list', { name: '改动列表' }).getByText('名称：客服经理审批 → 总经理审批').waitFor();
    await page.context().close();
  });

  it('a process deployed without a name reads 未命名流程 with its key as the hint, in the list, its versions and the editor, never by the key alone', async () => {
    const page = await signIn(site, 'hq.process_owner');
    const key = `e2e-unnamed-${Date.now().toString(36)}`;
    const xml = source.replaceAll('"demo-approval"', `"${key}"`).replace(' name="简单审批"', '');
    const deployed = await page.request.post(`${site.url}/api/processes`, { data: { xml, changeNote: '没有名称的流程' }, headers: { 'x-shouwen-request': '1' } });
    expect(deployed.status(), await deployed.text()).toBe(201);

    await page.goto(`${site.url}/processes?key=${key}`);
    const unnamed = `未命名流程（${key}）`;
    await page.getByRole('list', { name: `${unnamed} 的版本` }).waitFor();
    await page.getByText(`${unnamed} v1`, { exact: true }).waitFor();
    await page.goto(`${site.url}/processes/${key}/edit`);
    await page.getByRole('heading', { name: `编辑流程 ${unnamed}` }).waitFor();
    await page.context().close();
  });
});
