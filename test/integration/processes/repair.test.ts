import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { betweenChinaDays, chinaDay, chinaMonthsBetween, daysBetween, plusDays } from '../../china-clock';
import { startEngine, type Engine } from '../../engine-harness';

// 售后维修保养服务流程 (PROCESSES.md §4): the shipped diagram bpmn/processes/repair.bpmn with its
// forms bpmn/forms/repair-*.form, deployed by the global setup and driven through the API by
// the users of 浙江 (zj) who hold each lane's role. The test's own products, fee schedule and
// purchases are inserted first (the demo rows of migration 005 exist only in databases that
// were seeded before it ran).

const AGENT = 'zj.cs_agent';
const ENGINEER = 'zj.engineering';
const MANAGER = 'zj.cs_manager';
const CUSTOMER = 'C0002'; // 宁波港城贸易有限公司, 浙江, internal

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toISOString();

const suffix = Date.now().toString(36);
const PORTABLE = { id: `T-RP-${suffix}`, model: `TRP-${suffix}`, repairFee: 180 };
const LARGE = { id: `T-RL-${suffix}`, model: `TRL-${suffix}`, repairFee: 1200 };
/** China's today when the purchases are seeded; the tests read them later, perhaps on China's next day. */
const SEEDED_ON = chinaDay();
const IN_WARRANTY = `GM-T-RIN-${suffix}`; // portable, bought 100 days ago, 12 months' warranty
const OUT_OF_WARRANTY = `GM-T-ROUT-${suffix}`; // large, bought 800 days ago, 24 months' warranty

const reception = (productId: string, purchaseId: string) => ({
  customerId: CUSTOMER,
  customerName: '宁波港城贸易有限公司',
  contactPerson: '李芳',
  phone: '0574-87654321',
  productId,
  purchaseId,
  invoiceNo: 'FP-0001',
  serviceKind: '维修',
  faultDescription: '开机后无法出水，指示灯闪烁',
});
const REPAIRED = { faultCause: '进水电磁阀损坏', repairResult: '更换进水电磁阀，试机正常', partsReplaced: '进水电磁阀', laborHours: 1.5 };
const PASSED = { testResult: '合格', testReport: '连续运行 2 小时，出水正常，无渗漏' };
const PICKUP = { deliveryArrangement: '客户取货', pickupAt: inHours(48), notifyChannel: '电话' };
const OPINION = { serviceOpinion: '维修及时，师傅态度好' };
const CALLBACK = { callbackMethod: '电话', satisfaction: 5, tangibles: 4, reliability: 5, responsiveness: 5, assurance: 4, empathy: 5, recovery: 3, callbackComments: '很满意' };

