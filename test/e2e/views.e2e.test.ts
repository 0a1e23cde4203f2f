import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess } from '../../server/temporal/client';
import { DEMO_PASSWORD } from '../../programs/demo/demo-data';
import { chooseOption, optionTexts } from './antd-select';
import { apiSteps } from './api-steps';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Saved inbox views live on the server: a 客服经理's views made in one browser are there in a new
// browser context (so not localStorage), the ones this browser kept before move over once, a view
// shared with the team (浙江省服务中心 · 客服经理) shows for a teammate, who applies it but cannot
// delete it, and deleting asks first.

const prefix = `e2ev${Date.now().toString(36)}`;
const OWNER = `${prefix}.owner`;
const MATE = `${prefix}.mate`;
const TEAM = '浙江省服务中心 · 客服经理';

describe('saved inbox views in a real browser', () => {
  let site: Site;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let db: Db;
  let temporal: ReturnType<typeof createTemporalAccess>;
  const steps = apiSteps(() => app, () => db);

  beforeAll(async () => {
    site = await startSite('e2e-views');
    db = createPool(sharedStack().databaseUrl, 2);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    for (const [username, displayName] of [[OWNER, '视图 经理甲'], [MATE, '视图 经理乙']] as const) {
      await steps.post('admin', '/api/admin/users', { username, displayName, unitId: 'zj', password: DEMO_PASSWORD, roles: [{ role: 'cs_manager', unitId: 'zj' }] });
    }
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  const viewSelect = (page: Page) => page.getByLabel('已保存的视图');
  const options = (page: Page) => optionTexts(page, viewSelect(page));

  it('saves a view, finds it in a new browser, shares it with the team, and deletes it after confirming', async () => {
    // The first browser still has a view from before views lived on the server: it moves over once.
    let page = await signIn(site, OWNER);
    await page.evaluate(() => localStorage.setItem('shouwen.inbox.savedViews', JSON.stringify([{ name: '旧的我的待办', search: '?view=mine' }])));
    await page.reload();
    // The page that was open may already have moved it (its views list can finish loading after the
    // item was set, as under load in CI), so the toast is not waited for: the storage empties and the
    // view is on the server (it shows in the new browser context below).
    await expect.poll(() => page.evaluate(() => localStorage.getItem('shouwen.inbox.savedViews')), { timeout: 30_000 }).toBeNull();

    await page.goto(`${site.url}/tasks?view=group&sort=priority`);
    await page.getByRole('button', { name: '保存当前筛选为视图' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('视图名称').fill('组内按优先级');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存视图“组内按优先级”').waitFor();
    await page.context().close();

    // A new browser context: nothing in localStorage, the views come from the server.
    page = await signIn(site, OWNER);
    const shot = page;
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) onTestFailed(() => shot.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/views-failed.png` }).then(() => undefined));
    expect(await page.evaluate(() => localStorage.getItem('shouwen.inbox.savedViews'))).toBeNull();
    expect(await options(page)).toEqual(['我的视图', '旧的我的待办', '组内按优先级']);
    await chooseOption(page, viewSelect(page), '组内按优先级');
    await expect.poll(() => new URL(page.url()).search).toBe('?view=group&sort=priority');

    // Share the selected view with the team.
    // The selected view is one's own: the button changes it rather than saving another.
    await page.getByRole('button', { name: '修改此视图（名称、共享）' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('修改此视图（名称、共享）').waitFor();
    expect(await dialog.getByLabel('视图名称').inputValue()).toBe('组内按优先级');
    await chooseOption(page, dialog.getByLabel('共享给团队'), TEAM);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await options(page)).toEqual(['我的视图', '旧的我的待办', `组内按优先级 ${TEAM}`]);

    // The teammate sees it marked with the team, applies it, and may not delete it.
    const mate = await signIn(site, MATE);
    expect(await options(mate)).toEqual(['同事共享的', `组内按优先级 ${TEAM}`]);
    await chooseOption(mate, viewSelect(mate), '组内按优先级');
    await expect.poll(() => new URL(mate.url()).search).toBe('?view=group&sort=priority');
    expect(await mate.getByRole('button', { name: '删除此视图' }).isDisabled()).toBe(true);

    // The owner deletes it: asked first; cancelling keeps it.
    await page.getByRole('button', { name: '删除此视图' }).click();
    const confirm = page.getByRole('tooltip').filter({ hasText: `删除视图“组内按优先级”？${TEAM} 的同事也将看不到它。` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await options(page)).toContain(`组内按优先级 ${TEAM}`);
    await page.getByRole('button', { name: '删除此视图' }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: /删\s*除/ }).click();
    await page.getByText('已删除视图“组内按优先级”').waitFor();
    expect(await options(page)).toEqual(['我的视图', '旧的我的待办']);

    await mate.reload();
    await mate.getByRole('tab', { name: /全部可见/ }).waitFor();
    await viewSelect(mate).click();
    await mate.getByText('还没有保存的视图').waitFor();
    await mate.context().close();
    await page.context().close();
  });
});
