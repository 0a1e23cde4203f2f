import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSite, type Site } from './browser';
import { expectCaseStatus, expectGoneFromInbox, openCase, openConsole, openTask, signInAs, startCase, switchUser, waitRefreshing } from './console-steps';

// 客户信息管理流程 (PROCESSES.md §1, issue 15) from 新建 to 已完成 through the console, each lane
// signing in: the 福建 agent collects, classifies and proposes 内部 for 厦门鹭岛's information, the
// 客服经理 reviews, the 总经理 signs, the system numbers and distributes it to the departments the
// level entitles, the agent summarises and proposes improvements — and 客户 360's 分发登记 lists it.

const AGENT = 'fj.cs_agent';
const MANAGER = 'fj.cs_manager';
const GM = 'fj.general_manager';

describe('客户信息管理流程 in the console', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-customer-info');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('collected, classified, leveled, reviewed, signed, distributed, summarised and improved; the register on 客户 360', async () => {
    const page = await openConsole(site);
    const title = `厦门鹭岛 客户信息 ${Date.now().toString(36)}`;

    await signInAs(page, AGENT);
    const c = await startCase(page, { process: '客户信息管理流程', title, customer: '厦门鹭岛' });

    let form = await openTask(page, c, '信息搜集');
    await form.select('信息来源', '拜访/面谈');
    await form.fill('客户信息内容', '拜访获悉：客户明年新开 5 家门店，需增购净水器');
    await form.date('搜集日期', new Date());
    await form.complete();
    await expectGoneFromInbox(page, c, '信息搜集');

    form = await openTask(page, c, '信息分类');
    await form.fillAll({ 地区: '福建 厦门', '时间（所属期间）': '2026年11月' });
    await form.select('信息类型', '意见与需求');
    await form.complete();
    await expectGoneFromInbox(page, c, '信息分类');

    form = await openTask(page, c, '确定秘密级别');
    await form.choose('秘密级别', '内部');
    await form.fill('定级理由', '门店扩张计划，仅限内部使用');
    for (const department of ['客服人员', '销售人员', '客服经理']) await form.check(department);
    await form.complete();
    await expectGoneFromInbox(page, c, '确定秘密级别');

    await switchUser(page, MANAGER);
    form = await openTask(page, c, '客服经理审核');
    await form.decide('同意', '同意定为内部');
    await expectGoneFromInbox(page, c, '客服经理审核');

    await switchUser(page, GM);
    form = await openTask(page, c, '总经理审批签字');
    await form.decide('同意', '同意');
    await expectGoneFromInbox(page, c, '总经理审批签字');

    await switchUser(page, AGENT);
    form = await openTask(page, c, '汇总分析');
    await form.fill('汇总情况', '本期搜集意见与需求类信息 1 条，已定级分发');
    await form.select('信息有效性', '有效');
    await form.complete();
    await expectGoneFromInbox(page, c, '汇总分析');

    form = await openTask(page, c, '改善工作');
    await form.fill('改善提议', '门店扩张信息及时同步销售人员');
    await form.complete();
    await expectGoneFromInbox(page, c, '改善工作');

    await openCase(page, c);
    await expectCaseStatus(page, '已完成');

    // 客户 360: the register lists this case's distribution to the 客服经理 of 福建, at 内部.
    await page.goto('/customers/C0007');
    const row = page.getByRole('row').filter({ hasText: c.businessKey }).filter({ hasText: '客服经理' });
    await waitRefreshing(page, row);
    await row.getByText(/^XX-/).waitFor();
    await page.context().close();
    // Seven steps in three lanes: twice the usual budget on a loaded machine.
  }, 240_000);
});
