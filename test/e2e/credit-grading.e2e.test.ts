import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from './browser';
import { expectCaseStatus, expectGoneFromInbox, openCase, openConsole, openTask, signInAs, startCase, switchUser, waitRefreshing } from './console-steps';

// 客户信用等级评定 (PROCESSES.md §2, issue 15) from 新建 to 已完成 through the console: the 江苏
// agent collects and analyses 苏州园区's credit, the system reads its sales and grades it by the
// shipped table, the 客服经理 sets the limit (the table's pre-filled, lowered), and the grade and
// limit appear on 客户 360 — the happy path of test/integration/processes/credit-grading.test.ts.

const AGENT = 'js.cs_agent';
const MANAGER = 'js.cs_manager';

describe('客户信用等级评定 in the console', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-credit-grading');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('collected and analysed by the agent, graded by the table, limit set by the 客服经理, the grade on 客户 360', async () => {
    const page = await openConsole(site);
    const title = `苏州园区 信用评定 ${Date.now().toString(36)}`;

    await signInAs(page, AGENT);
    const c = await startCase(page, { process: '客户信用等级评定', title, customer: '苏州园区' });

    let form = await openTask(page, c, '搜集信用信息');
    await form.fill('信息来源', '客户提供的年度财务报表、银行资信证明');
    await form.select('银行资信', '良好');
    await form.fill('注册资本（元）', 3_000_000);
    await form.fill('竞争对手信用标准与政策', '同行给予此类客户 30 天账期');
    await form.complete();
    await expectGoneFromInbox(page, c, '搜集信用信息');

    form = await openTask(page, c, '分析信用信息');
    await form.select('财务状况', '良好');
    await form.fillAll({ 经营状况: '经营稳定', 信用风险: '无', 分析结论: '可给予信用额度' });
    await form.complete();
    await expectGoneFromInbox(page, c, '分析信用信息');

    // The step is the 客服经理's: the agent does not find it in the inbox.
    await switchUser(page, MANAGER);
    form = await openTask(page, c, '客服经理核定信用额度');
    // No sales paid late, none this year: the table's B with 50,000, offered to the manager.
    expect(Number((await form.valueOf('核定信用额度（元）')).replace(/[^\d.]/g, ''))).toBe(50_000);
    await form.fill('核定信用额度（元）', 40_000);
    // One box for the opinion: the form's 审核意见 is the page's 意见 while the step is open.
    expect(await form.root.getByText('审核意见').count()).toBe(0);
    await form.decide('同意', '新客户，额度略低于建议值');
    await expectGoneFromInbox(page, c, '客服经理核定信用额度');

    await switchUser(page, AGENT);
    await openCase(page, c);
    await expectCaseStatus(page, '已完成');
    // The manager's step in the history: the opinion once, as the comment, not again as the 审核意见 it filled.
    const decided = page.locator('.sw-step').filter({ has: page.locator('.sw-step-comment', { hasText: '新客户，额度略低于建议值' }) });
    await decided.waitFor();
    expect(await decided.getByText('新客户，额度略低于建议值').count()).toBe(1);
    await decided.getByText('¥40,000.00').waitFor();
    // 评定信用等级's result (a decision table's two outputs) reads by the step and the forms' labels,
    // not as `grading` {"creditGrade":"B",…} under 其他; nor does 销售记录分析's summary.
    const vars = page.locator('.sw-case-variables');
    const result = vars.locator('.ant-descriptions-item-label', { has: page.getByText('「评定信用等级」的结果', { exact: true }) }).first().locator('xpath=following-sibling::*[1]');
    expect(await result.innerText()).toMatch(/^信用等级 B，核定信用额度（元） ¥50,000\.00/);
    const shown = await vars.innerText();
    for (const name of ['grading', 'creditGrade', 'creditLimit', 'salesSummary']) expect(shown).not.toContain(name);
    expect(shown).not.toContain('{"');

    // 客户 360: the grade replaces 未评定, the limit and the history name this case (by its 编号, as
    // the other case links of the page do, not by its id with the process key in it).
    await page.goto('/customers/C0004');
    const card = page.getByTestId('customer-card');
    await waitRefreshing(page, card.getByText(/信用等级：B/));
    const history = page.getByTestId('customer-grades').getByRole('row').filter({ hasText: c.businessKey });
    await history.waitFor();
    expect(await history.getByRole('link').textContent()).toBe(c.businessKey);
    await history.getByText('¥40,000.00').waitFor();
    await page.context().close();
  });
});
