import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearOfChinaMidnight } from '../china-clock';
import { startSite, type Site } from './browser';
import { expectCaseStatus, expectGoneFromInbox, openCase, openConsole, openTask, signInAs, startCase } from './console-steps';

// 售后客户跟踪服务流程 (PROCESSES.md §3) from start to end through the console: the agent builds
// the customer's profile, plans the call-back (for a time already past, so the timer fires at
// once), calls back, finds no service need and records the opinion with SERVQUAL; the manager
// summarises — the "no service need" path of test/integration/processes/follow-up.test.ts.
// 宁波港城 (C0002) is tier B (50 % 回访 coverage) and GM-DEMO-0002's sample is 3452 of 10000: called back.

const AGENT = 'zj.cs_agent';

describe('售后客户跟踪服务流程 in the console', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-follow-up');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('profiled, planned, called back at the planned time, no need, opinion recorded and summarised by the agent, archived', async () => {
    const page = await openConsole(site);
    const title = `宁波港城 净水器售后跟踪 ${Date.now().toString(36)}`;

    await signInAs(page, AGENT);
    const c = await startCase(page, { process: '售后客户跟踪服务流程', title, customer: '宁波港城' });

    let form = await openTask(page, c, '整理客户资料并建立客户档案');
    expect(await form.valueOf('客户编号')).toBe('C0002');
    expect(await form.valueOf('联系人')).toBe('李芳');
    await form.fillAll({ 产品编号: 'P-WP-10', 购买记录编号: 'GM-DEMO-0002', '客户资料（交易资料、基本信息、日常服务记录）': '2024 年起的老客户，采购净水器用于办公室' });
    await form.complete();
    await expectGoneFromInbox(page, c, '整理客户资料并建立客户档案');

    // The purchase was looked up between the steps; the plan's call-back time is now (rounded down).
    form = await openTask(page, c, '确定回访或调研方案');
    await form.root.getByText(/购买信息：净水器，购于 \S+/).waitFor();
    await form.choose('回访方式', '电话回访');
    await form.select('回访周期', '每季度');
    // Now, to the minute: refused as a past day if China's midnight passes before 完成 reaches the
    // server (typed 23:59, checked 00:00), so not in the last minute and a half of China's day.
    await clearOfChinaMidnight(90_000);
    await form.dateTime('计划回访时间（日期）', new Date());
    await form.fill('回访 / 调研内容', '产品使用情况、服务满意度');
    await form.complete();
    await expectGoneFromInbox(page, c, '确定回访或调研方案');

    // The timer has passed: the call-back is waiting.
    form = await openTask(page, c, '回访');
    await form.fillAll({ 产品使用情况: '每天使用，出水量正常', 服务提供质量: '安装人员专业' });
    await form.complete();
    await expectGoneFromInbox(page, c, '回访');

    form = await openTask(page, c, '客户意见反馈');
    await form.fillAll({ 客户意见: '希望定期提醒更换滤芯', 产品存在的问题: '无' });
    await form.complete();
    await expectGoneFromInbox(page, c, '客户意见反馈');

    form = await openTask(page, c, '确定服务需求');
    await form.choose('服务需求', '无需处理');
    await form.complete();
    await expectGoneFromInbox(page, c, '确定服务需求');

    form = await openTask(page, c, '征求服务意见');
    await form.choose('征求意见方式', '电话回访');
    await form.choose('总体满意度', '4 满意');
    await form.select('有形性（设施、工具、人员仪表）', '4 同意');
    await form.select('可靠性（一次修好、按承诺完成）', '4 同意');
    await form.select('响应性（及时、主动）', '5 非常同意');
    await form.select('保证性（专业、可信）', '4 同意');
    await form.select('移情性（理解客户、个性化关怀）', '3 一般');
    await form.fill('客户意见与建议', '回访及时');
    await form.complete();
    await expectGoneFromInbox(page, c, '征求服务意见');

    // 服务质量总结 is the 客服人员's own step (seed 002), not the manager's.
    form = await openTask(page, c, '服务质量总结');
    await form.fillAll({ 服务质量总结: '客户总体满意，响应及时', 改善措施: '回访时主动提醒滤芯更换周期' });
    await form.complete();
    await expectGoneFromInbox(page, c, '服务质量总结');

    await openCase(page, c);
    await expectCaseStatus(page, '已完成');
    await page.getByText('流程实例已结束').waitFor();
    const callback = page.getByRole('region', { name: '客户回访登记' }).getByRole('row').filter({ hasText: '回访及时' });
    await callback.waitFor();
    await callback.getByText('电话', { exact: true }).waitFor();
    await callback.getByLabel('4/5').waitFor();
    await page.context().close();
  });
});
