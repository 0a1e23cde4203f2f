import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from './browser';
import { expectCaseStatus, expectGoneFromInbox, openCase, openConsole, openTask, signInAs, startCase, switchUser, waitRefreshing } from './console-steps';

// 售后维修保养服务流程 (PROCESSES.md §4) from start to end through the console: the agent receives
// the repair, the engineer named on the 派工单 repairs and tests it, the agent records the
// customer's pickup signature (a BPMN message) on the case page and calls back — the happy path
// of test/integration/processes/repair.test.ts, on the demo customer's in-warranty purchase.

const AGENT = 'zj.cs_agent';
const ENGINEER = 'zj.engineering';
const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

describe('售后维修保养服务流程 in the console', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-repair');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('received and scheduled by the agent, repaired and accepted by the engineer, signed for, called back, archived with its 派工单', async () => {
    const page = await openConsole(site);
    const title = `宁波港城 净水器维修 ${Date.now().toString(36)}`;

    await signInAs(page, AGENT);
    const c = await startCase(page, { process: '售后维修保养服务流程', title, customer: '宁波港城' });

    let form = await openTask(page, c, '接待报修并查验凭证');
    expect(await form.valueOf('客户编号')).toBe('C0002');
    expect(await form.valueOf('客户名称')).toBe('宁波港城贸易有限公司');
    // The demo purchase GM-DEMO-0002: a WP-10 water purifier bought 10 days ago, in warranty.
    await form.fillAll({ 产品编号: 'P-WP-10', 购买记录编号: 'GM-DEMO-0002', 发票号: 'FP-33020002' });
    await form.choose('服务类型', '维修');
    await form.fill('故障描述 / 保养要求', '开机后无法出水，指示灯闪烁');
    await form.complete();
    await expectGoneFromInbox(page, c, '接待报修并查验凭证');

    // In warranty, so no fee to confirm; a portable product is suggested for 送修.
    form = await openTask(page, c, '确认维修或保养方式');
    await form.root.getByText('建议方式：送修').waitFor();
    await form.choose('维修或保养方式', '送修（客户携带产品到服务网点）');
    await form.fill('送修网点', '宁波鄞州维修站');
    await form.complete();
    await expectGoneFromInbox(page, c, '确认维修或保养方式');

    form = await openTask(page, c, '确认维修或保养时间');
    await form.dateTime('预约时间（日期）', hours(24));
    await form.fill('约定完成时限（小时）', 48);
    await form.fill('指派工程师（用户名）', ENGINEER);
    await form.complete();
    await expectGoneFromInbox(page, c, '确认维修或保养时间');

    // The engineer named on the 派工单 repairs and tests the product.
    await switchUser(page, ENGINEER);
    form = await openTask(page, c, '维修或保养');
    await form.root.getByText(/派工单 PG-\d{4}-\d{2}-\d{6}：送修，维修/).waitFor();
    await form.fillAll({ 故障原因: '进水电磁阀损坏', '维修 / 保养内容': '更换进水电磁阀，试机正常', 更换配件: '进水电磁阀', '工时（小时）': 1.5 });
    await form.complete();
    await expectGoneFromInbox(page, c, '维修或保养');

    form = await openTask(page, c, '产品验收');
    await form.choose('测试检查结果', '合格');
    await form.fill('产品故障检测报告', '连续运行 2 小时，出水正常，无渗漏');
    await form.complete();
    await expectGoneFromInbox(page, c, '产品验收');

    await switchUser(page, AGENT);
    form = await openTask(page, c, '告知取货或送货');
    await form.choose('取货方式', '客户到网点取货');
    await form.dateTime('约定取货/送货时间（日期）', hours(48));
    await form.select('通知方式', '电话');
    await form.complete();
    await expectGoneFromInbox(page, c, '告知取货或送货');

    // The customer signs for the product at the service point: recorded on the case page.
    await openCase(page, c);
    const awaited = page.getByTestId('awaited-messages');
    await waitRefreshing(page, awaited.getByText('customer-signed'));
    await awaited.getByRole('button', { name: /登\s*记/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: /登记/ });
    await dialog.getByLabel('来自（签字人 / 来源）').fill('李芳');
    await dialog.getByLabel('备注').fill('已当面验收并签字');
    await dialog.getByRole('button', { name: /送达流程/ }).click();
    // Delivered: the dialog closes and the case no longer waits for the signature.
    await dialog.waitFor({ state: 'detached' });
    await waitRefreshing(page, awaited, { state: 'detached' });

    form = await openTask(page, c, '征求服务意见');
    await form.fill('客户对本次服务的意见', '维修及时，师傅态度好');
    await form.complete();
    await expectGoneFromInbox(page, c, '征求服务意见');

    form = await openTask(page, c, '回访');
    await form.choose('回访方式', '电话回访');
    await form.choose('总体满意度', '5 非常满意');
    await form.select('有形性（设施、工具、人员仪表）', '4 同意');
    await form.select('可靠性（一次修好、按承诺完成）', '5 非常同意');
    await form.select('响应性（及时、主动）', '5 非常同意');
    await form.select('保证性（专业、可信）', '4 同意');
    await form.select('移情性（理解客户、个性化关怀）', '5 非常同意');
    await form.fill('客户意见与建议', '很满意');
    await form.complete();
    await expectGoneFromInbox(page, c, '回访');

    await openCase(page, c);
    await expectCaseStatus(page, '已完成');
    await page.getByText('流程实例已结束').waitFor();
    const orders = page.getByRole('region', { name: '派工单' });
    const order = orders.getByRole('row').filter({ hasText: /PG-\d{4}-\d{2}-\d{6}/ });
    await order.waitFor();
    for (const shown of ['维修 · 送修', '保修期内', '¥0.00', '已完成']) await order.getByText(shown, { exact: true }).waitFor();
    const callbacks = page.getByRole('region', { name: '客户回访登记' });
    await callbacks.getByRole('row').filter({ hasText: '很满意' }).filter({ hasText: '电话' }).waitFor();
    await page.context().close();
  });
});
