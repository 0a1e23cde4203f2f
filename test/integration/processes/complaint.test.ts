import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { betweenChinaDays, chinaMonthsBetween, plusDays } from '../../china-clock';
import { startEngine, type Engine } from '../../engine-harness';

// 客户投诉管理流程 (PROCESSES.md §5): the shipped diagram bpmn/processes/complaint.bpmn with its
// forms bpmn/forms/complaint-*.form, deployed by the global setup and driven through the API
// by the users of 浙江 (zj) who hold each lane's role.

const AGENT = 'zj.cs_agent';
const DEPT = 'zj.department';
const MANAGER = 'zj.cs_manager';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toISOString();

// Form data that satisfies each step's form.
const REGISTER = {
  customerName: '杭州明达贸易有限公司',
  contactPerson: '王先生',
  phone: '0571-88886666',
  address: '杭州市西湖区文三路 100 号',
  receivedAt: '2026-03-02T09:30+08:00',
  complaintChannel: 'hotline',
  product: 'SW-200 净水器',
  severity: 'serious',
  complaintContent: '新购净水器安装三天后漏水，地板受损，多次致电未获答复。',
  customerRequest: '更换新机并赔偿地板损失',
};
const triage = (isValid: boolean) => ({ preliminaryAnalysis: isValid ? '漏水属实，疑为接头质量问题' : '客户未按说明书安装，产品无质量问题', isValid });
const INVESTIGATION = {
  investigationFindings: '上门查看：进水接头密封圈破损',
  causeAnalysis: '同批次密封圈来料不良',
  causeType: 'own',
  responsibleDepartment: 'quality',
  responsiblePerson: '李工',
};
const solution = (plan: string, deadline = inHours(72), compensationAmount = 800) => ({ solutionPlan: plan, solutionDeadline: deadline, compensationAmount });
const NEGOTIATED = { customerAgreed: true, negotiationNotes: '客户同意换机及赔偿，已告知 3 天内处理完毕' };
const IMPLEMENTED = { implementationResult: '已上门换机并支付赔偿 800 元', customerNotified: true };
const SATISFIED = { satisfied: true, satisfactionScore: 5, customerComments: '处理及时' };
const SUMMARY = { summary: '密封圈来料不良导致漏水，已换机赔偿', improvementMeasures: '加强密封圈来料检验', rewardPenaltyNotice: '质量管理部来料检验责任人通报批评' };

