import { openMenu } from './header-menu';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { seedReportHistory, type ReportHistory } from '../report-history';
import { chooseOption } from './antd-select';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// 报表 in a real browser: a 客服经理 of 浙江 answers "how many complaints did we close late in October,
// and which step was late?" from the menu, the filters, the figures and the tables; the Excel file
// the page exports opens with the same figures. A process owner sees the secret customer masked.

describe('the 报表 page in a real browser', () => {
  let site: Site;
  let db: Db;
  let h: ReportHistory;
  beforeAll(async () => {
    site = await startSite('e2e-reports');
    db = createPool(sharedStack().databaseUrl, 2);
    h = await seedReportHistory(db, `e2e${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await site?.close();
    await db?.end();
  });

  it('a manager filters by period and process, reads the figures, table and chart, switches report and exports Excel', async () => {
    const page = await signIn(site, 'zj.cs_manager');
    await openMenu(page, /报表/);
    await page.getByRole('tab', { name: '时效统计', selected: true }).waitFor();
    await page.getByLabel('开始日期').fill('2026-10-01');
    await page.getByLabel('开始日期').press('Enter');
    await page.getByLabel('结束日期').fill('2026-10-31');
    await page.getByLabel('结束日期').press('Enter');
    await expect.poll(() => page.url()).toContain('to=2026-10-31');
    await chooseOption(page, page.getByRole('combobox', { name: '流程' }), '报表测试流程', { search: '报表测试' });

    // zj's cases: t1 t2 t3 t7; 审核 in 浙江 once on time, once late; 处理 escalated two levels.
    await page.getByText('完成的任务').waitFor();
    const late = page.getByRole('row', { name: /报表测试流程\s*处理\s*浙江.*/ });
    await late.waitFor();
    expect((await late.locator('td').allTextContents()).slice(3, 10)).toEqual(['1', '0', '1', '0', '1', '2', '0.0%']);
    await page.getByRole('row', { name: /报表测试流程\s*审核\s*浙江.*50\.0%/ }).waitFor();
    await page.getByTestId('report-chart').locator('canvas').first().waitFor();

    await page.getByRole('tab', { name: '投诉统计' }).click();
    await page.getByRole('region', { name: '重复投诉客户' }).getByRole('row', { name: /C0001\s*杭州西湖电子有限公司\s*2/ }).waitFor();
    const closedLate = page.locator('.ant-statistic', { hasText: '超过承诺期限结案' });
    expect(await closedLate.locator('.ant-statistic-content').textContent()).toBe('1');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^投诉统计-\d{8}-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const outcomes = book.getWorksheet('按处理结果')!;
    expect(outcomes.getRow(1).values).toEqual([undefined, '类别', '数量']);
    const byOutcome = Object.fromEntries(outcomes.getRows(2, outcomes.rowCount - 1)!.map((r) => [r.getCell(1).value, r.getCell(2).value]));
    expect(byOutcome).toEqual({ 处理中: 1, 赔偿: 1, 不属实: 1 }); // zj: c1 compensated, c2 not substantiated, c5 open
    await page.context().close();
  });

  it('a process owner sees a secret customer masked; an agent has no 报表 menu and is told why at the address', async () => {
    const owner = await signIn(site, 'zj.process_owner');
    await owner.goto(`${site.url}/reports/complaints?from=2026-10-01&to=2026-10-31&processKey=${h.key}`);
    await owner.getByRole('region', { name: '重复投诉客户' }).getByRole('row', { name: /C0001\s*（保密客户）\s*2/ }).waitFor();
    expect(await owner.getByText('杭州西湖电子').count()).toBe(0);
    await owner.context().close();

    const agent = await signIn(site, 'zj.cs_agent');
    expect(await agent.getByRole('menuitem', { name: /报表/ }).count()).toBe(0);
    const asked: string[] = [];
    agent.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/reports')) asked.push(r.url());
    });
    await agent.goto(`${site.url}/reports/sla`);
    await agent.getByText('报表仅供客服经理、总经理、审计和流程管理员查看。').waitFor();
    // Told without asking the API for what it would refuse.
    expect(asked).toEqual([]);
    await agent.context().close();
  });
});
