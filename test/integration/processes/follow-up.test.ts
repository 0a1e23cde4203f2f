import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { betweenChinaDays, chinaDay, daysBetween, plusDays } from '../../china-clock';
import { startEngine, type Engine } from '../../engine-harness';
import { eventually } from '../../helpers';

// 售后客户跟踪服务流程 (PROCESSES.md §3): the shipped diagram bpmn/processes/after-sales-follow-up.bpmn
// with its forms bpmn/forms/follow-up-*.form, calling the shipped repair process for 维修/保养.
// Purchases are inserted relative to today's date in China, so the 15-day return and 30-day
// exchange windows are tested at their edges (the pure date logic is unit-tested in
// activities/service-records.test.ts).

const AGENT = 'zj.cs_agent';
const ENGINEER = 'zj.engineering';
const MANAGER = 'zj.cs_manager';
const CUSTOMER = 'C0002';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toISOString();

const suffix = Date.now().toString(36);
const PRODUCT = `T-FU-${suffix}`;
/** Purchases bought N days before SEEDED_ON (Asia/Shanghai calendar days). */
const bought = (days: number) => `GM-T-FU${days}-${suffix}`;
/**
 * China's today when the purchases are seeded. A case reads the purchase later, on China's next day
 * if its midnight passed meanwhile: the age it counts is then N + 1 (`ageWhenChecked`).
 */
const SEEDED_ON = chinaDay();
const AGES = [15, 16, 30, 31, 200];

const PROFILE = (purchaseId: string) => ({
  customerId: CUSTOMER,
  customerName: '宁波港城贸易有限公司',
  contactPerson: '李芳',
  phone: '0574-87654321',
  productId: PRODUCT,
  purchaseId,
  customerProfile: '2024 年起的老客户，采购净水器用于办公室',
});
const PLAN = (at: string) => ({ callbackMethod: '电话', callbackCycle: '每季度', plannedCallbackAt: at, surveyTopics: '产品使用情况、服务满意度' });
const CALLBACK = { productUsage: '每天使用，出水量偏小', serviceQualityNotes: '安装人员专业' };
const FEEDBACK = { customerOpinion: '希望能上门检查一下', productIssues: '出水量偏小' };
const OPINION = { callbackMethod: '电话', satisfaction: 4, tangibles: 4, reliability: 4, responsiveness: 5, assurance: 4, empathy: 3, callbackComments: '处理及时' };
const SUMMARY = { qualitySummary: '客户总体满意，响应及时', improvementMeasures: '回访时主动提醒滤芯更换周期' };

