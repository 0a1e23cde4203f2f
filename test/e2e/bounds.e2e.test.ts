import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool } from '../../db/pool';
import { createTemporalAccess } from '../../server/temporal/client';
import { apiSteps } from './api-steps';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Input a person gets wrong: a day no filter can use, a calendar day of another year, a submit
// refused twice, a rejection comment near its limit — each answered in Chinese beside the field.

describe('bounds on what people type, in a real browser', () => {
  let site: Site;
  let approval: { businessKey: string; taskId: string };
  let proposal: { caseId: string; taskId: string };
  let app: Awaited<ReturnType<typeof buildApp>>;
  let db: ReturnType<typeof createPool>;
  let temporal: ReturnType<typeof createTemporalAccess>;
  const { post, openTask, complete } = apiSteps(() => app, () => db);

  beforeAll(async () => {
    site = await startSite('e2e-bounds');
    db = createPool(sharedStack().databaseUrl, 2);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    const { id: caseId, businessKey } = await post('js.cs_agent', '/api/cases', { processKey: 'demo-approval', title: '输入边界 退货审批' });
    approval = { businessKey, taskId: await openTask(caseId, 'Approve') };

    // A complaint walked to 提出处理方案 through the API, as its departments would.
    const { id: complaintId } = await post('js.cs_agent', '/api/cases', { processKey: 'complaint', title: '输入边界 投诉' });
    await complete('js.cs_agent', complaintId, 'Activity_RegisterComplaint', {
      customerName: '南京金陵机械厂',
      contactPerson: '陈明',
      phone: '025-84567890',
      address: '南京市江宁区天元中路 9 号',
      receivedAt: new Date().toISOString(),
      complaintChannel: 'hotline',
      product: '柴油发电机组 GEN-80',
      severity: 'general',
      complaintContent: '维修延误',
      customerRequest: '尽快修复',
    });
    await complete('js.cs_agent', complaintId, 'Activity_Triage', { preliminaryAnalysis: '属实', isValid: true });
    await complete('js.department', complaintId, 'Activity_Investigate', {
      investigationFindings: '派工延误',
      causeAnalysis: '排班不足',
      causeType: 'own',
      responsibleDepartment: 'quality',
      responsiblePerson: '服务站站长',
    });
    proposal = { caseId: complaintId, taskId: await openTask(complaintId, 'Activity_ProposeSolution') };
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
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
    await due.press('Enter');
    await page.getByRole('alert').filter({ hasText: '请选择 2000 年至 2100 年之间的日期' }).waitFor();
    expect(await due.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('加载失败').count()).toBe(0);
    expect(asked.filter((url) => url.includes('dueBefore'))).toEqual([]);
    expect(page.url()).not.toContain('due=');
    await row.waitFor();

    // A usable day is applied at once, and the message goes (typed as 2100/12/31 too).
    await due.fill('2100/12/31');
    await due.press('Enter');
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

  it('提出处理方案 refuses a promised deadline in the past and a compensation of 99999999999999999999, at the fields, every time 完成 is pressed', async () => {
    const page = await signIn(site, 'js.department');
    await page.goto(`${site.url}/tasks/${encodeURIComponent(proposal.taskId)}`);
    await page.locator('.sw-form[aria-busy=false] .fjs-form').waitFor();
    const form = page.locator('.sw-form .fjs-form');
    await form.getByLabel(/^\s*处理方案\s*\*?\s*$/).fill('三日内上门修复');
    await form.getByLabel(/^\s*赔偿\/补偿金额\s*\*?\s*$/).fill('99999999999999999999');
    const yesterday = await page.evaluate(() => new Intl.DateTimeFormat().format(new Date(Date.now() - 86_400_000)));
    const date = form.getByLabel(/^\s*承诺处理期限（日期）\s*\*?\s*$/);
    // The deadline comes proposed from the registered severity: replace it.
    await date.fill('');
    await date.click();
    await date.pressSequentially(yesterday);
    await date.press('Enter');
    const taskUrl = page.url();
    const finish = page.locator('.sw-outcome-bar').getByRole('button', { name: /完\s*成/ });
    for (let attempt = 1; attempt <= 2; attempt++) {
      await finish.click();
      // The console answers each press: a warning naming how many fields to correct, and the fields marked.
      await expect.poll(() => page.getByText(/表单有 \d+ 处需要修改/).count()).toBeGreaterThanOrEqual(attempt);
      await form.locator('.fjs-form-field-number .fjs-form-field-error').first().waitFor();
      await form.locator('.fjs-form-field-datetime .fjs-form-field-error').first().waitFor();
      expect(page.url()).toBe(taskUrl);
    }
    const { rows } = await db.query<{ status: string }>('SELECT status FROM task WHERE id = $1', [proposal.taskId]);
    expect(rows[0]!.status).toBe('open');
    await page.context().close();
  });

  it('the business calendar refuses a day of another year than the one shown', async () => {
    const page = await signIn(site, 'admin');
    await page.goto(`${site.url}/calendar?year=2027`);
    const day = page.getByLabel('日期', { exact: true });
    await day.fill('2028-10-01');
    await day.press('Enter');
    await page.getByRole('alert').filter({ hasText: '只能设置 2027 年的日期' }).waitFor();
    expect(await page.getByRole('button', { name: /保\s*存/ }).isDisabled()).toBe(true);
    await day.fill('2027-10-08');
    await day.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /保\s*存/ }).isDisabled()).toBe(false);
    expect(await page.getByText('只能设置 2027 年的日期').count()).toBe(0);
    await page.context().close();
  });
});
