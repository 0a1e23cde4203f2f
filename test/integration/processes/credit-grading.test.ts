import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../domain/china-time';
import { betweenChinaDays, daysBetween } from '../../china-clock';
import { startEngine, type Engine } from '../../engine-harness';
import { setConfidentiality } from '../../../db/customers';
import { recordCreditGrade } from '../../../db/credit-grades';

// 客户信用等级管理流程 (PROCESSES.md §2, issue 15): the shipped diagram bpmn/processes/credit-grading.bpmn
// with its forms, deployed by the global setup (with the 信用等级评估原则 decision table) and driven
// through the API by the users of 浙江 (zj). The grade comes from the customer's own purchases and
// payments, registered here through the API as a salesperson would.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const AGENT = 'zj.cs_agent';
const MANAGER = 'zj.cs_manager';
const stamp = Date.now().toString(36).toUpperCase();
const PRODUCT = `P-CG-${stamp}`;
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));

const COLLECT = { creditSources: '客户提供的年度财务报表、银行资信证明', bankStanding: 'good', registeredCapital: 5_000_000, competitorStandards: '同行给予此类经销商 A 级、30 天账期' };
const ANALYSIS = { financialCondition: 'good', operatingCondition: '经营稳定', creditRisks: '无', analysisConclusion: '回款及时，可给予信用额度' };

