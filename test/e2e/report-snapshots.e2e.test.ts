import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { seedReportHistory } from '../report-history';
import { openMenu } from './header-menu';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// 报表 → 定期总结 in a real browser: a process owner stores October 2026 by hand, opens 浙江's
// summary and finds the seeded history's figures in it, as stored; a 广东 manager may list 浙江's
// summary but is told its figures are not theirs to see.
describe('定期总结 (monthly summaries) in a real browser', () => {
  let site: Site;
  let db: Db;
  beforeAll(async () => {
    site = await startSite('e2e-snapshots');
    db = createPool(sharedStack().databaseUrl, 2);
    // Not 报表测试流程: reports.e2e picks that one by name in its process filter, on the same database.
    await seedReportHistory(db, `e2es${Date.now().toString(36)}`, '月报测试流程');
  });
  afterAll(async () => {
    await site?.close();
    await db?.end();
  });

  it('a process owner generates a month from 报表 → 定期总结 and reads a unit’s summary as stored', async () => {
    const page = await signIn(site, 'hq.process_owner');
    await openMenu(page, /报表/);
    await page.getByRole('button', { name: '定期总结' }).click();
    await page.getByText('每月1日（北京时间）自动存档上月各单位的报表').waitFor();
    await page.getByLabel('月份').fill('2026-10');
    await page.getByLabel('月份').press('Enter');
    await page.getByRole('button', { name: '生成该月总结' }).click();

    // Newest first: the row of the summary just stored for 浙江 (many tests share the database).
    const row = page.getByRole('row', { name: /2026-10\s*浙江省服务中心\s*.*手动生成/ }).first();
    await row.waitFor();
    await row.click();
    const summary = page.getByRole('region', { name: '2026-10 · 浙江省服务中心' });
    await summary.getByRole('tab', { name: '时效统计' }).waitFor();
    // The seeded history: 审核 in 浙江, once on time and once late (50.0%).
    await summary.getByRole('row', { name: /月报测试流程\s*审核\s*浙江省服务中心.*50\.0%/ }).first().waitFor();
    await summary.getByRole('tab', { name: '投诉统计' }).click();
    await summary.getByText('超过承诺期限结案').first().waitFor();
    await page.context().close();

    const other = await signIn(site, 'gd.cs_manager');
    await other.goto(`${site.url}/report-snapshots`);
    const zj = other.getByRole('row', { name: /2026-10\s*浙江省服务中心.*无权查看/ }).first();
    await zj.waitFor();
    await zj.click();
    await other.getByText('你在该单位及其上级单位没有角色，不能查看此总结的数据。').waitFor();
    await other.context().close();
  });
});