describe('客户投诉管理流程 complaint', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('complaint');
  });
  afterAll(async () => e?.close());

  /** Waits until the case's only open task is at `elementId`, completes it as `user` and expects 200. */
  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
    return task!;
  }

  /** 受理投诉 → 编号 → 转交处理 (属实) → 调查投诉案件. */
  async function registerAndInvestigate(caseId: string) {
    await step(caseId, 'Activity_RegisterComplaint', AGENT, REGISTER);
    await step(caseId, 'Activity_Triage', AGENT, triage(true));
    return step(caseId, 'Activity_Investigate', DEPT, INVESTIGATION);
  }

  /** From 告知协商 to the end: agreed, implemented in time, customer satisfied, summarised, archived. */
  async function finishFromNegotiation(caseId: string) {
    await step(caseId, 'Activity_Negotiate', AGENT, NEGOTIATED);
    await step(caseId, 'Activity_ImplementSolution', DEPT, IMPLEMENTED);
    await step(caseId, 'Activity_Feedback', AGENT, SATISFIED);
    await step(caseId, 'Activity_Summarize', DEPT, SUMMARY);
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    return result;
  }

  const tasksAt = async (caseId: string, elementId: string) =>
    (
      await e.stack.db.query<{ id: string; status: string; outcome: string | null; comment: string | null; due_at: Date | null; created_at: Date }>(
        `SELECT id, status, outcome, comment, due_at, created_at FROM task WHERE case_id = $1 AND element_id = $2 ORDER BY created_at, id`,
        [caseId, elementId],
      )
    ).rows;

  const complaintRecord = async (caseId: string) =>
    (await e.stack.db.query<Record<string, unknown>>('SELECT * FROM complaint WHERE case_id = $1', [caseId])).rows[0];

  it('happy path: registered, numbered TS-YYYY-MM-NNNNNN, investigated within 1 working day, approved, implemented, satisfied, archived', async () => {
    const started = Date.now();
    const caseId = await e.start(AGENT, 'complaint', {}, { customerId: 'C0002' });
    await step(caseId, 'Activity_RegisterComplaint', AGENT, REGISTER);
    await step(caseId, 'Activity_Triage', AGENT, triage(true));

    // 调查投诉案件 is due in 1 working day (at least a day away, so after the 20-hour reminder);
    // the engine escalates it one org level up after that.
    const [investigation] = await e.waitForTasks(caseId, ['Activity_Investigate']);
    const [row] = await tasksAt(caseId, 'Activity_Investigate');
    expect(row!.due_at).not.toBeNull();
    expect(row!.due_at!.getTime() - row!.created_at.getTime()).toBeGreaterThan(23.9 * 3_600_000);
    const beforeProposal = Date.now();
    expect((await e.complete(DEPT, investigation!.id, { outcome: 'complete', data: INVESTIGATION })).statusCode).toBe(200);

    // 提出处理方案 opens with the deadline the severity recorded at registration proposes
    // (严重: 3 days, 18:00 China time), which the department may change. Three days from China's
    // today when the step opened: between the two clock readings here.
    const [propose] = await e.waitForTasks(caseId, ['Activity_ProposeSolution']);
    const detail = await e.stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(propose!.id)}`, headers: { cookie: await e.cookie(DEPT) } });
    const proposed = betweenChinaDays(beforeProposal, Date.now(), (today) => ({ solutionDeadline: `${plusDays(today, 3)}T18:00+08:00` }));
    expect(detail.json().taskVariables).toBeOneOf(proposed);
    await step(caseId, 'Activity_ProposeSolution', DEPT, solution('更换新机，赔偿地板损失 800 元'));
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve', '同意');
    const result = await finishFromNegotiation(caseId);

    // Numbered by the month in China (Asia/Shanghai, UTC+8) when it was registered, since `started`.
    const periods = chinaMonthsBetween(started, Date.now()).join('|');
    expect(result.variables).toMatchObject({
      complaintNo: expect.stringMatching(new RegExp(`^TS-(${periods})-\\d{6}$`)),
      archivedAt: expect.any(String),
      customerName: REGISTER.customerName,
      severity: 'serious',
      isValid: true,
      responsibleDepartment: 'quality',
      responsiblePerson: '李工',
      compensationAmount: 800,
      outcome: 'complete',
      satisfied: true,
      satisfactionScore: 5,
      rewardPenaltyNotice: SUMMARY.rewardPenaltyNotice,
    });
    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Activity_AssignNumber: 1, Activity_Archive: 1, EndEvent_Closed: 1 });
    expect(state.completedCounts.Event_InvestigationReminder).toBeUndefined();
    expect(state.completedCounts.Activity_Explain).toBeUndefined();
    expect(await e.events(caseId)).toContain('case.archived:Activity_Archive');

    // The business record: numbered as the case's variable says, filled in as the steps decided.
    const record = await complaintRecord(caseId);
    expect(record).toMatchObject({
      id: result.variables.complaintNo,
      stage: 'handling',
      severity: 'serious',
      channel: 'hotline',
      content: REGISTER.complaintContent,
      is_valid: true,
      cause_type: 'own',
      responsible_department: 'quality',
      responsible_person: '李工',
      compensation_amount: '800.00',
    });
    expect(record!.promised_deadline).toBeInstanceOf(Date);

    // The customer (with an e-mail address) got a receipt with the complaint's number, by e-mail.
    const notices = await e.stack.db.query(`SELECT channel, recipient, subject, body, status FROM customer_notification WHERE case_id = $1`, [caseId]);
    expect(notices.rows).toEqual([
      {
        channel: 'email',
        recipient: 'lifang@gangcheng.example.com',
        subject: `投诉受理回执 ${result.variables.complaintNo}`,
        body: `您的投诉已受理，编号 ${result.variables.complaintNo}。我们将在 1 个工作日内完成调查并与您联系。`,
        status: 'pending',
      },
    ]);
    expect(state.completedCounts).toMatchObject({ Activity_RecordInvestigation: 1, Activity_RecordPromise: 1 });
  });

  it('不属实: explained to the customer and closed without investigation', async () => {
    const caseId = await e.start(AGENT, 'complaint', {}, { customerId: 'C0003' });
    await step(caseId, 'Activity_RegisterComplaint', AGENT, REGISTER);
    await step(caseId, 'Activity_Triage', AGENT, triage(false));
    await step(caseId, 'Activity_Explain', AGENT, { explanation: '已说明正确的安装方法并上门指导', explanationChannel: 'in_person', explanationAccepted: true });

    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ isValid: false, complaintNo: expect.stringMatching(/^TS-\d{4}-\d{2}-\d{6}$/), explanationAccepted: true, archivedAt: expect.any(String) });
    // Not investigated, still a customer file: registered in the archive with its registration and explanation.
    const archive = (await e.stack.db.query('SELECT * FROM archive WHERE case_id = $1', [caseId])).rows;
    expect(archive).toEqual([expect.objectContaining({ id: result.variables.archiveNo, customer_id: 'C0003', archive_type: 'complaint', status: 'in_stock' })]);
    expect(archive[0].records).toMatchObject({ complaintNo: result.variables.complaintNo, isValid: false, explanation: '已说明正确的安装方法并上门指导' });
    // Recorded at registration, never investigated: no department, no promised deadline.
    expect(await complaintRecord(caseId)).toMatchObject({ id: result.variables.complaintNo, stage: 'registered', severity: 'serious', responsible_department: null, promised_deadline: null });
    // No e-mail address on file: the receipt is for an agent to phone through.
    const notices = await e.stack.db.query(`SELECT channel, recipient FROM customer_notification WHERE case_id = $1`, [caseId]);
    expect(notices.rows).toEqual([{ channel: 'phone', recipient: '025-8456 7890' }]);
    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Activity_Explain: 1, Activity_ArchiveExplained: 1, EndEvent_Explained: 1 });
    expect(state.completedCounts.Activity_Investigate).toBeUndefined();
  });

  it('客服经理 rejects the plan with a comment: back to 提出处理方案, then approved', async () => {
    const caseId = await e.start(AGENT, 'complaint');
    await registerAndInvestigate(caseId);

    // The compensation amount cannot be negative.
    const [propose] = await e.waitForTasks(caseId, ['Activity_ProposeSolution']);
    const negative = await e.complete(DEPT, propose!.id, { outcome: 'complete', data: solution('赔偿', inHours(72), -1) });
    expect(negative.statusCode).toBe(422);
    expect(negative.body.errors).toEqual([expect.objectContaining({ path: 'body.data.compensationAmount' })]);
    // A promised deadline before today, and a compensation nobody could pay (stored as 1e20 once), are refused too.
    const past = await e.complete(DEPT, propose!.id, { outcome: 'complete', data: solution('赔偿', inHours(-48), 99999999999999999999) });
    expect(past.statusCode).toBe(422);
    expect(past.body.errors.map((x: { path: string }) => x.path)).toEqual(['body.data.solutionDeadline', 'body.data.compensationAmount']);
    expect((await e.complete(DEPT, propose!.id, { outcome: 'complete', data: solution('更换新机') })).statusCode).toBe(200);

    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '未考虑地板损失的赔偿' }, 'reject', '方案不够具体');
    const again = await step(caseId, 'Activity_ProposeSolution', DEPT, solution('更换新机，赔偿地板损失 800 元'));
    expect(again.id).not.toBe(propose!.id);
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve');
    await finishFromNegotiation(caseId);

    const approvals = await tasksAt(caseId, 'Activity_ManagerApproval');
    expect(approvals.map((t) => [t.status, t.outcome, t.comment])).toEqual([
      ['completed', 'reject', '方案不够具体'],
      ['completed', 'approve', null],
    ]);
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_ProposeSolution: 2, Activity_ManagerApproval: 2, Activity_Negotiate: 1 });
  });

  it('客户不满意: 客服人员反馈 sends the case back to a new plan, which is approved, implemented and accepted', async () => {
    const caseId = await e.start(AGENT, 'complaint');
    await registerAndInvestigate(caseId);
    await step(caseId, 'Activity_ProposeSolution', DEPT, solution('维修接头'));
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_Negotiate', AGENT, NEGOTIATED);
    await step(caseId, 'Activity_ImplementSolution', DEPT, { implementationResult: '已更换接头' });
    await step(caseId, 'Activity_Feedback', AGENT, { satisfied: false, satisfactionScore: 2, customerComments: '仍有渗水' });

    await step(caseId, 'Activity_ProposeSolution', DEPT, solution('更换新机'));
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意换机' }, 'approve');
    const result = await finishFromNegotiation(caseId);
    expect(result.variables).toMatchObject({ satisfied: true, satisfactionScore: 5, solutionPlan: '更换新机' });
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_Feedback: 2, Activity_ProposeSolution: 2, Gateway_ReplanMerge: 1, Activity_Archive: 1 });
  });

  it('客户不认可方案 at 告知协商: back to 提出处理方案', async () => {
    const caseId = await e.start(AGENT, 'complaint');
    await registerAndInvestigate(caseId);
    await step(caseId, 'Activity_ProposeSolution', DEPT, solution('维修接头'));
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_Negotiate', AGENT, { customerAgreed: false, negotiationNotes: '客户要求换新机' });
    await step(caseId, 'Activity_ProposeSolution', DEPT, solution('更换新机'));
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve');
    await finishFromNegotiation(caseId);
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_Negotiate: 2, Activity_ProposeSolution: 2, Gateway_ReplanMerge: 1 });
  });

  it('separation of duties: a 客服经理 who started the case may not approve its plan (403)', async () => {
    const caseId = await e.start(MANAGER, 'complaint');
    await registerAndInvestigate(caseId);
    await step(caseId, 'Activity_ProposeSolution', DEPT, solution('更换新机'));
    const [approval] = await e.waitForTasks(caseId, ['Activity_ManagerApproval']);
    const res = await e.complete(MANAGER, approval!.id, { outcome: 'approve', data: { approvalOpinion: '同意' } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toMatchObject({ code: 'task.separationOfDuties', detail: '发起案例的人不能处理此步骤（职责分离）。' });
    // Nothing moved: the approval is still waiting for another manager.
    expect((await e.openTasks(caseId)).map((t) => t.elementId)).toEqual(['Activity_ManagerApproval']);
  });

  it('form validation: 受理投诉 without required data is refused with 422 naming each field', async () => {
    const caseId = await e.start(AGENT, 'complaint');
    const [register] = await e.waitForTasks(caseId, ['Activity_RegisterComplaint']);
    const { complaintContent: _omitted, ...withoutContent } = REGISTER;
    const res = await e.complete(AGENT, register!.id, { outcome: 'complete', data: { ...withoutContent, severity: 'urgent', phone: '电话' } });
    expect(res.statusCode).toBe(422);
    const paths = (res.body.errors as Array<{ path: string }>).map((x) => x.path).sort();
    expect(paths).toEqual(['body.data.complaintContent', 'body.data.phone', 'body.data.severity']);

    // The task is still open and accepts complete data; the case then goes on.
    expect((await e.complete(AGENT, register!.id, { outcome: 'complete', data: REGISTER })).statusCode).toBe(200);
    await step(caseId, 'Activity_Triage', AGENT, triage(false));
    await step(caseId, 'Activity_Explain', AGENT, { explanation: '已解释' });
    expect((await e.result(caseId)).status).toBe('completed');
  });

  it('实施处理方案 past the promised deadline is interrupted and escalated to 处理超期升级; extended (the customer told), then escalated again and closed', async () => {
    const caseId = await e.start(AGENT, 'complaint', {}, { customerId: 'C0002' });
    await registerAndInvestigate(caseId);
    await step(caseId, 'Activity_ProposeSolution', DEPT, solution('更换新机', inSeconds(2)));
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_Negotiate', AGENT, NEGOTIATED);

    // The deadline passes while the department is implementing: the task is withdrawn, the manager takes over.
    const [escalation] = await e.waitForTasks(caseId, ['Activity_EscalateOverdue']);
    expect((await tasksAt(caseId, 'Activity_ImplementSolution')).map((t) => t.status)).toEqual(['cancelled']);
    const [escalationRow] = await tasksAt(caseId, 'Activity_EscalateOverdue');
    expect(escalationRow!.due_at).not.toBeNull();

    // 延期: a new promised deadline, which passes as well.
    const newDeadline = inSeconds(2);
    const extended = await e.complete(MANAGER, escalation!.id, {
      outcome: 'complete',
      data: { escalationNote: '督促质量管理部尽快换机', escalationDecision: 'extend', solutionDeadline: newDeadline },
    });
    expect(extended.statusCode).toBe(200);
    await step(caseId, 'Activity_EscalateOverdue', MANAGER, { escalationNote: '已电话确认换机完成', escalationDecision: 'done' });

    // The extended deadline was sent to the customer (by e-mail: C0002 has an address), once.
    const complaintNo = (await e.state(caseId)).variables.complaintNo as string;
    const extensionNotices = await e.stack.db.query<{ channel: string; recipient: string; body: string }>(
      `SELECT channel, recipient, body FROM customer_notification WHERE case_id = $1 AND subject = $2`,
      [caseId, `投诉处理延期通知 ${complaintNo}`],
    );
    expect(extensionNotices.rows).toEqual([{ channel: 'email', recipient: 'lifang@gangcheng.example.com', body: expect.stringContaining(`您的投诉（编号 ${complaintNo}）处理期限已延至 `) }]);

    // 已实施完毕: straight on to the customer's feedback.
    await step(caseId, 'Activity_Feedback', AGENT, SATISFIED);
    await step(caseId, 'Activity_Summarize', DEPT, SUMMARY);
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ escalationDecision: 'done', archivedAt: expect.any(String) });
    expect((await tasksAt(caseId, 'Activity_ImplementSolution')).map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Event_ImplementationOverdue: 2, Activity_EscalateOverdue: 2, Activity_NotifyExtension: 1, Activity_Archive: 1, Activity_RecordPromise: 2 });
    expect(result.variables).toMatchObject({ extensionNotified: true });
    // The record holds the deadline promised last, not the first one.
    expect((await complaintRecord(caseId))!.promised_deadline).toEqual(new Date(newDeadline));
  });
});
