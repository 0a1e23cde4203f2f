import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { buildApp } from '../../server/app';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { eventually } from '../helpers';
import { apiSteps } from './api-steps';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Issue 12 §5: the 案例 list finds a complaint by the TS- number its process gave it (not by the
// 业务编号 the list shows) and exports what it found, for Excel.

describe('案例 list: search by a TS- number and export', () => {
  let site: Site;
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const run = Date.now().toString(36).toUpperCase();
  const { post, complete } = apiSteps(() => app, () => db);
  let numbered: { id: string; businessKey: string };
  let complaintNo: string;

  beforeAll(async () => {
    site = await startSite('e2e-cases');
    db = createPool(sharedStack().databaseUrl, 3);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    numbered = await post('zj.cs_agent', '/api/cases', { processKey: 'complaint', title: `港城 ${run} 漏水投诉`, customerId: 'C0002' });
    // A second complaint of the same run, not yet numbered: the search must leave it out.
    await post('zj.cs_agent', '/api/cases', { processKey: 'complaint', title: `港城 ${run} 噪音投诉`, customerId: 'C0002' });
    await complete('zj.cs_agent', numbered.id, 'Activity_RegisterComplaint', {
      customerName: '宁波港城贸易有限公司',
      phone: '0574-8765 4321',
      receivedAt: new Date().toISOString(),
      severity: 'general',
      complaintContent: '净水器漏水',
      customerRequest: '上门维修',
    });
    complaintNo = await eventually(async () => (await db.query<{ id: string }>('SELECT id FROM complaint WHERE case_id = $1', [numbered.id])).rows[0]?.id);
    expect(complaintNo).toMatch(/^TS-\d{4}-\d{2}-\d{6}$/);
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  it('finds the complaint by its TS number and exports it with Chinese headers', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    await page.goto(`${site.url}/cases`);
    const search = page.getByRole('searchbox', { name: '搜索案例' });
    await search.fill(complaintNo);
    await search.press('Enter');
    await expect.poll(() => page.url()).toContain(`q=${complaintNo}`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('link', { name: numbered.businessKey }).waitFor();
    await page.getByText('已全部显示，共 1 个案例').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^案例-\d{8}-\d{4}\.csv$/);
    const file = await readFile((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('业务编号,标题,流程,状态,客户编号,客户,相关编号,首问负责人,发起人,单位,发起时间（北京时间）,结束时间（北京时间）');
    expect(lines).toHaveLength(2);
    const cells = lines[1]!.split(',');
    expect(cells.slice(0, 7)).toEqual([numbered.businessKey, `港城 ${run} 漏水投诉`, expect.stringMatching(/^客户投诉管理流程 v\d+$/), '进行中', 'C0002', '宁波港城贸易有限公司', complaintNo]);
    await page.context().close();
  });

  it('the header search (Ctrl+K) finds the complaint by its TS number and opens it; nothing found says so', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    await page.locator('.ant-table, .ant-empty').first().waitFor();
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: '全局搜索：编号、客户、案例' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill(complaintNo);
    const hit = page.locator('.ant-select-item-option').filter({ hasText: `港城 ${run} 漏水投诉` });
    await hit.waitFor();
    await page.locator('.ant-select-item-group').filter({ hasText: '案例' }).first().waitFor();
    await hit.click();
    await page.waitForURL(new RegExp(`/cases/${encodeURIComponent(numbered.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await search.fill(`不存在的 ${run}`);
    await page.getByText('没有找到您可查看的结果').waitFor();
    await page.context().close();
  });
});