describe('售后维修保养服务流程 repair', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('repair');
    const db = e.stack.db;
    await db.query(`INSERT INTO product (id, name, model, portable, warranty_months) VALUES ($1, '测试净水器', $2, true, 12), ($3, '测试中央空调', $4, false, 24)`, [
      PORTABLE.id,
      PORTABLE.model,
      LARGE.id,
      LARGE.model,
    ]);
    await db.query(`INSERT INTO fee_schedule (model, service_kind, fee) VALUES ($1, '维修', $2), ($1, '保养', 60), ($3, '维修', $4), ($3, '保养', 300)`, [
      PORTABLE.model,
      PORTABLE.repairFee,
      LARGE.model,
      LARGE.repairFee,
    ]);
    await db.query(
      `INSERT INTO purchase (id, customer_id, product_id, purchased_on, invoice_no, warranty_card_no, warranty_ends_on) VALUES
         ($1, $2, $3, $6::date - 100, 'FP-T-1', 'BX-T-1', $6::date + 265),
         ($4, $2, $5, $6::date - 800, 'FP-T-2', 'BX-T-2', $6::date - 70)`,
      [IN_WARRANTY, CUSTOMER, PORTABLE.id, OUT_OF_WARRANTY, LARGE.id, SEEDED_ON],
    );
  });
  afterAll(async () => e?.close());

  /** Waits until the case's only open task is at `elementId`, completes it as `user` and expects 200. */
  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete') {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
    return task!;
  }

  const signed = async (caseId: string) => {
    const res = await e.post(AGENT, `/api/cases/${encodeURIComponent(caseId)}/messages`, { messageName: 'customer-signed', variables: { signedBy: '李芳', signedAt: new Date().toISOString() } });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
  };

  /** From 产品验收 (passed) to the end: pickup, signature, opinion, call-back, archive. */
  async function finishFromAcceptance(caseId: string) {
    await step(caseId, 'Activity_Acceptance', ENGINEER, PASSED);
    await step(caseId, 'Activity_NotifyPickup', AGENT, PICKUP);
    await e.waitForTasks(caseId, []);
    await signed(caseId);
    await step(caseId, 'Activity_ServiceOpinion', AGENT, OPINION);
    const callback = await step(caseId, 'Activity_Callback', AGENT, CALLBACK);
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    await expectCallbackDueByTier(caseId, callback.id);
    return result;
  }

  /** The 回访 is due by the case customer's tier's follow-up limit (客户分类标准), the reason on the trail. */
  async function expectCallbackDueByTier(caseId: string, taskId: string) {
    const { rows } = await e.stack.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM case_event WHERE case_id = $1 AND kind = 'task.dueByTier'`, [caseId]);
    const { rows: task } = await e.stack.db.query<{ due_at: Date }>('SELECT due_at FROM task WHERE id = $1', [taskId]);
    expect(rows.map((r) => r.payload).filter((p) => p.taskId === taskId)).toEqual([
      expect.objectContaining({ taskId, customerId: CUSTOMER, customerTier: expect.stringMatching(/^[ABCD]$/), limit: 'followUp', days: expect.any(Number), dueAt: task[0]!.due_at.toISOString() }),
    ]);
  }

  const workOrders = async (caseId: string) =>
    (
      await e.stack.db.query<{ id: string; mode: string; fee: string; in_warranty: boolean; engineer_id: string | null; status: string; service_kind: string; due_at: Date; appointment_at: Date }>(
        `SELECT id, mode, fee::text, in_warranty, engineer_id, status, service_kind, due_at, appointment_at FROM work_order WHERE case_id = $1 ORDER BY id`,
        [caseId],
      )
    ).rows;

  const tasksAt = async (caseId: string, elementId: string) =>
    (
      await e.stack.db.query<{ id: string; status: string; assignee_id: string | null }>(
        `SELECT id, status, assignee_id FROM task WHERE case_id = $1 AND element_id = $2 ORDER BY created_at, id`,
        [caseId, elementId],
      )
    ).rows;

  it('客户不满意 at 回访 (satisfaction 2): a new appointment and 派工单, repaired again, then satisfied and archived', async () => {
    const caseId = await e.start(AGENT, 'repair');
    await step(caseId, 'Activity_Reception', AGENT, reception(PORTABLE.id, IN_WARRANTY));
    await step(caseId, 'Activity_ConfirmMode', AGENT, { serviceMode: '送修' });
    await step(caseId, 'Activity_ConfirmTime', AGENT, { appointmentAt: inHours(24), agreedHours: 48, engineerId: ENGINEER });
    await step(caseId, 'Activity_Repair', ENGINEER, REPAIRED);
    await step(caseId, 'Activity_Acceptance', ENGINEER, PASSED);
    await step(caseId, 'Activity_NotifyPickup', AGENT, PICKUP);
    await e.waitForTasks(caseId, []);
    await signed(caseId);
    await step(caseId, 'Activity_ServiceOpinion', AGENT, OPINION);
    await step(caseId, 'Activity_Callback', AGENT, { ...CALLBACK, satisfaction: 2, callbackComments: '用了两天又不出水' });

    // Not archived: the agent makes a new appointment, which dispatches a second work order.
    await step(caseId, 'Activity_ConfirmTime', AGENT, { appointmentAt: inHours(24), agreedHours: 24, engineerId: ENGINEER });
    await step(caseId, 'Activity_Repair', ENGINEER, { ...REPAIRED, repairResult: '更换主板' });
    const result = await finishFromAcceptance(caseId);
    expect(result.variables).toMatchObject({ satisfaction: 5, archivedAt: expect.any(String) });
    expect((await workOrders(caseId)).map((w) => w.status)).toEqual(['closed', 'closed']);
    const { rows } = await e.stack.db.query(`SELECT satisfaction FROM callback_record WHERE case_id = $1 ORDER BY id`, [caseId]);
    expect(rows.map((r) => r.satisfaction)).toEqual([2, 5]);
  });

  it('in warranty, portable: free, 送修 suggested, work order PG-YYYY-MM-NNNNNN to the named engineer, signed, called back with SERVQUAL, archived', async () => {
    const started = Date.now();
    const caseId = await e.start(AGENT, 'repair');
    await step(caseId, 'Activity_Reception', AGENT, reception(PORTABLE.id, IN_WARRANTY));

    // 核算确认: in warranty, so no quote; the portable product is suggested for 送修. Bought 100 days
    // before SEEDED_ON, counted to China's today when the warranty was checked (since `started`).
    await e.waitForTasks(caseId, ['Activity_ConfirmMode']);
    const daysSincePurchase = betweenChinaDays(started, Date.now(), (today) => daysBetween(plusDays(SEEDED_ON, -100), today));
    expect((await e.state(caseId)).variables).toMatchObject({ inWarranty: true, purchaseFound: true, daysSincePurchase: expect.toBeOneOf(daysSincePurchase), suggestedMode: '送修', portable: true });
    await step(caseId, 'Activity_ConfirmMode', AGENT, { serviceMode: '送修', servicePoint: '宁波鄞州维修站' });
    await step(caseId, 'Activity_ConfirmTime', AGENT, { appointmentAt: inHours(24), agreedHours: 48, engineerId: ENGINEER });

    // 派工单 names the engineer, so the repair is assigned to them.
    const [repair] = await e.waitForTasks(caseId, ['Activity_Repair']);
    expect(repair!.assigneeId).toBe(ENGINEER);
    expect((await e.complete('zj.cs_agent', repair!.id, { outcome: 'complete', data: REPAIRED })).statusCode).not.toBe(200);
    expect((await e.complete(ENGINEER, repair!.id, { outcome: 'complete', data: REPAIRED })).statusCode).toBe(200);
    const result = await finishFromAcceptance(caseId);

    const [order] = await workOrders(caseId);
    expect(result.variables).toMatchObject({
      workOrderId: order!.id,
      inWarranty: true,
      fee: 0,
      serviceMode: '送修',
      testResult: '合格',
      signedBy: '李芳',
      satisfaction: 5,
      servqualAverage: 4.6,
      archivedAt: expect.any(String),
    });
    expect(order!.id).toMatch(new RegExp(`^PG-(${chinaMonthsBetween(started, Date.now()).join('|')})-\\d{6}$`));
    expect(order).toMatchObject({ mode: '送修', fee: '0.00', in_warranty: true, engineer_id: ENGINEER, status: 'closed', service_kind: '维修' });
    expect(order!.due_at.getTime() - order!.appointment_at.getTime()).toBe(48 * 3_600_000);
    const { rows: callbacks } = await e.stack.db.query(`SELECT method, satisfaction, tangibles, reliability, responsiveness, assurance, empathy, recovery, comments, work_order_id FROM callback_record WHERE case_id = $1`, [caseId]);
    expect(callbacks).toEqual([{ method: '电话', satisfaction: 5, tangibles: 4, reliability: 5, responsiveness: 5, assurance: 4, empathy: 5, recovery: 3, comments: '很满意', work_order_id: order!.id }]);
    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Activity_CheckWarranty: 1, Event_CustomerSigned: 1, Activity_RecordCallback: 1, Activity_Archive: 1, EndEvent_Done: 1 });
    expect(state.completedCounts.Activity_QuoteFee).toBeUndefined();
    expect(await e.events(caseId)).toContain('case.archived:Activity_Archive');

    // The appointment was confirmed to the customer, times in China time.
    const notices = await e.stack.db.query(`SELECT channel, subject, body FROM customer_notification WHERE case_id = $1`, [caseId]);
    expect(notices.rows).toHaveLength(1);
    expect(notices.rows[0]).toMatchObject({ channel: 'email', subject: `维修预约确认 ${order!.id}` });
    expect(notices.rows[0].body).toMatch(new RegExp(`^您的维修预约已确认：派工单 ${order!.id}，方式 送修，预约时间 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}。请按时将产品送至服务网点。$`));
  });

  it('out of warranty, large product: quoted from the fee schedule, agreed at a discount, 上门; acceptance fails once and goes back to repair', async () => {
    const caseId = await e.start(AGENT, 'repair');
    await step(caseId, 'Activity_Reception', AGENT, reception(LARGE.id, OUT_OF_WARRANTY));

    await e.waitForTasks(caseId, ['Activity_ConfirmFee']);
    expect((await e.state(caseId)).variables).toMatchObject({ inWarranty: false, quotedFee: LARGE.repairFee, fee: LARGE.repairFee, feeScheduleFound: true, suggestedMode: '上门' });
    await step(caseId, 'Activity_ConfirmFee', AGENT, { fee: 1100, feeAccepted: true, feeNotes: 'A 类客户九折优惠' });
    await step(caseId, 'Activity_ConfirmMode', AGENT, { serviceMode: '上门', serviceAddress: '宁波市鄞州区中山东路 88 号' });
    await step(caseId, 'Activity_ConfirmTime', AGENT, { appointmentAt: inHours(24), agreedHours: 8 });

    // No engineer named: any 工程部 user of the unit takes it.
    const first = await step(caseId, 'Activity_Repair', ENGINEER, { repairResult: '补充冷媒' });
    expect(first.assigneeId).toBeNull();
    await step(caseId, 'Activity_Acceptance', ENGINEER, { testResult: '不合格', testReport: '制冷效果仍不达标，压缩机异响' });
    const second = await step(caseId, 'Activity_Repair', ENGINEER, { repairResult: '更换压缩机' });
    expect(second.id).not.toBe(first.id);
    const result = await finishFromAcceptance(caseId);

    expect(result.variables).toMatchObject({ inWarranty: false, fee: 1100, serviceMode: '上门', repairResult: '更换压缩机', testResult: '合格' });
    expect(await workOrders(caseId)).toEqual([expect.objectContaining({ mode: '上门', fee: '1100.00', in_warranty: false, engineer_id: null, status: 'closed' })]);
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_QuoteFee: 1, Activity_Repair: 2, Activity_Acceptance: 2, Activity_CreateWorkOrder: 1 });
  });

  it('客户不同意付费: ends as 客户放弃 without a work order, archived like every other end', async () => {
    const caseId = await e.start(AGENT, 'repair');
    await step(caseId, 'Activity_Reception', AGENT, { ...reception(LARGE.id, OUT_OF_WARRANTY), serviceKind: '保养' });
    await e.waitForTasks(caseId, ['Activity_ConfirmFee']);
    expect((await e.state(caseId)).variables).toMatchObject({ quotedFee: 300 });
    await step(caseId, 'Activity_ConfirmFee', AGENT, { fee: 300, feeAccepted: false, feeNotes: '客户认为保养费偏高' });

    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_ArchiveAbandoned: 1, EndEvent_Abandoned: 1 });
    expect(await workOrders(caseId)).toEqual([]);
    // The reception and the refused quote are a customer file too: in the register, once.
    expect(result.variables).toMatchObject({ archivedAt: expect.any(String), archiveNo: expect.stringMatching(/^DA-/) });
    const archive = (await e.stack.db.query('SELECT * FROM archive WHERE case_id = $1', [caseId])).rows;
    expect(archive).toEqual([expect.objectContaining({ id: result.variables.archiveNo, customer_id: CUSTOMER, archive_type: 'repair', status: 'in_stock' })]);
    expect(archive[0].records).toMatchObject({ feeAccepted: false, quotedFee: 300 });
  });

  it('维修 past appointment + agreed time is withdrawn and escalated to the 客服经理: extended, overdue again, then confirmed repaired', async () => {
    const caseId = await e.start(AGENT, 'repair');
    await step(caseId, 'Activity_Reception', AGENT, reception(PORTABLE.id, IN_WARRANTY));
    await step(caseId, 'Activity_ConfirmMode', AGENT, { serviceMode: '送修' });
    // Someone who is not an engineer cannot be dispatched: the order goes to the 工程部 pool.
    await step(caseId, 'Activity_ConfirmTime', AGENT, { appointmentAt: inSeconds(2), agreedHours: 0, engineerId: 'zj.cs_agent' });

    const [repair] = await e.waitForTasks(caseId, ['Activity_Repair']);
    expect(repair!.assigneeId).toBeNull();
    const [escalation] = await e.waitForTasks(caseId, ['Activity_EscalateOverdue']);
    expect((await tasksAt(caseId, 'Activity_Repair')).map((t) => t.status)).toEqual(['cancelled']);

    // 延期: a new deadline, which passes as well.
    const extended = await e.complete(MANAGER, escalation!.id, {
      outcome: 'complete',
      data: { escalationNote: '配件到货延迟，延期并已告知客户', escalationDecision: 'extend', appointmentDeadline: inSeconds(2) },
    });
    expect(extended.statusCode).toBe(200);
    await step(caseId, 'Activity_EscalateOverdue', MANAGER, { escalationNote: '工程师已电话确认修复', escalationDecision: 'done' });

    const result = await finishFromAcceptance(caseId);
    expect(result.variables).toMatchObject({ escalationDecision: 'done', archivedAt: expect.any(String) });
    expect((await tasksAt(caseId, 'Activity_Repair')).map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    expect(await workOrders(caseId)).toEqual([expect.objectContaining({ engineer_id: null, status: 'closed' })]);
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Event_RepairOverdue: 2, Activity_EscalateOverdue: 2, Activity_Acceptance: 1 });
  });
});
