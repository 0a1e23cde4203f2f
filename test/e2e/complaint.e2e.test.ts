import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from './browser';
import { expectCaseStatus, expectGoneFromInbox, openCase, openConsole, openTask, signInAs, startCase, switchUser, waitRefreshing } from './console-steps';

// 客户投诉管理流程 (PROCESSES.md §5) from start to end through the console, each lane's role
// signing in in turn — the happy path of test/integration/processes/complaint.test.ts.

const AGENT = 'zj.cs_agent';
const DEPT = 'zj.department';
const MANAGER = 'zj.cs_manager';
const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

describe('客户投诉管理流程 in the console', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-complaint');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('registered by the agent, investigated and planned by the department, approved by the manager, implemented, accepted, archived', async () => {
    const page = await openConsole(site);
    const title = `宁波港城 净水器漏水投诉 ${Date.now().toString(36)}`;

    // 客服人员 receives the complaint: 新建 with the customer looked up by name.
    await signInAs(page, AGENT);
    const c = await startCase(page, { process: '客户投诉管理流程', title, customer: '宁波港城' });
    await waitRefreshing(page, page.getByRole('link', { name: '受理投诉并记录投诉内容' }));

    let form = await openTask(page, c, '受理投诉并记录投诉内容');
    // The customer chosen in 新建 is already in the form.
    expect(await form.valueOf('客户名称')).toBe('宁波港城贸易有限公司');
    await form.fillAll({ 地址: '宁波市鄞州区天童南路 88 号', 涉及产品: 'WP-10 净水器' });
    await form.dateTime('投诉时间（日期）', hours(-1));
    await form.select('投诉渠道', '服务热线');
    await form.select('严重程度', '严重');
    await form.fillAll({ 投诉内容: '新购净水器安装三天后漏水，地板受损，多次致电未获答复。', 客户诉求: '更换新机并赔偿地板损失' });
    await form.complete();
    await expectGoneFromInbox(page, c, '受理投诉并记录投诉内容');

    form = await openTask(page, c, '转交处理（初步分析）');
    await form.fill('初步分析', '漏水属实，疑为接头质量问题');
    await form.check('投诉属实（确实存在问题，转交有关部门处理）');
    await form.complete();
    await expectGoneFromInbox(page, c, '转交处理（初步分析）');

    // 有关部门 investigates and proposes a plan.
    await switchUser(page, DEPT);
    form = await openTask(page, c, '调查投诉案件并确定负责人');
    await form.fillAll({ 调查情况: '上门查看：进水接头密封圈破损', 原因分析: '同批次密封圈来料不良' });
    await form.choose('责任归属', '己方原因');
    await form.select('责任部门', '质量管理部');
    await form.fill('直接负责人', '李工');
    await form.complete();
    await expectGoneFromInbox(page, c, '调查投诉案件并确定负责人');

    form = await openTask(page, c, '提出处理方案');
    await form.fill('处理方案', '更换新机，赔偿地板损失 800 元');
    await form.dateTime('承诺处理期限（日期）', hours(72));
    await form.fill('赔偿/补偿金额', 800);
    await form.complete();
    await expectGoneFromInbox(page, c, '提出处理方案');

    // 客服经理 approves.
    await switchUser(page, MANAGER);
    form = await openTask(page, c, '客服经理审批');
    await form.decide('同意', '同意换机并赔偿');
    await expectGoneFromInbox(page, c, '客服经理审批');

    // 客服人员 tells the customer, who agrees.
    await switchUser(page, AGENT);
    form = await openTask(page, c, '告知协商');
    await form.check('客户认可处理方案');
    await form.fill('协商记录（客户意见）', '客户同意换机及赔偿，已告知 3 天内处理完毕');
    await form.complete();
    await expectGoneFromInbox(page, c, '告知协商');

    await switchUser(page, DEPT);
    form = await openTask(page, c, '实施处理方案');
    await form.fill('处理结果及措施', '已上门换机并支付赔偿 800 元');
    await form.check('已向客户通告处理结果和措施');
    await form.complete();
    await expectGoneFromInbox(page, c, '实施处理方案');

    await switchUser(page, AGENT);
    form = await openTask(page, c, '客服人员反馈');
    await form.check('客户对处理结果满意');
    await form.choose('满意度评分', '5 非常满意');
    await form.fill('客户意见', '处理及时');
    await form.complete();
    await expectGoneFromInbox(page, c, '客服人员反馈');

    await switchUser(page, DEPT);
    form = await openTask(page, c, '总结评价');
    await form.fillAll({ 总结评价: '密封圈来料不良导致漏水，已换机赔偿', 产品或服务改进措施: '加强密封圈来料检验', 奖惩通知: '质量管理部来料检验责任人通报批评' });
    await form.complete();
    await expectGoneFromInbox(page, c, '总结评价');

    // The agent responsible for the case (首问责任制) sees it archived, with its complaint record.
    await switchUser(page, AGENT);
    await openCase(page, c);
    await expectCaseStatus(page, '已完成');
    await page.getByText('流程实例已结束').waitFor();
    const record = page.getByRole('region', { name: '客户投诉记录' });
    await record.getByText(/^TS-\d{4}-\d{2}-\d{6}$/).waitFor();
    for (const shown of ['严重', '服务热线', '质量管理部', '李工', '¥800.00', '更换新机，赔偿地板损失 800 元']) await record.getByText(shown, { exact: true }).first().waitFor();
    await page.context().close();
  });
});