describe('客户信用等级管理流程 credit-grading', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('credit-grading');
    const product = await as('admin', 'PUT', `/api/products/${PRODUCT}`, { id: PRODUCT, name: '信用测试中央空调', model: `CG-${stamp}`, portable: false, warrantyMonths: 24 });
    expect(product.statusCode, JSON.stringify(product.body)).toBe(200);
  });
  afterAll(async () => e?.close());

  async function as(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<{ statusCode: number; body: Json }> {
    const res = await e.stack.app.inject({ method, url, headers: { cookie: await e.cookie(user) }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: res.json() };
  }

  const dueOnOf = new Map<string, string>();
  async function customerWithPurchase(name: string, purchase: { amount: number; paidAmount: number; dueDaysAgo: number }): Promise<string> {
    const created = await as(AGENT, 'POST', '/api/customers', { name: `${name} ${stamp}`, tier: 'B', unitId: 'zj', contactName: '钱经理', phone: '0571-87654321', email: `credit-${stamp}@example.com` });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    dueOnOf.set(created.body.id, await buy(created.body.id, purchase, 1));
    return created.body.id;
  }

  /** Registers a purchase due `dueDaysAgo` days before China's today; its due date. */
  async function buy(customerId: string, p: { amount: number; paidAmount: number; dueDaysAgo: number }, n: number): Promise<string> {
    const dueOn = daysAgo(p.dueDaysAgo);
    const res = await as(AGENT, 'POST', `/api/customers/${customerId}/purchases`, {
      productId: PRODUCT, purchasedOn: daysAgo(p.dueDaysAgo + 30), invoiceNo: `FP-CG-${customerId}-${n}`, amount: p.amount, paidAmount: p.paidAmount, dueOn,
    });
    expect(res.statusCode, JSON.stringify(res.body)).toBeLessThan(300);
    return dueOn;
  }

  /** The days overdue the sales analysis may have counted for `dueOn`, read between `fromMs` and now (China's midnight may pass). */
  const overdueSince = (dueOn: string, fromMs: number) => expect.toBeOneOf(betweenChinaDays(fromMs, Date.now(), (today) => daysBetween(dueOn, today)));

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
    return task!;
  }

  const grades = async (customerId: string) =>
    (await e.stack.db.query<{ grade: string; credit_limit: string; case_id: string; approved_by: string | null; basis: Json }>(
      'SELECT grade, credit_limit, case_id, approved_by, basis FROM customer_credit_grade WHERE customer_id = $1 ORDER BY id', [customerId],
    )).rows;
  const userId = async (username: string) => (await e.stack.db.query<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [username])).rows[0]!.id;

  /** Every end passes 归档 (issue 16): the case is in the archive register once, for its customer. */
  async function expectArchived(caseId: string, customerId: string, type: string) {
    const rows = (await e.stack.db.query('SELECT customer_id, archive_type, status FROM archive WHERE case_id = $1', [caseId])).rows;
    expect(rows).toEqual([{ customer_id: customerId, archive_type: type, status: 'in_stock' }]);
  }

  it('happy path: sales analysed from purchases, graded by the table, limit set by the 客服经理, recorded, shown on 客户 360, customer told', async () => {
    // Paid in full, 600,000 in the last year: the table's A, 300,000.
    const customerId = await customerWithPurchase('信用评定客户甲', { amount: 600_000, paidAmount: 600_000, dueDaysAgo: 10 });
    expect((await as(AGENT, 'GET', `/api/customers/${customerId}/overview`)).body.grade).toBeNull();

    const caseId = await e.start(AGENT, 'credit-grading', {}, { customerId });
    await step(caseId, 'Activity_CollectCreditInfo', AGENT, COLLECT);
    await step(caseId, 'Activity_AnalyseCredit', AGENT, ANALYSIS);
    const [review] = await e.waitForTasks(caseId, ['Activity_ManagerReview']);
    const state = await e.state(caseId);
    expect(state.variables).toMatchObject({ annualSales: 600_000, paymentRate: 1, overdueDays: 0, creditGrade: 'A', grading: { creditGrade: 'A', creditLimit: 300_000 } });
    expect(state.variables.salesSummary).toMatchObject({ purchases: 1, totalAmount: 600_000, receivable: 0 });
    // Nothing is recorded before the 客服经理 approves.
    expect(await grades(customerId)).toEqual([]);

    // The agent cannot approve it (the step is the 客服经理's).
    expect((await e.complete(AGENT, review!.id, { outcome: 'approve', data: { creditLimit: 300_000 } })).statusCode).toBe(403);
    const approved = await e.complete(MANAGER, review!.id, { outcome: 'approve', data: { creditLimit: 250_000, reviewOpinion: '首次授信，额度略低于建议值' } });
    expect(approved.statusCode, JSON.stringify(approved.body)).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');

    const rows = await grades(customerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ grade: 'A', case_id: caseId, approved_by: await userId(MANAGER), basis: { reviewOpinion: '首次授信，额度略低于建议值', analysisConclusion: ANALYSIS.analysisConclusion } });
    expect(Number(rows[0]!.credit_limit)).toBe(250_000);
    const overview = (await as(AGENT, 'GET', `/api/customers/${customerId}/overview`)).body;
    expect(overview.grade).toBe('A');
    expect(overview.creditGrades).toEqual([expect.objectContaining({ grade: 'A', creditLimit: 250_000, caseId })]);
    // The history is append-only: a grade is changed by a new row from a case, never rewritten.
    await expect(e.stack.db.query(`UPDATE customer_credit_grade SET grade = 'AAA' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);

    const notices = (await e.stack.db.query<{ channel: string; subject: string; body: string }>('SELECT channel, subject, body FROM customer_notification WHERE case_id = $1', [caseId])).rows;
    expect(notices).toEqual([{ channel: 'email', subject: '客户信用额度确定告知单', body: expect.stringMatching(/信用等级为 A，信用额度为 250000 元/) }]);
    await expectArchived(caseId, customerId, 'credit-grading');
  });

  it('rejection loop: the 客服经理 rejects, the agent re-analyses, the sales are read again (a new overdue purchase lowers the grade), only the approved grade is recorded', async () => {
    const customerId = await customerWithPurchase('信用评定客户乙', { amount: 600_000, paidAmount: 600_000, dueDaysAgo: 10 });
    const caseId = await e.start(AGENT, 'credit-grading', {}, { customerId });
    await step(caseId, 'Activity_CollectCreditInfo', AGENT, COLLECT);
    await step(caseId, 'Activity_AnalyseCredit', AGENT, ANALYSIS);
    await step(caseId, 'Activity_ManagerReview', MANAGER, { creditLimit: 300_000, reviewOpinion: '未考虑新近欠款' }, 'reject', '客户近期有一笔欠款未计入，请重新分析');

    // Back to 分析信用信息, nothing recorded; meanwhile an unpaid purchase 40 days overdue is registered.
    await e.waitForTasks(caseId, ['Activity_AnalyseCredit']);
    expect(await grades(customerId)).toEqual([]);
    const bought = Date.now();
    const dueOn = await buy(customerId, { amount: 100_000, paidAmount: 0, dueDaysAgo: 40 }, 2);
    await step(caseId, 'Activity_AnalyseCredit', AGENT, { ...ANALYSIS, creditRisks: '一笔货款逾期 40 天', analysisConclusion: '存在逾期，需关注' });

    // overdue 40 days, paid 600k of 700k (0.857): the table's B, 50,000 — offered to the manager again.
    await e.waitForTasks(caseId, ['Activity_ManagerReview']);
    expect((await e.state(caseId)).variables).toMatchObject({ overdueDays: overdueSince(dueOn, bought), creditGrade: 'B', grading: { creditGrade: 'B', creditLimit: 50_000 } });
    await step(caseId, 'Activity_ManagerReview', MANAGER, { creditLimit: 50_000, reviewOpinion: '同意' }, 'approve');
    expect((await e.result(caseId)).status).toBe('completed');

    const rows = await grades(customerId);
    expect(rows.map((r) => [r.grade, Number(r.credit_limit)])).toEqual([['B', 50_000]]);
    expect((await as(MANAGER, 'GET', `/api/customers/${customerId}/overview`)).body.grade).toBe('B');
  });

  // 信用异常 (PROCESSES.md §2 steps 8–11), reported by an agent: bpmn/processes/credit-anomaly.bpmn.
  const ANOMALY = { anomalyType: 'overdue', anomalyDescription: '一笔货款逾期 100 天未付', anomalyCause: '客户资金周转困难' };

  it('anomaly, serious: analysed, told to the supervisor, the grade changed by 客户信用等级变更单, recorded and told to the customer', async () => {
    const bought = Date.now();
    const customerId = await customerWithPurchase('信用异常客户丙', { amount: 100_000, paidAmount: 0, dueDaysAgo: 100 });
    const caseId = await e.start(AGENT, 'credit-anomaly', {}, { customerId });
    await step(caseId, 'Activity_AnomalyAnalysis', AGENT, ANOMALY);
    expect((await e.state(caseId)).variables).toMatchObject({ overdueReceivable: 100_000, overdueDays: overdueSince(dueOnOf.get(customerId)!, bought) });
    await step(caseId, 'Activity_SupervisorReview', MANAGER, { serious: true, supervisorOpinion: '逾期严重，下调等级' });
    // The change form is the supervisor's: an agent is refused.
    const [change] = await e.waitForTasks(caseId, ['Activity_GradeChange']);
    expect((await e.complete(AGENT, change!.id, { outcome: 'complete', data: { creditGrade: 'AAA', creditLimit: 1, changeReason: 'x' } })).statusCode).toBe(403);
    await step(caseId, 'Activity_GradeChange', MANAGER, { creditGrade: 'C', creditLimit: 0, changeReason: '货款逾期 100 天' });
    expect((await e.result(caseId)).status).toBe('completed');

    const rows = await grades(customerId);
    expect(rows).toEqual([expect.objectContaining({ grade: 'C', case_id: caseId, approved_by: await userId(MANAGER), basis: expect.objectContaining({ changeReason: '货款逾期 100 天', anomalyType: 'overdue' }) })]);
    expect((await as(AGENT, 'GET', `/api/customers/${customerId}/overview`)).body.grade).toBe('C');
    const notices = (await e.stack.db.query<{ subject: string; body: string }>('SELECT subject, body FROM customer_notification WHERE case_id = $1', [caseId])).rows;
    expect(notices).toEqual([{ subject: '客户信用等级变更告知单', body: expect.stringMatching(/信用等级调整为 C，信用额度调整为 0 元/) }]);
    await expectArchived(caseId, customerId, 'credit-anomaly');
  });

  it('anomaly, not serious: the grade is kept, nothing recorded, the customer not told', async () => {
    const customerId = await customerWithPurchase('信用异常客户丁', { amount: 100_000, paidAmount: 90_000, dueDaysAgo: 5 });
    const caseId = await e.start(AGENT, 'credit-anomaly', {}, { customerId });
    await step(caseId, 'Activity_AnomalyAnalysis', AGENT, { ...ANOMALY, anomalyDescription: '尾款逾期 5 天' });
    await step(caseId, 'Activity_SupervisorReview', MANAGER, { serious: false, supervisorOpinion: '短期逾期，继续关注' });
    expect((await e.result(caseId)).status).toBe('completed');
    expect(await grades(customerId)).toEqual([]);
    expect((await e.stack.db.query('SELECT 1 FROM customer_notification WHERE case_id = $1', [caseId])).rowCount).toBe(0);
    expect((await as(AGENT, 'GET', `/api/customers/${customerId}/overview`)).body.grade).toBeNull();
    // 维持原等级 is an end like the other: its 客户信用异常分析表 is archived too.
    await expectArchived(caseId, customerId, 'credit-anomaly');
  });

  it('a secret customer: the grade and its history are withheld from a reader not cleared, shown to one cleared', async () => {
    const customerId = await customerWithPurchase('信用保密客户戊', { amount: 10_000, paidAmount: 10_000, dueDaysAgo: 1 });
    const caseId = (await e.stack.db.query<{ id: string }>('SELECT id FROM process_case WHERE customer_id = $1 LIMIT 1', [customerId])).rows[0]!.id;
    // Set up as the customer-information process and a credit-grading case would leave it.
    await setConfidentiality(e.stack.db, customerId, 'secret', caseId);
    await recordCreditGrade(e.stack.db, { key: `${caseId}/test-grade`, customerId, caseId, grade: 'AA', creditLimit: 1_000_000, basis: {}, approvalStep: null });

    const masked = (await as(AGENT, 'GET', `/api/customers/${customerId}/overview`)).body;
    expect(masked.customer.masked).toBe(true);
    expect(masked).toMatchObject({ grade: null, creditGrades: [] });
    const cleared = (await as(MANAGER, 'GET', `/api/customers/${customerId}/overview`)).body;
    expect(cleared).toMatchObject({ grade: 'AA', creditGrades: [{ grade: 'AA', creditLimit: 1_000_000, caseId }] });
  });
});
