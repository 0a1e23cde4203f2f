import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { signIn, startSite, type Site } from './browser';

// 客户名册 (issue 15, 客户关系维护): the roster lists customers by tier with the 客户分类标准, and a
// secret customer shows only its number, tier and level to an agent, in full to the manager.

describe('客户名册: customers by tier, masked by level', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-roster');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('an agent opens the roster from 客户, filters tier A, sees the secret customer masked; the manager reads its name', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) onTestFailed(() => page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/roster-failed.png`, fullPage: true }).then(() => undefined));
    await openMenu(page, /客户/);
    await page.getByRole('link', { name: /客户名册/ }).click();
    await page.getByText('客户分类标准', { exact: true }).waitFor();
    await page.getByText('A · 重点客户').waitFor();
    await page.getByText(/回访覆盖 100%/).first().waitFor();

    await page.getByText('A 类', { exact: true }).click();
    // C0001 杭州西湖电子 is 秘密: the agent sees its number and tier, not its name or phone.
    const secretRow = page.getByRole('row', { name: /C0001/ });
    await secretRow.getByText('（保密客户）').waitFor();
    expect(await secretRow.textContent()).not.toContain('杭州西湖电子');
    expect(await secretRow.textContent()).not.toContain('8888 1234');
    // A 类 only: the B customer of 浙江 is not listed.
    await page.getByRole('row', { name: /C0003/ }).waitFor();
    expect(await page.getByRole('row', { name: /C0002/ }).count()).toBe(0);
    // The export links carry the filter.
    expect(await page.getByRole('link', { name: /CSV/ }).getAttribute('href')).toContain('tier=A');

    const manager = await signIn(site, 'zj.cs_manager');
    await manager.goto(`${site.url}/customers/roster`);
    await manager.getByRole('row', { name: /C0001/ }).getByText('杭州西湖电子有限公司').waitFor();
  });
});
