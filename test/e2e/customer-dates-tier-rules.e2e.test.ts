import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { signIn, startSite, type Site } from './browser';

// Issue 15: a customer's 重要日期 are kept on 客户 360 (the greetings run reads them), and the
// 客户分类标准's effects are changed on their own screen with a note, by the head office's 客服经理
// only; both through the console as their users would.

const stamp = Date.now().toString(36);
const LABEL = `董事长生日 ${stamp}`;

describe('客户 360 重要日期 and the 客户分类标准 screen', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-dates-tier-rules');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('an agent adds a birthday (a day that does not exist refused in the dialog), changes and removes it; the history names it', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) onTestFailed(() => page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/customer-dates-failed.png`, fullPage: true }).then(() => undefined));
    await page.goto(`${site.url}/customers/C0002`);
    await page.getByText('重要日期（生日 / 节日 / 纪念日）').waitFor();
    await page.getByRole('button', { name: /添加日期/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('说明').fill(LABEL);
    await dialog.getByLabel('月', { exact: true }).fill('2');
    await dialog.getByLabel('日', { exact: true }).fill('30');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('2 月没有 30 日。').waitFor();
    await dialog.getByLabel('日', { exact: true }).fill('28');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('row', { name: new RegExp(LABEL) });
    await row.getByText('2 月 28 日').waitFor();
    await row.getByText('生日', { exact: true }).waitFor();
    await row.getByRole('button', { name: /修\s*改/ }).click();
    const change = page.getByRole('dialog');
    await change.getByLabel('年份（可选）').fill('1968');
    await change.getByRole('button', { name: /保\s*存/ }).click();
    await change.waitFor({ state: 'detached' });
    await row.getByText('2 月 28 日（1968）').waitFor();
    await page.getByText(`重要日期：生日 02-28 ${LABEL} → 生日 02-28 ${LABEL} (1968)`).waitFor();

    await row.getByRole('button', { name: /删\s*除/ }).click();
    // Only once the popconfirm has finished appearing: a click during its entrance can be lost
    // under load (the row then stays; seen with two browser files at once).
    await page.locator('.ant-popover:not(.ant-popover-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])').getByRole('button', { name: /删\s*除/ }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText(`重要日期：生日 02-28 ${LABEL} (1968) → —`).waitFor();
  });

  it('an agent reads the standard but may not change it; the head office manager changes a limit with a note, kept old → new', async () => {
    const agent = await signIn(site, 'zj.cs_agent');
    await agent.goto(`${site.url}/customers/roster`);
    await agent.getByRole('link', { name: /查看变更记录/ }).click();
    await agent.getByText('只有总部客服经理和管理员可以修改客户分类标准。').waitFor();
    await agent.getByRole('row', { name: /C · 普通客户/ }).waitFor();
    expect(await agent.getByRole('button', { name: /修\s*改/ }).count()).toBe(0);

    const manager = await signIn(site, 'hq.cs_manager');
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) onTestFailed(() => manager.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/tier-rules-failed.png`, fullPage: true }).then(() => undefined));
    await manager.goto(`${site.url}/customers/tier-rules`);
    const setComplaintDays = async (days: string, note: string) => {
      await manager.getByRole('row', { name: /C · 普通客户/ }).getByRole('button', { name: /修\s*改/ }).click();
      const dialog = manager.getByRole('dialog');
      await dialog.getByLabel('投诉转交时限').fill(days);
      await dialog.getByLabel('修改说明').fill(note);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await manager.getByRole('row', { name: new RegExp(note) }).waitFor();
    };
    const note = `C 类投诉量下降，转交放宽 ${stamp}`;
    await setComplaintDays('4', note);
    await manager.getByRole('row', { name: /C · 普通客户/ }).getByText('4 个工作日').waitFor();
    const entry = manager.getByRole('row', { name: new RegExp(note) });
    expect(await entry.textContent()).toMatch(/投诉转交 3 天 → .*投诉转交 4 天/);
    // Other test files share the database: the standard goes back, and that is recorded too.
    await setComplaintDays('3', `恢复 ${stamp}`);
  });
});
