import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { seedDashboardHistory, type DashboardHistory } from '../dashboard-history';
import { signIn, startSite, type Site } from './browser';

// 首页 in a real browser: a manager of an outlet opens 首页 from the menu and reads their tasks
// (counts, next steps by name, a secret customer's case masked), their units' SLA and backlog by
// unit name, and follows a task to its page; an auditor reads the recent exceptions; a process
// owner the versions and their cases. Signing in still lands on the inbox.

const statistic = async (card: ReturnType<Awaited<ReturnType<typeof signIn>>['getByTestId']>, title: string) =>
  (await card.locator('.ant-statistic', { hasText: title }).locator('.ant-statistic-content').textContent())?.trim();

describe('the 首页 in a real browser', () => {
  let site: Site;
  let db: Db;
  let h: DashboardHistory;
  beforeAll(async () => {
    site = await startSite('e2e-dashboard');
    db = createPool(inject('databaseUrl'), 2);
    h = await seedDashboardHistory(db, `e${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await site?.close();
    await db?.end();
  });

  it('a manager reads their tasks, SLA and backlog, and opens a task from the list', async () => {
    const page = await signIn(site, h.managerA);
    await page.waitForURL(/\/tasks$/);
    await page.getByRole('menuitem', { name: /首页/ }).click();
    const mine = page.getByTestId('home-approver');
    await mine.getByText('接下来要处理').waitFor();
    expect(await statistic(mine, '待处理')).toBe('4');
    expect(await statistic(mine, '即将到期')).toBe('1');
    expect(await statistic(mine, '已超时')).toBe('1');
    // The secret customer's case is masked for this manager; units by name, never by id.
    await mine.getByText(/（保密客户的案例） · 首页测试流程 · 西湖网点/).waitFor();
    expect(await page.getByText(h.secretTitle).count()).toBe(0);

    const manager = page.getByTestId('home-manager');
    expect(await statistic(manager, '已完成')).toBe('3');
    expect(await statistic(manager, '按时率')).toBe('33.3%');
    const backlog = manager.getByRole('row', { name: /西湖网点/ });
    expect((await backlog.locator('td').allTextContents()).slice(1)).toEqual(['5', '1', '0']);
    await manager.getByText('首页测试流程 · 审核 · 西湖网点').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(h.unitA);

    await mine.getByRole('link', { name: '复核' }).click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/tasks/${h.tasks.o3}`);
    await page.context().close();
  });

  it('an auditor reads the recent escalations and incidents; a process owner the versions and their cases', async () => {
    const auditor = await signIn(site, 'hq.auditor');
    await auditor.goto(`${site.url}/home`);
    const exceptions = auditor.getByTestId('home-auditor');
    await exceptions.getByRole('link', { name: h.secretTitle }).waitFor();
    expect(await auditor.getByTestId('home-approver').count()).toBe(0);
    await auditor.context().close();

    const owner = await signIn(site, h.ownerA);
    await owner.goto(`${site.url}/home`);
    const versions = owner.getByTestId('home-owner');
    // v2: k3 running (k4 is in another unit's outlet); v1: k1 running, k2 ended.
    const v2 = versions.getByRole('row', { name: /首页测试流程\s*v2/ });
    await v2.waitFor();
    const cells = await v2.locator('td').allTextContents();
    expect([cells[1], cells[3], cells[4]]).toEqual(['v2', '1', '0']);
    await owner.context().close();
  });
});
