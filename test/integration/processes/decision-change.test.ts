import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../domain/china-time';
import { startEngine, type Engine } from '../../engine-harness';

// 信用等级评估原则 as a reviewed change (issue 15): a process owner's new version of the shipped
// credit-grading.dmn is a proposal, not in force, until a 客服经理 approves it in its
// decision-change case; only cases started after the approval grade by it. The changed table adds
// a rule for annual sales of 900,000,000 元 or more (no other test's customer comes near), so the
// shared database's other credit tests grade as before.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const AGENT = 'zj.cs_agent';
const MANAGER = 'zj.cs_manager';
const OWNER = 'hq.process_owner';
const HQ_MANAGER = 'hq.cs_manager';
const stamp = Date.now().toString(36).toUpperCase();
const PRODUCT = `P-DC-${stamp}`;
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));

const COLLECT = { creditSources: '年度财务报表', bankStanding: 'good', registeredCapital: 5_000_000, competitorStandards: '无' };
const ANALYSIS = { financialCondition: 'good', operatingCondition: '经营稳定', creditRisks: '无', analysisConclusion: '回款及时' };

/** The shipped table with a first rule for very large customers giving `limit`. */
async function tableWith(limit: number): Promise<string> {
  const shipped = await readFile(new URL('../../../bpmn/decisions/credit-grading.dmn', import.meta.url), 'utf8');
  const rule = `<rule id="rule_strategic_${limit}"><description>战略客户</description>
        <inputEntry id="rule_strategic_${limit}_in1"><text>&lt;= 0</text></inputEntry>
        <inputEntry id="rule_strategic_${limit}_in2"><text>&gt;= 0.98</text></inputEntry>
        <inputEntry id="rule_strategic_${limit}_in3"><text>&gt;= 900000000</text></inputEntry>
        <outputEntry id="rule_strategic_${limit}_out1"><text>"AAA"</text></outputEntry>
        <outputEntry id="rule_strategic_${limit}_out2"><text>${limit}</text></outputEntry>
      </rule>
      <rule id="rule_excellent">`;
  const xml = shipped.replace('<rule id="rule_excellent">', rule);
  expect(xml).not.toBe(shipped);
  return xml;
}

