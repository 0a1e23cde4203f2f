import { openMenu } from './header-menu';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../db/pool';
import { startSite, type Site } from './browser';
import { expectCaseStatus, openCase, openConsole, openTask, signInAs, switchUser, waitRefreshing, type StartedCase } from './console-steps';
import { sharedStack } from '../shared-stack';

// 客户档案借阅与归还 (PROCESSES.md §7) through the console: 有关部门 applies from the archive's
// page, 客服部 confirms, the department returns it, 客服部 finds it intact; the archive page
// shows it 在库 again with the loan in its 借阅台账 — the path of test/integration/processes/archive.test.ts.

const AGENT = 'zj.cs_agent';
const DEPT = 'zj.department';

describe('客户档案借阅与归还 in the console', () => {
  let site: Site;
  const db = createPool(sharedStack().databaseUrl, 2);
  beforeAll(async () => {
    site = await startSite('e2e-archive');
  });
  afterAll(async () => {
    await site?.close();
    await db.end();
  });

  it('applied for from the archive page, confirmed, lent, returned intact, 在库 again with the loan in the ledger', async () => {
    const archiveId = `DA-E2E-${Date.now().toString(36).toUpperCase()}`;
    await db.query(
      `INSERT INTO archive (id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, records)
       SELECT $1, cu.id, cu.unit_id, 'complaint', '净水器漏水投诉 ' || cu.name, cu.confidentiality, '客服部档案室', 10, DATE '2036-01-01', '{"complaintContent":"净水器漏水"}'
         FROM customer cu WHERE cu.id = 'C0002'`,
      [archiveId],
    );
    const page = await openConsole(site);
    await signInAs(page, DEPT);
    await page.goto(`/archives/${archiveId}`);
    await page.getByText('在库', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /申请借阅/ }).click();
    await page.waitForURL(/\/cases\/.+/);
    const id = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/cases\//, ''));
    const c: StartedCase = { id, businessKey: id.split('/')[1]! };

    let form = await openTask(page, c, '提出借阅申请');
    await form.fill('档案编号', archiveId);
    await form.fillAll({ 借阅部门: '质量管理部', 借阅用途: '复核投诉处理记录' });
    const due = page.getByLabel(/^\s*归还日期\s*\*?\s*$/);
    const dueOn = await page.evaluate(() => new Intl.DateTimeFormat().format(new Date(Date.now() + 7 * 86_400_000)));
    await due.click();
    await due.press('ControlOrMeta+a');
    await due.pressSequentially(dueOn);
    await due.press('Enter');
    await form.complete();

    await switchUser(page, AGENT);
    form = await openTask(page, c, '客服部确认借阅');
    // The form's required 审核意见 is the page's 意见 box: 同意 with it empty is stopped there, and nothing is sent.
    const taskUrl = page.url();
    await page.locator('.sw-outcome-bar').getByRole('button', { name: /同\s*意/ }).click();
    await page.getByRole('alert').filter({ hasText: '请在「意见」栏填写审核意见' }).waitFor();
    expect(page.url()).toBe(taskUrl);
    await form.decide('同意', '同意借阅');

    await switchUser(page, DEPT);
    form = await openTask(page, c, '归还档案');
    await form.fill('归还说明', '用毕归还');
    await form.complete();

    await switchUser(page, AGENT);
    form = await openTask(page, c, '确认档案完好');
    await form.fill('检查记录', '完好无缺');
    await form.complete();

    await openCase(page, c);
    await expectCaseStatus(page, '已完成');
    await page.goto(`/archives/${archiveId}`);
    const ledger = page.locator('.ant-card').filter({ hasText: '借阅台账' });
    await waitRefreshing(page, ledger.getByText(/^JY-\d{4}-\d{2}-\d{6}$/));
    await ledger.getByText('复核投诉处理记录').waitFor();
    await ledger.getByText(/完好/).waitFor();
    const status = (await db.query('SELECT status FROM archive WHERE id = $1', [archiveId])).rows[0]?.status;
    expect(status).toBe('in_stock');
    await page.getByText('在库', { exact: true }).first().waitFor();
    await page.context().close();
  });

  it('法律保全 set by the 客服经理 on the archive page, with the reason; not offered to 客服人员', async () => {
    const archiveId = `DA-E2E-H${Date.now().toString(36).toUpperCase()}`;
    await db.query(
      `INSERT INTO archive (id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on)
       SELECT $1, cu.id, cu.unit_id, 'complaint', '保全测试 ' || cu.name, cu.confidentiality, '客服部档案室', 10, DATE '2020-01-01' FROM customer cu WHERE cu.id = 'C0002'`,
      [archiveId],
    );
    const page = await openConsole(site);
    await signInAs(page, AGENT);
    await page.goto(`/archives/${archiveId}`);
    await page.getByRole('button', { name: /申请借阅/ }).waitFor();
    expect(await page.getByRole('button', { name: /法律保全/ }).count()).toBe(0);

    // Signing in again returns to the page signed out from; from 待办 it lands on 待办.
    await openMenu(page, /待办/);
    await switchUser(page, 'zj.cs_manager');
    await page.goto(`/archives/${archiveId}`);
    await page.getByRole('button', { name: /设置法律保全/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '原因' });
    await dialog.locator('textarea').fill('客户涉诉，法院要求保全');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('保全中：客户涉诉，法院要求保全').waitFor();
    await page.getByRole('button', { name: /解除法律保全/ }).waitFor();
    await page.locator('.ant-card').filter({ hasText: '档案历史' }).getByText(/设置法律保全/).waitFor();
    const row = (await db.query('SELECT legal_hold, legal_hold_reason FROM archive WHERE id = $1', [archiveId])).rows[0];
    expect(row).toEqual({ legal_hold: true, legal_hold_reason: '客户涉诉，法院要求保全' });
    await page.context().close();
  });
});
