import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMonthsBetween } from '../../china-clock';
import { startEngine, type Engine } from '../../engine-harness';

// 客户信息管理流程 (PROCESSES.md §1, issue 15): the shipped diagram bpmn/processes/customer-info.bpmn
// with its forms bpmn/forms/customer-info-*.form, driven through the API by the users of 浙江 (zj)
// who hold each lane's role. The approved level is applied to the customer (setConfidentiality)
// and the record is distributed only to the departments the level entitles (distribution register).

const AGENT = 'zj.cs_agent';
const MANAGER = 'zj.cs_manager';
const GM = 'zj.general_manager';

const COLLECT = { infoSource: 'visit', infoContent: '拜访获悉：客户拟扩建二期厂房，年采购预算约 500 万元', collectedOn: '2026-11-20' };
const CLASSIFY = { region: '浙江 宁波', period: '2026年11月', infoType: 'credit' };
const level = (confidentialityLevel: string, departments = ['cs_agent', 'sales', 'cs_manager', 'general_manager']) => ({
  confidentialityLevel,
  levelReason: '涉及客户扩产计划与采购预算',
  departments,
});

describe('客户信息管理流程 customer-info', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('customer-info');
  });
  afterAll(async () => e?.close());

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
    return task!;
  }

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json() };
  };

  /** A customer of 浙江 created for this test (level 内部, as every new card starts). */
  async function newCustomer(name: string) {
    const res = await e.post(AGENT, '/api/customers', { name: `${name} ${Date.now().toString(36)}`, tier: 'B', unitId: 'zj', contactName: '赵敏', phone: '0574-86001234' });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(201);
    expect(res.body.confidentiality).toBe('internal');
    return res.body as { id: string; name: string };
  }

  const levelOf = async (customerId: string) => (await e.stack.db.query<{ confidentiality: string }>('SELECT confidentiality FROM customer WHERE id = $1', [customerId])).rows[0]!.confidentiality;
  const register = async (caseId: string) =>
    (await e.stack.db.query<Record<string, unknown>>('SELECT info_no, customer_id, unit_id, role, level, info_type, region, period FROM customer_info_distribution WHERE case_id = $1 ORDER BY role', [caseId])).rows;

  it('happy path: collected, classified, 秘密 reviewed and approved, numbered, applied, distributed to the entitled only, masked for the agent, archived', async () => {
    const customer = await newCustomer('宁波甬江化工有限公司');
    const started = Date.now();
    const caseId = await e.start(AGENT, 'customer-info', {}, { customerId: customer.id });
    await step(caseId, 'Activity_Collect', AGENT, COLLECT);
    await step(caseId, 'Activity_Classify', AGENT, CLASSIFY);
    await step(caseId, 'Activity_ProposeLevel', AGENT, level('secret'));
    // Nothing is applied before both approvals.
    expect(await levelOf(customer.id)).toBe('internal');
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '同意定为秘密' }, 'approve', '同意');
    expect(await levelOf(customer.id)).toBe('internal');
    await step(caseId, 'Activity_GeneralManagerApproval', GM, { approvalOpinion: '同意' }, 'approve', '同意');

    await e.waitForTasks(caseId, ['Activity_Analyse']);
    expect(await levelOf(customer.id)).toBe('secret');

    // The register: only the departments 秘密 entitles (客服经理, 总经理) of the customer's unit, at that level.
    // XX- numbers go by China's month when the number was given, since `started`.
    const periods = chinaMonthsBetween(started, Date.now()).join('|');
    const rows = await register(caseId);
    expect(rows.map((r) => r.role)).toEqual(['cs_manager', 'general_manager']);
    for (const r of rows) {
      expect(r).toMatchObject({ customer_id: customer.id, unit_id: 'zj', level: 'secret', info_type: 'credit', region: '浙江 宁波', period: '2026年11月' });
      expect(r.info_no).toMatch(new RegExp(`^XX-(${periods})-\\d{6}$`));
    }

    // The agent who collected it is no longer cleared: masked on the 客户 360 page, and a search by name finds nothing.
    const overview = await get(AGENT, `/api/customers/${encodeURIComponent(customer.id)}/overview`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body.customer).toMatchObject({ id: customer.id, name: '（保密客户）', phone: null, masked: true });
    expect(JSON.stringify(overview.body)).not.toContain(customer.name);
    const search = await get(AGENT, `/api/customers?q=${encodeURIComponent(customer.name)}`);
    expect(search.body.items).toEqual([]);
    // The manager is cleared and still reads it.
    const forManager = await get(MANAGER, `/api/customers/${encodeURIComponent(customer.id)}/overview`);
    expect(forManager.body.customer).toMatchObject({ name: customer.name, masked: false });
    expect((await get(MANAGER, `/api/customers?q=${encodeURIComponent(customer.name)}`)).body.items.map((c: { id: string }) => c.id)).toEqual([customer.id]);

    // The receiving departments are told in their bell; the departments withheld are not.
    const notices = async (user: string) =>
      (await e.stack.db.query<{ title: string }>("SELECT title FROM notification WHERE user_id = $1 AND case_id = $2 AND kind = 'notify'", [user, caseId])).rows.map((r) => r.title);
    expect(await notices(MANAGER)).toEqual([`客户信息 ${rows[0]!.info_no} 已分发给贵部门（秘密）`]);
    expect(await notices(GM)).toEqual([`客户信息 ${rows[0]!.info_no} 已分发给贵部门（秘密）`]);
    expect(await notices(AGENT)).toEqual([]);
    expect(await notices('zj.sales')).toEqual([]);

    // The register through the API (客户 360 分发登记): the manager reads it, the agent gets nothing.
    const managerRegister = await get(MANAGER, `/api/customers/${encodeURIComponent(customer.id)}/distributions`);
    expect(managerRegister.body).toMatchObject({ masked: false, withheld: 0 });
    expect(managerRegister.body.items.map((d: { role: string; level: string; unitName: string }) => [d.role, d.level, d.unitName])).toEqual([
      ['general_manager', 'secret', expect.any(String)],
      ['cs_manager', 'secret', expect.any(String)],
    ]);
    expect(managerRegister.body.items[0]).toMatchObject({ caseId, infoNo: rows[0]!.info_no, infoType: 'credit', distributedAt: expect.any(String) });
    expect((await get(AGENT, `/api/customers/${encodeURIComponent(customer.id)}/distributions`)).body).toEqual({ items: [], masked: true, withheld: 0 });

    await step(caseId, 'Activity_Analyse', AGENT, { summaryAnalysis: '本月搜集信用类信息 1 条，已定级分发', effectiveness: 'high' });
    await step(caseId, 'Activity_Improve', AGENT, { improvementProposal: '拜访记录当日录入' });
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({
      infoNo: rows[0]!.info_no,
      confidentialityApplied: 'secret',
      confidentialityChanged: true,
      distributedTo: ['cs_manager', 'general_manager'],
      distributionWithheld: ['cs_agent', 'sales'],
      archivedAt: expect.any(String),
    });
    expect(await e.events(caseId)).toContain('case.archived:Activity_Archive');

    // The customer's history names the case that set the level.
    const history = await get(MANAGER, `/api/customers/${encodeURIComponent(customer.id)}/changes`);
    expect(history.body.items.filter((i: { kind: string }) => i.kind === 'confidentiality')).toEqual([
      expect.objectContaining({ caseId, actorId: null, changes: [{ field: 'confidentiality', before: 'internal', after: 'secret' }] }),
    ]);
    await expect(e.stack.db.query('DELETE FROM customer_info_distribution WHERE case_id = $1', [caseId])).rejects.toThrow(/append-only/);
  });

  it('客服经理 驳回 and 总经理 驳回 each go back to 确定秘密级别; only the level finally approved is applied and distributed', async () => {
    const customer = await newCustomer('宁波北仑港务物流有限公司');
    const caseId = await e.start(AGENT, 'customer-info', {}, { customerId: customer.id });
    await step(caseId, 'Activity_Collect', AGENT, COLLECT);
    await step(caseId, 'Activity_Classify', AGENT, CLASSIFY);

    await step(caseId, 'Activity_ProposeLevel', AGENT, level('confidential'));
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '定级过高' }, 'reject', '定级过高');
    // Back at 确定秘密级别, with nothing applied.
    await e.waitForTasks(caseId, ['Activity_ProposeLevel']);
    expect(await levelOf(customer.id)).toBe('internal');

    await step(caseId, 'Activity_ProposeLevel', AGENT, level('secret'));
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_GeneralManagerApproval', GM, { approvalOpinion: '信息已公开披露，无需保密' }, 'reject', '无需保密');
    await e.waitForTasks(caseId, ['Activity_ProposeLevel']);
    expect(await levelOf(customer.id)).toBe('internal');
    expect(await register(caseId)).toEqual([]);

    await step(caseId, 'Activity_ProposeLevel', AGENT, level('public', ['cs_agent', 'sales']));
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_GeneralManagerApproval', GM, { approvalOpinion: '同意' }, 'approve', '同意');
    await e.waitForTasks(caseId, ['Activity_Analyse']);
    expect(await levelOf(customer.id)).toBe('public');
    const rows = await register(caseId);
    expect(rows.map((r) => [r.role, r.level])).toEqual([
      ['cs_agent', 'public'],
      ['sales', 'public'],
    ]);

    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Activity_ProposeLevel: 3, Activity_ManagerReview: 3, Activity_GeneralManagerApproval: 2, Activity_AssignNumber: 1, Activity_ApplyLevel: 1 });
    // A public customer is read by the agent in full, its register too.
    expect((await get(AGENT, `/api/customers/${encodeURIComponent(customer.id)}/distributions`)).body).toMatchObject({ masked: false, withheld: 0, items: [{ role: 'sales' }, { role: 'cs_agent' }] });
    expect((await get(AGENT, `/api/customers/${encodeURIComponent(customer.id)}/overview`)).body.customer).toMatchObject({ name: customer.name, masked: false });
  });

  it('the register withholds, for a reader now cleared, the entries made while the customer was more secret', async () => {
    const customer = await newCustomer('宁波镇海石化配套有限公司');
    const approveLevel = async (lvl: string, departments: string[]) => {
      const caseId = await e.start(AGENT, 'customer-info', {}, { customerId: customer.id });
      await step(caseId, 'Activity_Collect', AGENT, COLLECT);
      await step(caseId, 'Activity_Classify', AGENT, CLASSIFY);
      await step(caseId, 'Activity_ProposeLevel', AGENT, level(lvl, departments));
      await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '同意' }, 'approve', '同意');
      await step(caseId, 'Activity_GeneralManagerApproval', GM, { approvalOpinion: '同意' }, 'approve', '同意');
      await e.waitForTasks(caseId, ['Activity_Analyse']);
      return caseId;
    };
    await approveLevel('secret', ['cs_manager', 'general_manager']);
    const publicCase = await approveLevel('public', ['cs_agent']);
    const url = `/api/customers/${encodeURIComponent(customer.id)}/distributions`;
    const forAgent = (await get(AGENT, url)).body;
    expect(forAgent).toMatchObject({ masked: false, withheld: 2 });
    expect(forAgent.items.map((d: { caseId: string; role: string; level: string }) => [d.caseId, d.role, d.level])).toEqual([[publicCase, 'cs_agent', 'public']]);
    expect((await get(MANAGER, url)).body).toMatchObject({ masked: false, withheld: 0, items: [{ level: 'public' }, { level: 'secret' }, { level: 'secret' }] });
  });

  // 定期总结 (customer-info-summary): 客服部 总结 → 客服经理 审核 with opinion → 总经理 审批, each 驳回 back to 定期总结.
  const SUMMARY = { summaryPeriod: '2026年11月', collectedCount: 12, distributedCount: 30, summaryContent: '本月客户信息搜集及时，定级分发无差错', nextSteps: '拜访记录当日录入' };

  it('定期总结: approved by 客服经理 (with opinion) and 总经理, archived', async () => {
    const caseId = await e.start(AGENT, 'customer-info-summary');
    await step(caseId, 'Activity_PeriodicSummary', AGENT, SUMMARY);
    await step(caseId, 'Activity_SummaryReview', MANAGER, { reviewOpinion: '总结到位' }, 'approve', '同意');
    await step(caseId, 'Activity_SummaryApproval', GM, { approvalOpinion: '同意' }, 'approve', '同意');
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ ...SUMMARY, reviewOpinion: '总结到位', archivedAt: expect.any(String) });
    expect(await e.events(caseId)).toContain('case.archived:Activity_SummaryArchive');
  });

  it('定期总结: 客服经理 驳回 and 总经理 驳回 each send it back to 定期总结; an opinion is required to review', async () => {
    const caseId = await e.start(AGENT, 'customer-info-summary');
    await step(caseId, 'Activity_PeriodicSummary', AGENT, SUMMARY);
    const [review] = await e.waitForTasks(caseId, ['Activity_SummaryReview']);
    const noOpinion = await e.complete(MANAGER, review!.id, { outcome: 'approve', data: {} });
    expect(noOpinion.statusCode).toBe(422);
    await step(caseId, 'Activity_SummaryReview', MANAGER, { reviewOpinion: '缺少分发差错统计' }, 'reject', '请补充');
    await step(caseId, 'Activity_PeriodicSummary', AGENT, { ...SUMMARY, problems: '分发差错 0 次' });
    await step(caseId, 'Activity_SummaryReview', MANAGER, { reviewOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_SummaryApproval', GM, { approvalOpinion: '改进措施不具体' }, 'reject', '请细化');
    await step(caseId, 'Activity_PeriodicSummary', AGENT, { ...SUMMARY, nextSteps: '每周五核对拜访记录录入情况' });
    await step(caseId, 'Activity_SummaryReview', MANAGER, { reviewOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_SummaryApproval', GM, { approvalOpinion: '同意' }, 'approve', '同意');
    expect((await e.result(caseId)).status).toBe('completed');
    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Activity_PeriodicSummary: 3, Activity_SummaryReview: 3, Activity_SummaryApproval: 2, Activity_SummaryArchive: 1 });
  });

  it('定期总结: the opinion is written once — the comment fills the form\'s 审核意见, and 审核意见 alone carries a rejection', async () => {
    const caseId = await e.start(AGENT, 'customer-info-summary');
    await step(caseId, 'Activity_PeriodicSummary', AGENT, SUMMARY);
    // A client that fills only the form's opinion field (marked shouwen:opinion): that is the rejection's comment.
    const [review] = await e.waitForTasks(caseId, ['Activity_SummaryReview']);
    const rejected = await e.complete(MANAGER, review!.id, { outcome: 'reject', data: { reviewOpinion: '缺少分发差错统计' } });
    expect(rejected.statusCode, JSON.stringify(rejected.body)).toBe(200);
    // The console's one 意见 box: the comment alone, and the required 审核意见 is filled from it.
    await step(caseId, 'Activity_PeriodicSummary', AGENT, SUMMARY);
    await step(caseId, 'Activity_SummaryReview', MANAGER, {}, 'approve', '总结到位');
    await step(caseId, 'Activity_SummaryApproval', GM, {}, 'approve', '同意归档');
    const result = await e.result(caseId);
    expect(result.variables).toMatchObject({ reviewOpinion: '总结到位', approvalOpinion: '同意归档' });
    const { rows } = await e.stack.db.query<{ comment: string; outcome: string }>('SELECT comment, outcome FROM task WHERE id = $1', [review!.id]);
    expect(rows[0]).toEqual({ comment: '缺少分发差错统计', outcome: 'reject' });
  });

  it('定期总结 on the 1st of each month: a run of its schedule opens a case owned by 总部 客服人员, started by nobody, reviewed and approved at 总部', async () => {
    // The Temporal Schedule itself is the engine's (test/integration/engine/timer-start.test.ts); the
    // dev server is shared by the test files, so this run is started exactly as the schedule starts it.
    const { rows } = await e.stack.db.query<{ version: number }>("SELECT max(version) AS version FROM process_definition WHERE key = 'customer-info-summary'");
    const run = await e.stack.temporal.client.workflow.execute('scheduledCaseStart', {
      taskQueue: e.stack.temporal.taskQueue,
      workflowId: `case-start:customer-info-summary:StartEvent_Monthly-test-${Date.now()}`,
      args: [{ processKey: 'customer-info-summary', processVersion: rows[0]!.version, startEventId: 'StartEvent_Monthly' }],
    });
    const caseId = (run as { caseId: string }).caseId;
    expect(caseId).toMatch(/^customer-info-summary\//);
    const [task] = await e.waitForTasks(caseId, ['Activity_PeriodicSummary']);
    expect(task).toMatchObject({ unitId: 'hq' });
    const row = (await e.stack.db.query('SELECT initiator_id, owner_id, unit_id FROM process_case WHERE id = $1', [caseId])).rows[0];
    expect(row).toEqual({ initiator_id: null, owner_id: 'hq.cs_agent', unit_id: 'hq' });
    await step(caseId, 'Activity_PeriodicSummary', 'hq.cs_agent', SUMMARY);
    await step(caseId, 'Activity_SummaryReview', 'hq.cs_manager', { reviewOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_SummaryApproval', 'hq.general_manager', { approvalOpinion: '同意' }, 'approve', '同意');
    expect((await e.result(caseId)).status).toBe('completed');
  });
});