describe('决策表变更审批 decision-change', () => {
  let e: Engine;
  let customerId: string;
  beforeAll(async () => {
    e = await startEngine('decision-change');
    expect((await as('admin', 'PUT', `/api/products/${PRODUCT}`, { id: PRODUCT, name: '变更测试设备', model: `DC-${stamp}`, portable: false, warrantyMonths: 12 })).statusCode).toBe(200);
    const created = await as(AGENT, 'POST', '/api/customers', { name: `战略客户 ${stamp}`, tier: 'A', unitId: 'zj', contactName: '周总', phone: '0571-88886666' });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    customerId = created.body.id;
    const bought = await as(AGENT, 'POST', `/api/customers/${customerId}/purchases`, { productId: PRODUCT, purchasedOn: daysAgo(40), invoiceNo: `FP-DC-${stamp}`, amount: 950_000_000, paidAmount: 950_000_000, dueOn: daysAgo(10) });
    expect(bought.statusCode, JSON.stringify(bought.body)).toBeLessThan(300);
  });
  afterAll(async () => e?.close());

  async function as(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<{ statusCode: number; body: Json }> {
    const res = await e.stack.app.inject({ method, url, headers: { cookie: await e.cookie(user) }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: res.json() };
  }

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
  }

  /** Walks a credit-grading case to the 客服经理's step and returns the limit the table offered. */
  async function tableLimit(caseId: string): Promise<number> {
    await step(caseId, 'Activity_CollectCreditInfo', AGENT, COLLECT);
    await step(caseId, 'Activity_AnalyseCredit', AGENT, ANALYSIS);
    await e.waitForTasks(caseId, ['Activity_ManagerReview']);
    const v = (await e.state(caseId)).variables as Json;
    expect(v.grading.creditGrade).toBe('AAA');
    return v.grading.creditLimit;
  }

  const grading = () => e.start(AGENT, 'credit-grading', {}, { customerId });
  const version = async (v: number) =>
    (await e.stack.db.query('SELECT review_status, effective_at, reviewed_by FROM decision_definition WHERE key = $1 AND version = $2', ['credit-grading-rules', v])).rows[0];

  it('a proposal is not in force until a 客服经理 approves it; only cases started after the approval grade by it; a rejected one never is', async () => {
    const startedBefore = await grading();

    const proposed = await as(OWNER, 'POST', '/api/decisions', { xml: await tableWith(300_000_000) });
    expect(proposed.statusCode, JSON.stringify(proposed.body)).toBe(201);
    const v = proposed.body.decision.version as number;
    expect(proposed.body.proposalCaseId).toBe(`decision-change/DMN-credit-grading-rules-v${v}`);
    expect(await version(v)).toMatchObject({ review_status: 'proposed', effective_at: null });
    // The list names the version in force, not the proposal that is now the latest.
    const listed = (await as(OWNER, 'GET', '/api/decisions')).body.items.find((d: { key: string }) => d.key === 'credit-grading-rules');
    const inForce = (await e.stack.db.query("SELECT max(version)::int AS v FROM decision_definition WHERE key = 'credit-grading-rules' AND effective_at IS NOT NULL")).rows[0].v;
    expect(inForce).toBeLessThan(v);
    expect(listed).toMatchObject({ version: v, reviewStatus: 'proposed', inForceVersion: inForce });
    // Deploying it again finds the same proposal and its one case.
    const again = await as(OWNER, 'POST', '/api/decisions', { xml: await tableWith(300_000_000) });
    expect(again.statusCode).toBe(200);
    expect(again.body.proposalCaseId).toBe(proposed.body.proposalCaseId);
    const reviewCase = proposed.body.proposalCaseId as string;
    expect((await e.stack.db.query("SELECT count(*)::int AS n FROM process_case WHERE process_key = 'decision-change' AND id = $1", [reviewCase])).rows[0].n).toBe(1);

    // Before the approval a new case grades by the version in force: the shipped AAA limit.
    const startedDuring = await grading();
    expect(await tableLimit(startedDuring)).toBe(2_000_000);

    // The proposer and a 客服经理 outside the case's unit may not approve; the 总部 客服经理 does.
    const [review] = await e.waitForTasks(reviewCase, ['Activity_ReviewChange']);
    expect(review).toMatchObject({ unitId: 'hq' });
    expect((await e.complete(OWNER, review!.id, { outcome: 'approve', data: {} })).statusCode).toBe(403);
    expect((await e.complete(MANAGER, review!.id, { outcome: 'approve', data: {} })).statusCode).toBe(403);
    expect(await version(v)).toMatchObject({ review_status: 'proposed', effective_at: null });
    const approved = await e.complete(HQ_MANAGER, review!.id, { outcome: 'approve', data: { reviewOpinion: '同意增设战略客户档' } });
    expect(approved.statusCode, JSON.stringify(approved.body)).toBe(200);
    expect((await e.result(reviewCase)).status).toBe('completed');
    expect(await version(v)).toMatchObject({ review_status: 'approved', effective_at: expect.any(Date), reviewed_by: HQ_MANAGER });

    // A case started before the approval keeps the table it started under, even evaluated after it.
    expect(await tableLimit(startedBefore)).toBe(2_000_000);
    // One started after it grades by the new table.
    expect(await tableLimit(await grading())).toBe(300_000_000);

    // A second proposal, rejected: never in force.
    const second = await as(OWNER, 'POST', '/api/decisions', { xml: await tableWith(111_000_000) });
    expect(second.statusCode).toBe(201);
    await step(second.body.proposalCaseId, 'Activity_ReviewChange', HQ_MANAGER, { reviewOpinion: '额度过低' }, 'reject', '额度过低，不同意');
    expect((await e.result(second.body.proposalCaseId)).status).toBe('completed');
    expect(await version(second.body.decision.version)).toMatchObject({ review_status: 'rejected', effective_at: null });
    expect(await tableLimit(await grading())).toBe(300_000_000);
  });

  it('nobody starts a review by hand: 新建 does not offer it (nor the daily overdue check), POST /api/cases refuses it', async () => {
    const byHand = await as(OWNER, 'POST', '/api/cases', { processKey: 'decision-change', title: '手动审批', variables: { decisionKey: 'credit-grading-rules', decisionVersion: 1 } });
    expect(byHand.statusCode, JSON.stringify(byHand.body)).toBe(422);
    expect(byHand.body).toMatchObject({ code: 'process.noManualStart', params: { processKey: 'decision-change', processName: '决策表变更审批' } });
    expect(byHand.body.detail).toBe('流程 决策表变更审批 只由系统发起（定时或由系统操作触发），不能手动新建。');
    const listed = await as(AGENT, 'GET', '/api/processes');
    const startable = Object.fromEntries((listed.body.items as Array<{ key: string; startsByHand?: boolean }>).map((p) => [p.key, p.startsByHand]));
    expect(startable).toMatchObject({ 'decision-change': false, 'credit-overdue-check': false, 'credit-grading': true, complaint: true });
    const overdue = await as(AGENT, 'POST', '/api/cases', { processKey: 'credit-overdue-check', title: '立即检查' });
    expect(overdue.body).toMatchObject({ code: 'process.noManualStart' });
  });
});
