
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../db/pool';
import { startSite, type Site } from './browser';
import { expectCaseStatus, openCase, openConsole, openTask, signInAs, startCase, switchUser, waitRefreshing } from './console-steps';
import { sharedStack } from '../shared-stack';

// 客户档案过期销毁 (PROCESSES.md §7) through the console: 客服部 proposes an expired archive in the
// 销毁建议书, 客服经理 reviews, 总经理 approves, 客服部 destroys it and fills in the 销毁处理登记表;
// the archive page then shows 已销毁 with its destruction record — the path of
// test/integration/processes/archive-lifecycle.test.ts. And 定期整改 started by hand, through to
// the repaired archive back 在库.

const AGENT = 'zj.cs_agent';
const MANAGER = 'zj.cs_manager';
const GM = 'zj.general_manager';

describe('客户档案过期销毁 and 定期整改 in the console', () => {
  let site: Site;
  const db = createPool(sharedStack().databaseUrl, 2);
  beforeAll(async () => {
    site = await startSite('e2e-archive-destruction');
  });
  afterAll(async () => {
    await site?.close();
    await db.end();
  });

  it('proposed, reviewed by 客服经理, approved by 总经理, destroyed: 已销毁 with its 销毁处理登记 on the archive page', async () => {
    const archiveId = `DA-E2E-X${Date.now().toString(36).toUpperCase()}`;
    await db.query(
      `INSERT INTO archive (id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, records)
       SELECT $1, cu.id, cu.unit_id, 'complaint', '到期投诉档案 ' || cu.name, cu.confidentiality, '客服部档案室', 10, DATE '2020-01-01', '{"complaintContent":"净水器漏水"}'
         FROM customer cu WHERE cu.id = 'C0002'`,
      [archiveId],
    );
    const page = await openConsole(site);
    await signInAs(page, AGENT);
    const c = await startCase(page, { process: '客户档案过期销毁', title: '到期档案销毁（浏览器测试）' });

    let form = await openTask(page, c, '编制销毁建议书');
    await form.fillAll({ 拟销毁档案编号: archiveId, 销毁理由: '保管期满 10 年，客户已无往来' });
    await form.complete();

    await switchUser(page, MANAGER);
    form = await openTask(page, c, '客服经理审核');
    // The reviewer sees what was accepted for destruction before deciding.
    await page.getByText(archiveId).first().waitFor();
    await form.decide('同意', '同意销毁');

    await switchUser(page, GM);
    form = await openTask(page, c, '总经理审批');
    await form.decide('同意', '同意');

    await switchUser(page, AGENT);
    form = await openTask(page, c, '销毁处理');
    await form.select('销毁方式', '粉碎');
    await form.fill('监销人', '王监销');
    await form.complete();

    form = await openTask(page, c, '处理情况反馈');
    await form.fill('处理情况', '已按清单粉碎销毁');
    await form.complete();
    await openCase(page, c);
    await expectCaseStatus(page, '已完成');
    // What 检查可否销毁 and 销毁处理 wrote reads in words (bpmn/service-task-outputs.ts), not as names and JSON.
    const vars = page.locator('.sw-case-variables');
    // 拟销毁档案 is the diagram's own label (its steps' summary); the rest are the catalog's.
    for (const label of ['已过保管期限的档案', '拟销毁档案', '不予销毁的档案', '已销毁的档案', '销毁时间']) await vars.getByText(label, { exact: true }).first().waitFor();
    // A bordered table: the value is the cell after its label's.
    const item = (label: string) => vars.locator('.ant-descriptions-item-label', { has: page.getByText(label, { exact: true }) }).first().locator('xpath=following-sibling::*[1]');
    // Every expired archive of the units (the shared database may hold others), each as words.
    expect(await item('已过保管期限的档案').innerText()).toMatch(/^档案 \S+（保管期限至 \d{4}-\d{2}-\d{2}，状态 [\u4e00-\u9fff]+，法律保全 [是否]）/);
    expect(await item('已销毁的档案').innerText()).toBe(archiveId);
    const shown = await vars.innerText();
    for (const name of ['expiredArchives', 'destructionList', 'destructionRefused', 'destroyedArchives', 'notDestroyed', 'destroyedAt', 'archiveId', 'legalHold']) expect(shown).not.toContain(name);
    expect(shown).not.toContain('{"');

    await page.goto(`/archives/${archiveId}`);
    await waitRefreshing(page, page.getByText('已销毁', { exact: true }).first());
    const record = page.locator('.ant-card').filter({ hasText: '销毁处理登记' });
    await record.getByText(/^XH-\d{4}-\d{2}-\d{6}$/).waitFor();
    await record.getByText('粉碎', { exact: true }).waitFor();
    await record.getByText('王监销', { exact: true }).waitFor();
    await record.getByText(c.businessKey, { exact: true }).waitFor(); // the destruction case by its number, not its id
    // Destroyed: its content is gone and it is never offered for borrowing again.
    expect(await page.getByRole('button', { name: /申请借阅/ }).count()).toBe(0);
    const row = (await db.query('SELECT status, records FROM archive WHERE id = $1', [archiveId])).rows[0];
    expect(row).toEqual({ status: 'destroyed', records: {} });
    await page.context().close();
  });

  it('定期整改 started by hand: the inspection finds the archive 整改中, 客服经理 approves the opinion, 处理问题 beside 有关部门 puts it back 在库', async () => {
    const archiveId = `DA-E2E-R${Date.now().toString(36).toUpperCase()}`;
    await db.query(
      `INSERT INTO archive (id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, status, records)
       SELECT $1, cu.id, cu.unit_id, 'repair', '缺页维修档案 ' || cu.name, cu.confidentiality, '客服部档案室', 10, DATE '2036-01-01', 'rectifying', '{"faultDescription":"不出水"}'
         FROM customer cu WHERE cu.id = 'C0002'`,
      [archiveId],
    );
    const page = await openConsole(site);
    await signInAs(page, AGENT);
    const c = await startCase(page, { process: '客户档案定期整改', title: '浙江 档案整改检查（浏览器测试）' });

    let form = await openTask(page, c, '提出处理意见');
    await form.fill('处理意见', '补齐缺页后归位');
    await form.fill('需配合的部门', '质量管理部');
    await form.complete();

    await switchUser(page, MANAGER);
    form = await openTask(page, c, '客服经理审核');
    // The inspection's findings name the archive 整改中 for the reviewer.
    await page.getByText(archiveId).first().waitFor();
    await form.decide('同意', '同意');

    await switchUser(page, 'zj.department');
    form = await openTask(page, c, '有关部门配合整改');
    await form.fill('配合情况', '已提供缺页复印件');
    await form.complete();

    await switchUser(page, AGENT);
    form = await openTask(page, c, '处理问题');
    await form.fill('处理结果', '缺页已补齐');
    await form.fill('已修复的档案编号', archiveId);
    await form.complete();
    await openCase(page, c);
    await expectCaseStatus(page, '已完成');
    // The inspection's findings and the repaired archives read in words, not as names and JSON.
    const vars = page.locator('.sw-case-variables');
    await vars.getByText('检查发现', { exact: true }).first().waitFor();
    await vars.getByText(`档案 ${archiveId}（问题 损坏待整改`).first().waitFor();
    await vars.getByText('整改完成的档案', { exact: true }).first().waitFor();
    const shown = await vars.innerText();
    for (const name of ['findings', 'restoredArchives', 'archiveId', 'detail']) expect(shown).not.toContain(name);
    expect(shown).not.toContain('{"');

    await page.goto(`/archives/${archiveId}`);
    await waitRefreshing(page, page.getByText('在库', { exact: true }).first());
    await page.locator('.ant-card').filter({ hasText: '档案历史' }).getByText('整改完毕，回到在库').waitFor();
    expect((await db.query('SELECT status FROM archive WHERE id = $1', [archiveId])).rows[0]?.status).toBe('in_stock');
    await page.context().close();
  });
});