describe('售后客户跟踪服务流程 after-sales-follow-up', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('follow-up');
    const db = e.stack.db;
    // Tier A: every purchase called back (customer_tier_rule), whatever its number; the sampling of
    // lower tiers is follow-up-coverage.test.ts's.
    await db.query(`UPDATE customer SET tier = 'A' WHERE id = $1`, [CUSTOMER]);
    await db.query(`INSERT INTO product (id, name, model, portable, warranty_months) VALUES ($1, '测试净水器', $2, true, 24)`, [PRODUCT, `TFU-${suffix}`]);
    for (const days of AGES) {
      await db.query(
        `INSERT INTO purchase (id, customer_id, product_id, purchased_on, warranty_ends_on)
         VALUES ($1, $2, $3, $5::date - $4::int, $5::date - $4::int + 729)`,
        [bought(days), CUSTOMER, PRODUCT, days, SEEDED_ON],
      );
    }
  });
  afterAll(async () => e?.close());

  /** The ages a purchase bought `days` before SEEDED_ON may have had when a check ran between `fromMs` and now. */
  const ageWhenChecked = (days: number, fromMs: number) => betweenChinaDays(fromMs, Date.now(), (today) => daysBetween(plusDays(SEEDED_ON, -days), today));

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome: 'complete', data });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
    return task!;
  }

  /** 整理客户资料 → 查询购买信息 → 回访方案 → (timer) 回访 → 意见反馈 → 确定服务需求. */
  async function upToNeed(caseId: string, purchaseId: string, need: Record<string, unknown>) {
    await step(caseId, 'Activity_CustomerProfile', AGENT, PROFILE(purchaseId));
    await step(caseId, 'Activity_PlanCallback', AGENT, PLAN(inSeconds(1)));
    await step(caseId, 'Activity_Callback', AGENT, CALLBACK);
    await step(caseId, 'Activity_CustomerFeedback', AGENT, FEEDBACK);
    await step(caseId, 'Activity_DetermineNeed', AGENT, need);
  }

  /** 征求服务意见 → 登记回访 → 服务质量总结 (the 客服人员's step, as the seed says; not the manager's) → 归档. */
  async function finish(caseId: string) {
    await step(caseId, 'Activity_SolicitOpinion', AGENT, OPINION);
    const [summary] = await e.waitForTasks(caseId, ['Activity_QualitySummary']);
    expect((await e.complete(MANAGER, summary!.id, { outcome: 'complete', data: SUMMARY })).statusCode).toBe(403);
    await step(caseId, 'Activity_QualitySummary', AGENT, SUMMARY);
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    return result;
  }

  it('客户不满意 (2 of 5) re-opens handling: back to 确定服务需求, handled again, then satisfied and summarised', async () => {
    const caseId = await e.start(AGENT, 'after-sales-follow-up');
    await upToNeed(caseId, bought(200), { serviceNeed: '无' });
    await step(caseId, 'Activity_SolicitOpinion', AGENT, { ...OPINION, satisfaction: 2, callbackComments: '问题没有解决' });
    // Not the manager's summary: the agent decides the service need again.
    await step(caseId, 'Activity_DetermineNeed', AGENT, { serviceNeed: '无' });
    const result = await finish(caseId);
    expect(result.variables).toMatchObject({ satisfaction: 4 });
    const { rows } = await e.stack.db.query(`SELECT satisfaction FROM callback_record WHERE case_id = $1 ORDER BY id`, [caseId]);
    expect(rows.map((r) => r.satisfaction)).toEqual([2, 4]);
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_DetermineNeed: 2, Activity_SolicitOpinion: 2, Activity_QualitySummary: 1 });
  });

  it('no service need: waits for the planned call-back time, records the opinion with SERVQUAL, summarised by the 客服人员', async () => {
    const started = Date.now();
    const caseId = await e.start(AGENT, 'after-sales-follow-up');
    await step(caseId, 'Activity_CustomerProfile', AGENT, PROFILE(bought(200)));
    await e.waitForTasks(caseId, ['Activity_PlanCallback']);
    expect((await e.state(caseId)).variables).toMatchObject({ purchaseFound: true, daysSincePurchase: expect.toBeOneOf(ageWhenChecked(200, started)), inWarranty: true, returnEligible: false, productName: '测试净水器' });

    // The call-back waits for its planned time.
    await step(caseId, 'Activity_PlanCallback', AGENT, PLAN(inSeconds(3)));
    await e.waitForTasks(caseId, []);
    expect((await e.state(caseId)).activeElements).toEqual(['Event_CallbackDue']);
    await step(caseId, 'Activity_Callback', AGENT, CALLBACK);
    await step(caseId, 'Activity_CustomerFeedback', AGENT, FEEDBACK);
    await step(caseId, 'Activity_DetermineNeed', AGENT, { serviceNeed: '无' });
    const result = await finish(caseId);

    expect(result.variables).toMatchObject({ serviceNeed: '无', satisfaction: 4, servqualAverage: 4, qualitySummary: SUMMARY.qualitySummary, archivedAt: expect.any(String) });
    const { rows } = await e.stack.db.query(`SELECT method, satisfaction, empathy FROM callback_record WHERE case_id = $1`, [caseId]);
    expect(rows).toEqual([{ method: '电话', satisfaction: 4, empathy: 3 }]);
    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Event_CallbackDue: 1, Gateway_NeedMerge: 1, Activity_RecordCallback: 1, Activity_Archive: 1, EndEvent_Done: 1 });
    expect(state.completedCounts.Activity_RepairService).toBeUndefined();
    expect(state.completedCounts.Activity_CheckReturnWindow).toBeUndefined();
  });

  it('维修: starts the repair process as a child case and continues after it ends, with its work order and result', async () => {
    const caseId = await e.start(AGENT, 'after-sales-follow-up');
    await upToNeed(caseId, bought(200), { serviceNeed: '维修', needDescription: '出水量偏小，需检查滤芯和水泵' });

    const childId = await eventually(
      async () => (await e.stack.db.query<{ id: string }>(`SELECT id FROM process_case WHERE parent_case_id = $1`, [caseId])).rows[0]?.id,
      20_000,
      'the repair child case',
    );
    expect(childId).toMatch(/^repair\//);
    // The child got the customer, product and purchase through the input mappings.
    const [reception] = await e.waitForTasks(childId, ['Activity_Reception']);
    expect((await e.state(childId)).variables).toMatchObject({ customerId: CUSTOMER, productId: PRODUCT, purchaseId: bought(200), serviceKind: '维修', faultDescription: '出水量偏小，需检查滤芯和水泵' });
    expect(await e.openTasks(caseId)).toEqual([]);

    const child = (await e.state(childId)).variables;
    const data = Object.fromEntries(['customerId', 'customerName', 'contactPerson', 'phone', 'productId', 'purchaseId', 'serviceKind', 'faultDescription'].map((k) => [k, child[k]]));
    expect((await e.complete(AGENT, reception!.id, { outcome: 'complete', data })).statusCode).toBe(200);
    await step(childId, 'Activity_ConfirmMode', AGENT, { serviceMode: '送修' });
    await step(childId, 'Activity_ConfirmTime', AGENT, { appointmentAt: inHours(24), agreedHours: 24 });
    await step(childId, 'Activity_Repair', ENGINEER, { repairResult: '更换滤芯，清洗水泵' });
    await step(childId, 'Activity_Acceptance', ENGINEER, { testResult: '合格', testReport: '出水量恢复正常' });
    await step(childId, 'Activity_NotifyPickup', AGENT, { deliveryArrangement: '客户取货' });
    const signed = await e.post(AGENT, `/api/cases/${encodeURIComponent(childId)}/messages`, { messageName: 'customer-signed', variables: { signedBy: '李芳' } });
    expect(signed.statusCode).toBe(200);
    await step(childId, 'Activity_ServiceOpinion', AGENT, { serviceOpinion: '满意' });
    await step(childId, 'Activity_Callback', AGENT, { ...OPINION, satisfaction: 5 });
    expect((await e.result(childId)).status).toBe('completed');

    const result = await finish(caseId);
    const { rows: orders } = await e.stack.db.query<{ id: string }>(`SELECT id FROM work_order WHERE case_id = $1`, [childId]);
    expect(result.variables).toMatchObject({
      serviceNeed: '维修',
      repairWorkOrderId: orders[0]!.id,
      repairInWarranty: true,
      repairFee: 0,
      repairSatisfaction: 5,
      repairCompleted: true,
      satisfaction: 4,
    });
    // Only the mapped outputs came back from the child.
    expect(result.variables.testReport).toBeUndefined();
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_RepairService: 1, Activity_RecordCallback: 1, EndEvent_Done: 1 });
    const { rows: parent } = await e.stack.db.query(`SELECT parent_case_id, status FROM process_case WHERE id = $1`, [childId]);
    expect(parent).toEqual([{ parent_case_id: caseId, status: 'completed' }]);
  });

  /**
   * 退货/换货 for a purchase `days` old: handled within the window, explained and refused outside it.
   * `days` old when the window is checked, unless China's midnight passed since the purchases were
   * seeded: then a day older, and the edge moves with it (the age the check counted decides).
   */
  async function returnOrExchange(need: '退货' | '换货', seededDays: number) {
    const started = Date.now();
    const caseId = await e.start(AGENT, 'after-sales-follow-up');
    await upToNeed(caseId, bought(seededDays), { serviceNeed: need, needDescription: `客户要求${need}` });
    await eventually(async () => ((await e.openTasks(caseId)).some((t) => ['Activity_ReturnExchange', 'Activity_ExplainRefusal'].includes(t.elementId)) ? true : undefined), 20_000, '核对退换期限');
    const days = (await e.state(caseId)).variables.daysSincePurchase as number;
    expect(days).toBeOneOf(ageWhenChecked(seededDays, started));
    const eligible = need === '退货' ? days <= 15 : days <= 30;
    if (eligible) {
      await step(caseId, 'Activity_ReturnExchange', AGENT, { handlingNotes: `已办理${need}`, ...(need === '退货' ? { refundAmount: 2999 } : { replacementSerialNo: 'SN-0001' }), returnExchangeDone: true });
    } else {
      await step(caseId, 'Activity_ExplainRefusal', AGENT, { refusalExplanation: `购买已 ${days} 天，超过${need}期限，建议维修`, customerAcceptedExplanation: true });
    }
    const result = await finish(caseId);
    expect(result.variables).toMatchObject({ serviceNeed: need, daysSincePurchase: days, returnEligible: days <= 15, exchangeEligible: days <= 30 });
    const counts = (await e.state(caseId)).completedCounts;
    expect(counts).toMatchObject({ Activity_CheckReturnWindow: 1, ...(eligible ? { Activity_ReturnExchange: 1 } : { Activity_ExplainRefusal: 1 }) });
    expect(counts[eligible ? 'Activity_ExplainRefusal' : 'Activity_ReturnExchange']).toBeUndefined();
  }

  it('退货 on day 15 after the purchase is handled', () => returnOrExchange('退货', 15));
  it('退货 on day 16 is refused with an explanation', () => returnOrExchange('退货', 16));
  it('换货 on day 30 after the purchase is handled', () => returnOrExchange('换货', 30));
  it('换货 on day 31 is refused with an explanation', () => returnOrExchange('换货', 31));
});
