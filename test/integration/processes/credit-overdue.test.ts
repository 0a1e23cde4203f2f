import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../domain/china-time';
import { claimOverdueStart } from '../../../db/credit-overdue';
import { scheduleIdOf } from '../../../server/schedules/spec';
import { betweenChinaDays, daysBetween } from '../../china-clock';
import { startEngine, uniqueKey, type Engine } from '../../engine-harness';
import { eventually } from '../../helpers';

// 逾期应收检查 (PROCESSES.md §2 信用异常, issue 15): the shipped bpmn/processes/credit-overdue-check.bpmn,
// run by its Temporal Schedule on the real dev server and PostgreSQL. The dev server and the
// database are shared by the test files, so the test deploys the shipped diagram under its own key
// (its own schedule, run by this file's worker) with a threshold no other test's customer reaches;
// the threshold is the diagram's data, which is the point: the check reads it from the input mapping.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const AGENT = 'zj.cs_agent';
const MANAGER = 'zj.cs_manager';
const THRESHOLD = 500_000_000;
const stamp = Date.now().toString(36).toUpperCase();
const PRODUCT = `P-OD-${stamp}`;
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));

describe('逾期应收检查 credit-overdue-check', () => {
  let e: Engine;
  let key: string;
  beforeAll(async () => {
    e = await startEngine('credit-overdue');
    const product = await as('admin', 'PUT', `/api/products/${PRODUCT}`, { id: PRODUCT, name: '逾期测试设备', model: `OD-${stamp}`, portable: false, warrantyMonths: 12 });
    expect(product.statusCode, JSON.stringify(product.body)).toBe(200);
    key = uniqueKey('overdue');
    const shipped = await readFile(new URL('../../../bpmn/processes/credit-overdue-check.bpmn', import.meta.url), 'utf8');
    const xml = shipped.replaceAll('"credit-overdue-check"', `"${key}"`).replace('source="=50000"', `source="=${THRESHOLD}"`);
    expect(xml).toContain(`source="=${THRESHOLD}" target="overdueThreshold"`);
    const deployed = await e.deploy(xml);
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
  });
  afterAll(async () => e?.close());

  async function as(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<{ statusCode: number; body: Json }> {
    const res = await e.stack.app.inject({ method, url, headers: { cookie: await e.cookie(user) }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: res.json() };
  }

  async function customerOwing(name: string, amount: number, dueDaysAgo: number): Promise<string> {
    const created = await as(AGENT, 'POST', '/api/customers', { name: `${name} ${stamp}`, tier: 'B', unitId: 'zj', contactName: '孙经理', phone: '0571-86668888' });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const dueOn = daysAgo(dueDaysAgo);
    const bought = await as(AGENT, 'POST', `/api/customers/${id}/purchases`, {
      productId: PRODUCT, purchasedOn: daysAgo(dueDaysAgo + 30), invoiceNo: `FP-OD-${id}`, amount, paidAmount: 0, dueOn,
    });
    expect(bought.statusCode, JSON.stringify(bought.body)).toBeLessThan(300);
    dueOnOf.set(id, dueOn);
    return id;
  }
  /** Each customer's purchase's due date: the days overdue are counted from it to China's today when read. */
  const dueOnOf = new Map<string, string>();

  const checkResult = async (caseId: string) => {
    expect((await e.result(caseId)).status).toBe('completed');
    return (await e.state(caseId)).variables;
  };

  /** Triggers the schedule and waits for its run's check case to end. */
  async function runCheck(): Promise<Json> {
    const handle = e.stack.temporal.client.schedule.getHandle(scheduleIdOf(key, 'StartEvent_DailyCheck'));
    const before = (await handle.describe()).info.recentActions.length;
    await e.stack.app.services.schedules.trigger(key, 'StartEvent_DailyCheck');
    const action = await eventually(async () => (await handle.describe()).info.recentActions[before], 30_000, 'a run of the schedule');
    const run = (await e.stack.temporal.client.workflow.getHandle(action.action.workflow.workflowId).result()) as { caseId: string };
    return checkResult(run.caseId);
  }

  /** A second run beside the schedule's (two triggers in one second are one run): started as the schedule starts it. */
  async function runBeside(): Promise<Json> {
    const { rows } = await e.stack.db.query<{ version: number }>('SELECT max(version) AS version FROM process_definition WHERE key = $1', [key]);
    const run = (await e.stack.temporal.client.workflow.execute('scheduledCaseStart', {
      taskQueue: e.stack.temporal.taskQueue,
      workflowId: `case-start:${key}:StartEvent_DailyCheck-beside-${Date.now()}`,
      args: [{ processKey: key, processVersion: rows[0]!.version, startEventId: 'StartEvent_DailyCheck' }],
    })) as { caseId: string };
    return checkResult(run.caseId);
  }

  const anomalyCases = async (customerId: string) =>
    (await e.stack.db.query<{ id: string; status: string; unit_id: string; initiator_id: string | null }>(
      `SELECT id, status, unit_id, initiator_id FROM process_case WHERE process_key = 'credit-anomaly' AND customer_id = $1 ORDER BY started_at`, [customerId],
    )).rows;

  it('a run starts one credit-anomaly case per customer over the threshold, none while it is open (also for two runs at once), a new one after it ended', async () => {
    const registered = Date.now();
    const over = await customerOwing('逾期超限客户', 600_000_000, 40);
    const recent = await customerOwing('新近到期客户', 600_000_000, 10); // overdue, but not 30 days
    const under = await customerOwing('逾期未超限客户', 400_000_000, 40);

    const first = await runCheck();
    expect(first.anomalyCaseIds).toHaveLength(1);
    const cases = await eventually(async () => ((await anomalyCases(over)).length ? anomalyCases(over) : undefined), 30_000, 'the anomaly case');
    expect(cases).toEqual([{ id: first.anomalyCaseIds[0], status: 'running', unit_id: 'zj', initiator_id: null }]);
    expect(await anomalyCases(recent)).toEqual([]);
    expect(await anomalyCases(under)).toEqual([]);

    // The case begins where a reported one does: the figures read, the agents of the customer's unit analyse it.
    const caseId = cases[0]!.id;
    const [analysis] = await e.waitForTasks(caseId, ['Activity_AnomalyAnalysis']);
    expect(analysis).toMatchObject({ unitId: 'zj' });
    // 40 days overdue, counted to China's today when read (since `registered`: its midnight may pass).
    const overdueDays = betweenChinaDays(registered, Date.now(), (today) => daysBetween(dueOnOf.get(over)!, today));
    expect((await e.state(caseId)).variables).toMatchObject({ anomalyType: 'overdue', overdueReceivable: 600_000_000, overdueDays: expect.toBeOneOf(overdueDays), overdueThreshold: THRESHOLD, detectedBy: expect.stringMatching(new RegExp(`^${key}/`)) });

    // Two runs at once while it is open: neither opens another.
    const again = await Promise.all([runCheck(), runBeside()]);
    expect(again.map((v) => v.anomalyCaseIds)).toEqual([[], []]);
    expect(again.every((v) => v.anomalyCasesAlreadyOpen >= 1)).toBe(true);
    expect((await anomalyCases(over)).map((c) => c.id)).toEqual([caseId]);

    // Judged not serious and ended; still overdue, so the next run opens a new case.
    expect((await e.complete(AGENT, analysis!.id, { outcome: 'complete', data: { anomalyType: 'overdue', anomalyDescription: '货款逾期 40 天', anomalyCause: '客户资金周转困难' } })).statusCode).toBe(200);
    const [review] = await e.waitForTasks(caseId, ['Activity_SupervisorReview']);
    expect((await e.complete(MANAGER, review!.id, { outcome: 'complete', data: { serious: false, supervisorOpinion: '继续催收' } })).statusCode).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');
    const third = await runCheck();
    expect(third.anomalyCaseIds).toHaveLength(1);
    expect(third.anomalyCaseIds[0]).not.toBe(caseId);
    const after = await eventually(async () => ((await anomalyCases(over)).length === 2 ? anomalyCases(over) : undefined), 30_000, 'the second anomaly case');
    expect(after.map((c) => [c.id, c.status])).toEqual([[caseId, 'completed'], [third.anomalyCaseIds[0], 'running']]);
  });

  it('a retried check gets its own claim back (the same case id); another check finds it open', async () => {
    const customerId = await customerOwing('重试客户', 1_000, 40);
    const claim = (checkKey: string, caseId: string) =>
      claimOverdueStart(e.stack.db, { checkKey, checkCaseId: `${key}/x`, customerId, caseId, overdueReceivable: 1_000, maxOverdueDays: 40, threshold: 500 });
    expect(await claim('check-1', 'credit-anomaly/YQ-A')).toEqual({ caseId: 'credit-anomaly/YQ-A', mine: true });
    expect(await claim('check-1', 'credit-anomaly/YQ-A')).toEqual({ caseId: 'credit-anomaly/YQ-A', mine: true });
    expect(await claim('check-2', 'credit-anomaly/YQ-B')).toEqual({ caseId: 'credit-anomaly/YQ-A', mine: false });
  });
});
