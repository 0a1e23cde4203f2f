import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { buildApp } from '../../server/app';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { apiSteps } from './api-steps';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Issue 12 §1's "done when": a 客服经理 decides each kind of shipped approval from the task page
// alone — the subject of the decision above the buttons, with the forms' labels, option labels,
// money and China times — and the case page reads the same way. The unit is 广东 (gd).
// Repair has no approval step (its fee is the customer's decision, recorded at 确认收费); its
// 督办 step carries a summary too, but reaching it takes an overdue timer, so it is left to the unit tests.

describe('what an approver decides', () => {
  let site: Site;
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const run = Date.now().toString(36).toUpperCase();
  const { post, openTask, complete } = apiSteps(() => app, () => db);

  // A deadline three days out, at a minute that is a different day in UTC than in China (23:37 UTC).
  const deadline = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 3, 15, 37, 7, 930));
  // The expected China time, computed another way than the console does (the platform's time zone data).
  const chinaTime = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

  let demoCase: string;
  let complaintCase: string;

  beforeAll(async () => {
    site = await startSite('e2e-decision-summary');
    db = createPool(sharedStack().databaseUrl, 3);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    demoCase = (await post('gd.cs_agent', '/api/cases', { processKey: 'demo-approval', title: `要点 ${run} 退货`, variables: { amount: 12800 } })).id;
    complaintCase = (await post('gd.cs_agent', '/api/cases', { processKey: 'complaint', title: `要点 ${run} 投诉` })).id;
    await complete('gd.cs_agent', complaintCase, 'Activity_RegisterComplaint', {
      customerName: '广州天河商贸中心',
      phone: '020-3888 6677',
      receivedAt: new Date().toISOString(),
      severity: 'serious',
      complaintContent: '新机漏水，泡坏地板',
      customerRequest: '换机并赔偿',
    });
    await complete('gd.cs_agent', complaintCase, 'Activity_Triage', { preliminaryAnalysis: '属实', isValid: true });
    await complete('gd.department', complaintCase, 'Activity_Investigate', {
      investigationFindings: '密封圈缺陷',
      causeAnalysis: '来料检验漏检',
      causeType: 'own',
      responsibleDepartment: 'quality',
      responsiblePerson: '质检主管',
    });
    await complete('gd.department', complaintCase, 'Activity_ProposeSolution', { solutionPlan: '更换新机，赔偿地板损失', solutionDeadline: deadline.toISOString(), compensationAmount: 5000 });
    await openTask(complaintCase, 'Activity_ManagerApproval');
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  /** The task page of the case's open step, and its decision summary once it has loaded. */
  async function summaryOf(page: Page, caseId: string, elementId: string, heading: string) {
    await page.goto(`${site.url}/tasks/${encodeURIComponent(await openTask(caseId, elementId))}`);
    await page.getByRole('heading', { name: heading }).waitFor();
    const summary = page.getByRole('group', { name: '审批要点' });
    await summary.waitFor();
    return summary;
  }

  const rowOf = async (scope: Locator, label: string) => {
    const cell = scope.locator('th', { hasText: label }).first();
    await cell.waitFor();
    return (await cell.locator('xpath=following-sibling::td[1]').innerText()).trim();
  };

  it('简单审批: the amount asked for, as money, above 同意 / 驳回', async () => {
    const page = await signIn(site, 'gd.cs_manager');
    const summary = await summaryOf(page, demoCase, 'Approve', '客服经理审批');
    expect(await rowOf(summary, '申请金额')).toBe('¥12,800.00');
    // The summary is above the buttons, on the page itself (no history opened).
    const [top, buttons] = await Promise.all([summary.boundingBox(), page.locator('.sw-outcome-bar').boundingBox()]);
    expect(top!.y).toBeLessThan(buttons!.y);
    await page.context().close();
  });

  it('投诉 客服经理审批: plan, compensation, deadline in China time, department and cause by name; one comment box', async () => {
    const page = await signIn(site, 'gd.cs_manager');
    const summary = await summaryOf(page, complaintCase, 'Activity_ManagerApproval', '客服经理审批');
    expect(await rowOf(summary, '处理方案')).toBe('更换新机，赔偿地板损失');
    expect(await rowOf(summary, '赔偿/补偿金额')).toBe('¥5,000.00');
    expect(await rowOf(summary, '承诺处理期限')).toBe(chinaTime(deadline));
    expect(await rowOf(summary, '责任部门')).toBe('质量管理部');
    expect(await rowOf(summary, '责任归属')).toBe('己方原因');
    expect(await rowOf(summary, '严重程度')).toBe('严重');
    const text = await summary.innerText();
    expect(text).not.toMatch(/quality|own\b|serious|\d{4}-\d\d-\d\dT|solutionPlan/);
    // One place for the opinion: the page's 意见 box; the form asks for none.
    await page.locator('.sw-form[aria-busy=false] .fjs-form').waitFor();
    expect(await page.locator('.sw-form textarea, .sw-form input').count()).toBe(0);
    await page.getByLabel('意见', { exact: true }).fill('同意换机并赔偿');
    const url = page.url();
    await page.locator('.sw-outcome-bar').getByRole('button', { name: /同\s*意/ }).click();
    await page.waitForURL((u) => u.toString() !== url);

    // The case page reads the same way: variables by label (raw JSON one click away), history entries with labels.
    await page.goto(`${site.url}/cases/${encodeURIComponent(complaintCase)}`);
    const vars = page.locator('.sw-case-variables');
    await vars.waitFor();
    expect(await rowOf(vars, '赔偿/补偿金额')).toBe('¥5,000.00');
    expect(await rowOf(vars, '承诺处理期限')).toBe(chinaTime(deadline));
    expect(await rowOf(vars, '投诉属实')).toBe('是');
    const history = page.locator('.ant-card').filter({ has: page.getByText(/^处理记录/) }).last();
    await expect.poll(() => history.innerText(), { timeout: 15_000 }).toContain('质量管理部');
    const historyText = await history.innerText();
    expect(historyText).toContain('责任部门');
    expect(historyText).not.toMatch(/responsibleDepartment|版本 v\?/);
    await page.getByText('原始 JSON').click();
    await expect.poll(() => page.locator('pre.sw-json').innerText()).toContain('"compensationAmount": 5000');
    await page.context().close();
  });
});
