import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSite, type Site } from './browser';

// 工作日历: an admin fills in a year the national schedule lacks, and takes a day back out.

describe('the 工作日历 page in a real browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-calendar');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('an admin sees the national holidays, sets a day of a year without a schedule, and restores it', async () => {
    const page = await signIn(site, 'admin');
    await openMenu(page, /工作日历/);
    await page.goto(`${site.url}/calendar?year=2026`);
    await page.getByRole('row', { name: /2026-10-01.*国庆节/ }).waitFor();

    await page.goto(`${site.url}/calendar?year=2097`);
    await page.getByText('国家节假日安排中还没有 2097 年的数据').waitFor();
    await page.getByLabel('日期').fill('2097-10-01');
    await page.getByLabel('日期').press('Enter');
    await page.getByLabel('备注').fill('浏览器测试');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.getByRole('row', { name: /2097-10-01.*休息日.*人工设置.*浏览器测试/ });
    await row.waitFor();
    // Who set it by name, when in China time — not the account id and a UTC date.
    await row.getByText(/^系统管理员 · \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/).waitFor();

    await row.getByRole('button', { name: /删除 2097-10-01 的人工设置/ }).click();
    await page.getByRole('button', { name: /^(OK|确\s*定)$/ }).click();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('others have no menu entry and no editing controls', async () => {
    const page = await signIn(site, 'zj.cs_manager');
    expect(await page.getByRole('menuitem', { name: /工作日历/ }).count()).toBe(0);
    await page.goto(`${site.url}/calendar?year=2026`);
    await page.getByRole('row', { name: /2026-10-01.*国庆节/ }).waitFor();
    expect(await page.getByRole('button', { name: /保\s*存/ }).count()).toBe(0);
    await page.context().close();
  });
});
