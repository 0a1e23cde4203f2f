import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from './browser';
import { expectCaseStatus, expectGoneFromInbox, openCase, openConsole, openTask, signInAs, startCase, switchUser, waitRefreshing } from './console-steps';
import { openMenu } from './header-menu';

// 客户关系管理流程 (PROCESSES.md §6, issue 15) from 新建 to 已完成 through the console, each lane
// signing in: the 福建 销售人员 fills 厦门鹭岛's 客户资料卡, the 客服人员 compiles it (the system
// analyses its trade and classifies the unit's customers) and keeps the roster and plan, the
// 销售人员 schedules it, the 客服经理 reviews, the 总经理 approves, the 销售人员 carries it out,
// evaluates and advises, the system archives — and 客户 360's 服务记录 lists the visit.

const SALES = 'fj.sales';
const AGENT = 'fj.cs_agent';
const MANAGER = 'fj.cs_manager';
const GM = 'fj.general_manager';

describe('客户关系管理流程 in the console', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-relationship');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('card, compiled, classified, roster, plan, schedule, reviewed, approved, carried out, evaluated, advised and archived; the visit on 客户 360', async () => {
    const page = await openConsole(site);
    const run = Date.now().toString(36);
    const title = `厦门鹭岛 客户关系维护 ${run}`;
    const visitSummary = `上门拜访 ${run}：了解门店扩张需求`;

    await signInAs(page, SALES);
    const c = await startCase(page, { process: '客户关系管理流程', title, customer: '厦门鹭岛' });

    let form = await openTask(page, c, '搜集客户信息');
    await form.fill('客户需求与关注点', '门店扩张，需增购净水器并希望优先上门服务');
    await form.select('联系偏好', '上门拜访');
    await form.fill('重要日期', '公司成立纪念日 6 月 18 日');
    await form.complete();
    await expectGoneFromInbox(page, c, '搜集客户信息');

    await switchUser(page, AGENT);
    form = await openTask(page, c, '整理汇总客户信息');
    await form.fill('客户信息汇总', '餐饮连锁，明年新开 5 家门店，偏好上门拜访');
    await form.select('资料完整性', '完整');
    await form.complete();
    await expectGoneFromInbox(page, c, '整理汇总客户信息');

    // 分析客户交易状况 and 客户分类 run by themselves; the roster step follows.
    form = await openTask(page, c, '编制名册与资料管理');
    await form.fill('名册备注', '已列入福建客户名册');
    await form.check('客户资料已核对更新');
    await form.complete();
    await expectGoneFromInbox(page, c, '编制名册与资料管理');

    form = await openTask(page, c, '编制服务方案');
    await form.select('维护方式', '定期拜访');
    await form.fill('负责人员', '福建销售 林经理');
    await form.fill('所需费用', 1200);
    await form.fill('方案内容', '每季度上门拜访一次，了解新店需求');
    await form.complete();
    await expectGoneFromInbox(page, c, '编制服务方案');

    await switchUser(page, SALES);
    form = await openTask(page, c, '确定服务计划');
    await form.fill('服务计划（具体事宜）', '下周二上门拜访总部，带新品资料');
    await form.date('首次实施日期', new Date(Date.now() + 7 * 86_400_000));
    await form.complete();
    await expectGoneFromInbox(page, c, '确定服务计划');

    await switchUser(page, MANAGER);
    form = await openTask(page, c, '客服经理审核');
    await form.decide('同意', '方案可行');
    await expectGoneFromInbox(page, c, '客服经理审核');

    await switchUser(page, GM);
    form = await openTask(page, c, '总经理审批');
    // The manager's opinion, written once in the 意见 box, is the process's 客服经理审核意见 (the form's opinion field).
    await page.getByRole('group', { name: '审批要点' }).getByText('方案可行').waitFor();
    await form.decide('同意', '同意实施');
    await expectGoneFromInbox(page, c, '总经理审批');

    await switchUser(page, SALES);
    form = await openTask(page, c, '实施服务方案');
    await form.select('服务方式', '定期拜访');
    await form.date('实施日期', new Date());
    await form.fill('服务内容', visitSummary);
    await form.fill('客户意见', '希望新店开业前完成安装');
    await form.complete();
    await expectGoneFromInbox(page, c, '实施服务方案');

    form = await openTask(page, c, '定期评估');
    await form.select('客户关系状况', '改善');
    await form.fill('评估说明', '客户对上门拜访满意，合作意向增强');
    await form.complete();
    await expectGoneFromInbox(page, c, '定期评估');

    form = await openTask(page, c, '优化建议');
    await form.fill('优化建议', '新店开业前安排安装与培训');
    await form.complete();
    await expectGoneFromInbox(page, c, '优化建议');

    await openCase(page, c);
    await expectCaseStatus(page, '已完成');

    // 客户 360's 服务记录 lists the visit the case recorded.
    await page.goto('/customers/C0007');
    await waitRefreshing(page, page.getByText(visitSummary));
  });

  // On the same site: the 新建 dialog offers no process a person cannot start (issue 15 item 2).
  it('新建 does not offer the system-started 决策表变更审批 and 逾期应收检查', async () => {
    const page = await openConsole(site);
    await signInAs(page, MANAGER);
    await openMenu(page, /案例/);
    await page.getByRole('button', { name: /新\s*建$/ }).first().click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建案例' });
    await dialog.waitFor();
    const processBox = dialog.getByRole('combobox', { name: '流程' });
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    // The search finds a process a person starts (so an empty list below is the filter, not the search)…
    await processBox.fill('客户关系');
    await options.filter({ hasText: '客户关系管理流程' }).waitFor();
    // …and none of the system's.
    for (const name of ['决策表变更', '逾期应收', 'decision-change', 'credit-overdue-check']) {
      await processBox.fill(name);
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-empty').waitFor();
      expect(await options.count(), name).toBe(0);
    }
  });
});
