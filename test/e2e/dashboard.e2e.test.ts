import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { seedDashboardHistory, type DashboardHistory } from '../dashboard-history';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

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
    db = createPool(sharedStack().databaseUrl, 2);
    h = await seedDashboardHistory(db, `e${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await site?.close();
    await db?.end();
  });

  it('a manager reads their tasks, SLA and backlog, and opens a task from the list', async () => {
    const page = await signIn(site, h.managerA);
    await page.waitForURL(/\/tasks$/);
    await openMenu(page, /首页/);
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

describe('process analytics on the diagram in a real browser', () => {
  let site: Site;
  let db: Db;
  let h: DashboardHistory;
  beforeAll(async () => {
    site = await startSite('e2e-analytics');
    db = createPool(sharedStack().databaseUrl, 2);
    h = await seedDashboardHistory(db, `h${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await site?.close();
    await db?.end();
  });

  it('an auditor turns on 流程分析: the steps are coloured by time, carry their figures, and a click lists the cases', async () => {
    const page = await signIn(site, 'hq.auditor');
    await page.goto(`${site.url}/processes?key=${encodeURIComponent(h.key)}&version=1`);
    await page.locator('.djs-element[data-element-id="review"]').waitFor();
    await page.getByRole('switch', { name: '流程分析' }).click();
    // 复核 (48 h) is the slowest step: level 4; 审核 (25.33 h) level 3.
    await page.locator('.djs-element.sw-heat-4[data-element-id="recheck"]').waitFor();
    await page.locator('.djs-element.sw-heat-3[data-element-id="review"]').waitFor();
    expect(await page.locator('.sw-heat-badge[data-element="review"]').textContent()).toBe('1 个 · 均 25.33 时');
    const row = page.getByRole('row', { name: /审核/ });
    expect((await row.locator('td').allTextContents()).slice(1)).toEqual(['1', '0', '3', '25.33', '36.8']);

    await page.locator('.djs-element[data-element-id="review"]').click();
    const list = page.getByRole('region', { name: '经过“审核”的案例' });
    await list.getByRole('link', { name: h.secretTitle }).waitFor();
    await list.getByRole('link', { name: '首页 k2' }).click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/cases/${h.cases.k2}`);
    await page.context().close();
  });

  it('a process owner not cleared for the secret customer sees its case masked; an agent gets no 流程分析 switch', async () => {
    const owner = await signIn(site, h.ownerA);
    await owner.goto(`${site.url}/processes?key=${encodeURIComponent(h.key)}&version=1`);
    await owner.getByRole('switch', { name: '流程分析' }).click();
    await owner.getByRole('row', { name: /审核/ }).click();
    await owner.getByRole('region', { name: '经过“审核”的案例' }).getByRole('link', { name: '（保密客户的案例）' }).waitFor();
    expect(await owner.getByText(h.secretTitle).count()).toBe(0);
    await owner.context().close();

    const agent = await signIn(site, 'zj.cs_agent');
    await agent.goto(`${site.url}/processes?key=${encodeURIComponent(h.key)}&version=1`);
    await agent.locator('.djs-element[data-element-id="review"]').waitFor();
    expect(await agent.getByRole('switch', { name: '流程分析' }).count()).toBe(0);
    await agent.context().close();
  });
});

describe('the auditor’s playback in a real browser', () => {
  let site: Site;
  let db: Db;
  let h: DashboardHistory;
  beforeAll(async () => {
    site = await startSite('e2e-playback');
    db = createPool(sharedStack().databaseUrl, 2);
    h = await seedDashboardHistory(db, `p${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await site?.close();
    await db?.end();
  });

  it('steps forward, back and by the slider through the trail: the step lit, who, what, outcome and comment', async () => {
    const page = await signIn(site, 'hq.auditor');
    await page.goto(`${site.url}/audit?case=${encodeURIComponent(h.cases.k2)}`);
    const playback = page.getByTestId('audit-playback');
    // k2's trail: its old escalation, then started, 审核 opened and approved, 复核 opened and completed, ended.
    await playback.getByText('第 1 条 / 共 7 条').waitFor();
    const lit = (id: string) => playback.locator(`.djs-element.sw-current[data-element-id="${id}"]`);
    const forward = playback.getByRole('button', { name: '下一条' });
    await forward.click();
    await forward.click();
    await lit('review').waitFor();
    await forward.click();
    await playback.getByText('第 4 条 / 共 7 条').waitFor();
    const entry = playback.locator('.ant-descriptions');
    await entry.getByText('网点甲经理').first().waitFor();
    await entry.getByText('材料齐全，同意').waitFor();
    expect(await playback.locator('.sw-count-badge').first().textContent()).toBe('1');
    await forward.click();
    await lit('recheck').waitFor();
    await playback.getByRole('button', { name: '上一条' }).click();
    await lit('review').waitFor();
    // Scrub to the end with the keyboard: the case ended, nothing waits.
    await playback.getByRole('slider').focus();
    await page.keyboard.press('End');
    await playback.getByText('第 7 条 / 共 7 条').waitFor();
    expect(await playback.locator('.djs-element.sw-active').count()).toBe(0);
    await page.context().close();
  });
});
