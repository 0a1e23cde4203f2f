import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSite, type Site } from './browser';

// Issue 13 §3 in the console: 决策表 shows the shipped 信用等级评估原则 as the business reads it
// (conditions, results, descriptions, hit policy in words); a process owner tries it with the
// values of one customer and sees the grade and the rule that gave it.

describe('决策表 in a real browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-decisions');
  });
  afterAll(async () => site?.close());

  it('a process owner reads the credit grading table and tries it', async () => {
    const page = await signIn(site, 'hq.process_owner');
    await openMenu(page, /决策表/);
    await page.waitForURL(/\/decisions/);
    await page.getByRole('heading', { name: '信用等级评估原则', level: 3 }).waitFor();
    await page.getByText('首条（按顺序取第一条命中的规则）').waitFor();
    const table = page.getByRole('table');
    for (const header of ['最长逾期天数', '按期回款率', '年销售额（元）', '信用等级', '信用额度（元）']) await table.getByRole('columnheader', { name: new RegExp(header) }).waitFor();
    expect(await table.getByRole('row').count()).toBe(6); // the header and five rules
    await table.getByRole('row', { name: /偶有短期逾期/ }).waitFor();

    await page.getByLabel('最长逾期天数').fill('10');
    await page.getByLabel('按期回款率').fill('0.96');
    await page.getByLabel('年销售额（元）').fill('3000000');
    await page.getByRole('button', { name: /^试\s?算$/ }).click();
    await page.getByText('信用等级：AA；信用额度（元）：1000000').waitFor();
    await page.getByText('信用等级与额度命中规则：#2 偶有短期逾期').waitFor();
    expect(await table.getByRole('row', { name: /偶有短期逾期/ }).getAttribute('class')).toContain('sw-decision-matched');
    await page.context().close();
  });

  it('a manager reads the table but has nothing to try it with', async () => {
    const page = await signIn(site, 'zj.cs_manager');
    await page.goto(`${site.url}/decisions`);
    await page.getByRole('heading', { name: '信用等级评估原则', level: 3 }).waitFor();
    expect(await page.getByRole('button', { name: /^试\s?算$/ }).count()).toBe(0);
    await page.context().close();
  });
});
