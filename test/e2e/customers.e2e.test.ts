import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { chooseOption } from './antd-select';
import { signIn, startSite, type Site } from './browser';

// Issue 14: an agent registers a new customer and a purchase in the console, as a new user
// would, and finds both on the customer's page (客户 360) — the purchase in warranty, with the
// after-sales follow-up case it started listed among the customer's cases.

const stamp = Date.now().toString(36);
const NAME = `浏览器新客户 ${stamp}`;
const INVOICE = `FP-E2E-${stamp}`;

describe('客户: create a customer, enter a purchase, see both on the customer page', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-customers');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('an agent creates a customer and a purchase; the 360 page shows the card, the purchase and its follow-up case', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) onTestFailed(() => page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/customers-failed.png`, fullPage: true }).then(() => undefined));
    await openMenu(page, /客户/);
    await page.getByRole('button', { name: /新建客户/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('客户名称').fill(NAME);
    await dialog.getByLabel('联系人').fill('孙八');
    await dialog.getByLabel('电话').fill('0571-66667777');
    await dialog.getByLabel('地区').fill('浙江 杭州');
    await chooseOption(page, dialog.getByLabel('客户来源'), '展会');
    // The level is not a field here: the dialog says who sets it.
    await dialog.getByText('秘密等级只能通过“客户信息管理流程”确定').waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });

    // The new customer's page: its number, name, level and 未评定 grade.
    const card = page.getByTestId('customer-card');
    await card.getByText(NAME).waitFor();
    await card.getByText(/^KH-\d{4}-\d{2}-\d{6}$/).waitFor();
    await card.getByText('内部').waitFor();
    await card.getByText(/信用等级：未评定/).waitFor();
    await card.getByText('0571-66667777').waitFor();
    await page.getByText('暂无购买记录').waitFor();

    await page.getByRole('button', { name: /登记购买/ }).click();
    const buy = page.getByRole('dialog');
    await chooseOption(page, buy.getByLabel('产品'), '净水器（WP-10）');
    await buy.getByLabel('购买日期').fill('2026-11-20');
    await buy.getByLabel('购买日期').press('Enter');
    await buy.getByLabel('发票号').fill(INVOICE);
    await buy.getByLabel('金额（元）', { exact: true }).fill('2680');
    await buy.getByLabel('已付金额（元）').fill('1000');
    await buy.getByRole('button', { name: /保\s*存/ }).click();
    await buy.waitFor({ state: 'detached' });

    const purchases = page.getByTestId('customer-purchases');
    const row = purchases.getByRole('row', { name: new RegExp(`GM-\\d{4}-\\d{2}-\\d{6}.*净水器.*2026-11-20.*${INVOICE}.*保修期内.*部分付款`) });
    await row.waitFor();
    // The follow-up case the purchase started, on the same page under the customer's cases.
    await page.getByTestId('customer-cases').getByRole('row', { name: new RegExp(`${NAME} 净水器 售后跟踪.*售后客户跟踪服务流程`) }).waitFor();
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/customer-360.png`, fullPage: true });

    // And the customer is found in the list by name.
    await openMenu(page, /客户/);
    await page.getByLabel('搜索客户编号、名称、联系人或电话').fill(stamp);
    await page.getByRole('row', { name: new RegExp(`KH-.*${NAME}.*孙八`) }).waitFor();
  });

  it('the catalog shows products and fees; a purchases file with a bad row is refused with the row named, in Chinese', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    await openMenu(page, /客户/);
    await page.getByRole('link', { name: /产品与收费标准/ }).click();
    await page.getByRole('row', { name: /P-WP-10.*净水器.*WP-10/ }).waitFor();
    // An agent reads the catalog but does not maintain it.
    expect(await page.getByRole('button', { name: /新增产品/ }).count()).toBe(0);
    await page.getByRole('tab', { name: '购买记录' }).click();
    const panel = page.getByTestId('import-purchases');
    await panel.getByRole('link', { name: /下载模板（Excel）/ }).waitFor();
    const csv = ['客户编号,产品编号,购买日期,发票号,保修卡号,数量,金额(元),已付金额(元),付款到期日', `C0002,NO-SUCH,2026-11-01,FP-E2E-BAD-${stamp},,1,100,0,`].join('\r\n');
    await panel.locator('input[type=file]').setInputFiles({ name: '购买记录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await panel.getByText('没有导入任何数据').waitFor();
    await panel.getByText('第 2 行「产品编号」：没有这个产品编号').waitFor();
  });
});
