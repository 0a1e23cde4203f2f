import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool } from '../../db/pool';
import { createTemporalAccess } from '../../server/temporal/client';
import { eventually, login } from '../helpers';
import { signIn, startSite, type Site } from './browser';

// Input a person gets wrong: a day no filter can use, a calendar day of another year, a submit
// refused twice, a rejection comment near its limit — each answered in Chinese beside the field.

describe('bounds on what people type, in a real browser', () => {
  let site: Site;
  let approval: { businessKey: string; taskId: string };
  const api = { close: async () => undefined as unknown };

  beforeAll(async () => {
    site = await startSite('e2e-bounds');
    const db = createPool(inject('databaseUrl'), 2);
    const temporal = createTemporalAccess({ address: inject('temporalAddress'), namespace: 'default', taskQueue: site.taskQueue });
    const app = await buildApp({ db, temporal });
    api.close = async () => {
      await app.close();
      await temporal.close();
      await db.end();
    };
    const started = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: await login(app, 'js.cs_agent') }, payload: { processKey: 'demo-approval', title: '输入边界 退货审批' } });
    expect(started.statusCode).toBe(201);
    const { id: caseId, businessKey } = started.json();
    const taskId = await eventually(async () => (await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId])).rows[0]?.id);
    approval = { businessKey, taskId };
  });
  afterAll(async () => {
    await api.close();
    await site?.close();
  });

  it('the inbox refuses a due day of year 9999 beside the field, keeps the list, and never asks the API', async () => {
    const page = await signIn(site, 'js.cs_manager');
    const asked: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/tasks?')) asked.push(req.url());
    });
    const row = page.getByRole('row', { name: new RegExp(approval.businessKey) });
    await row.waitFor();
    const due = page.getByLabel('到期日不晚于');
    await due.fill('9999-12-31');
    await page.getByRole('alert').filter({ hasText: '请选择 2000 年至 2100 年之间的日期' }).waitFor();
    expect(await due.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('加载失败').count()).toBe(0);
    expect(asked.filter((url) => url.includes('dueBefore'))).toEqual([]);
    expect(page.url()).not.toContain('due=');
    await row.waitFor();

    // A usable day is applied at once, and the message goes.
    await due.fill('2100-12-31');
    await expect.poll(() => page.url()).toContain('due=2100-12-31');
    expect(await page.getByText('请选择 2000 年至 2100 年之间的日期').count()).toBe(0);
    await row.waitFor();
    await page.context().close();
  });

  it('the reject box counts its characters up to 2,000', async () => {
    const page = await signIn(site, 'js.cs_manager');
    await page.getByRole('button', { name: `驳回: 客服经理审批 · ${approval.businessKey}` }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '驳回：客服经理审批' });
    await dialog.getByText('0 / 2000').waitFor();
    await dialog.getByRole('textbox').fill('金额超出授权');
    await dialog.getByText('6 / 2000').waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await page.context().close();
  });

  it('pressing 同意 again after a refusal visibly answers again', async () => {
    const page = await signIn(site, 'js.cs_manager');
    // The API refuses twice (as it would data a form check let through), then the page must say so each time.
    let refusals = 0;
    await page.route('**/complete', async (route) => {
      refusals += 1;
      await route.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Unprocessable Content', status: 422, detail: '金额超出授权', errors: [{ path: 'body.outcome', message: '金额超出授权' }] }),
      });
    });
    await page.goto(`${site.url}/tasks/${encodeURIComponent(approval.taskId)}`);
    const approve = page.getByRole('button', { name: /同意/ });
    await approve.click();
    await page.getByRole('alert').filter({ hasText: '提交的内容需要修改' }).waitFor();
    expect(await page.getByText('第 2 次提交仍未成功').count()).toBe(0);
    await approve.click();
    await page.getByRole('alert').filter({ hasText: '第 2 次提交仍未成功' }).waitFor();
    expect(refusals).toBe(2);
    await page.context().close();
  });

  it('the business calendar refuses a day of another year than the one shown', async () => {
    const page = await signIn(site, 'admin');
    await page.goto(`${site.url}/calendar?year=2027`);
    const day = page.getByLabel('日期', { exact: true });
    await day.fill('2028-10-01');
    await page.getByRole('alert').filter({ hasText: '只能设置 2027 年的日期' }).waitFor();
    expect(await page.getByRole('button', { name: /保\s*存/ }).isDisabled()).toBe(true);
    await day.fill('2027-10-08');
    await expect.poll(() => page.getByRole('button', { name: /保\s*存/ }).isDisabled()).toBe(false);
    expect(await page.getByText('只能设置 2027 年的日期').count()).toBe(0);
    await page.context().close();
  });
});
