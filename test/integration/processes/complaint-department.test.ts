import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../engine-harness';

// 客户投诉管理流程: the steps after 调查投诉案件 (提出处理方案, 实施处理方案, 总结评价) go to the
// users of the department the investigation named, in the case's unit (shouwen:candidateDepartment,
// task.candidate_department) — not to every 有关部门 holder. Nobody there → the unit's 客服经理, said
// on the case's trail.

const AGENT = 'zj.cs_agent';
const QUALITY = 'zj.department'; // the demo's 有关部门 user of 浙江 works in 质量管理部
const PRODUCTION = 'zj.production-dept'; // made below through 用户管理: 有关部门 of 浙江 as well, in 生产部
const MANAGER = 'zj.cs_manager';

const REGISTER = {
  customerName: '宁波港城贸易有限公司',
  contactPerson: '李芳',
  phone: '0574-87654321',
  address: '宁波市鄞州区中山东路 88 号',
  receivedAt: '2026-03-02T09:30+08:00',
  complaintChannel: 'hotline',
  product: 'WP-10 净水器',
  severity: 'serious',
  complaintContent: '净水器漏水',
  customerRequest: '更换新机',
};
const investigation = (responsibleDepartment: string) => ({
  investigationFindings: '接头密封圈破损',
  causeAnalysis: '来料不良',
  causeType: 'own',
  responsibleDepartment,
  responsiblePerson: '李工',
});
const SOLUTION = { solutionPlan: '更换新机', solutionDeadline: new Date(Date.now() + 72 * 3_600_000).toISOString(), compensationAmount: 0 };

describe('complaint: later steps go to the department the investigation named', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('complaint-dept');
    // Made as an administrator makes one (用户管理): 有关部门 of 浙江, working in 生产部.
    const made = await e.post('admin', '/api/admin/users', {
      username: PRODUCTION,
      displayName: '浙江 生产部',
      unitId: 'zj',
      department: 'production',
      password: 'shouwen123',
      roles: [{ role: 'department', unitId: 'zj' }],
    });
    expect(made.statusCode, JSON.stringify(made.body)).toBe(201);
    expect(made.body.department).toBe('production');
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const url = (taskId: string, action = '') => `/api/tasks/${encodeURIComponent(taskId)}${action}`;
  const inbox = async (user: string) => ((await get(user, '/api/tasks?view=all&processKey=complaint&customerId=C0002&sort=created&limit=200')).body.items as Array<{ id: string }>).map((t) => t.id);

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome: 'complete', data });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
  }

  /** Registered, valid, investigated by 浙江's 有关部门 naming `department`: the id of 提出处理方案. */
  async function investigated(department: string) {
    const caseId = await e.start(AGENT, 'complaint', {}, { customerId: 'C0002' });
    await step(caseId, 'Activity_RegisterComplaint', AGENT, REGISTER);
    await step(caseId, 'Activity_Triage', AGENT, { preliminaryAnalysis: '漏水属实', isValid: true });
    // Any 有关部门 holder of the unit investigates (nobody has been named yet): the production user here.
    await step(caseId, 'Activity_Investigate', PRODUCTION, investigation(department));
    const [propose] = await e.waitForTasks(caseId, ['Activity_ProposeSolution']);
    return { caseId, taskId: propose!.id };
  }

  const departmentEvents = async (caseId: string) =>
    (await e.stack.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM case_event WHERE case_id = $1 AND kind = 'task.department' ORDER BY seq`, [caseId])).rows.map((r) => r.payload);

  it('质量管理部 named: a 生产部 user of the same unit neither sees nor can claim or complete the step; the 质量管理部 user can, through to 总结评价', async () => {
    const { caseId, taskId } = await investigated('quality');
    const { rows } = await e.stack.db.query('SELECT candidate_roles, candidate_department FROM task WHERE id = $1', [taskId]);
    expect(rows[0]).toEqual({ candidate_roles: ['department'], candidate_department: 'quality' });

    expect(await inbox(PRODUCTION)).not.toContain(taskId);
    expect((await get(PRODUCTION, url(taskId))).statusCode).toBe(403);
    expect((await e.post(PRODUCTION, url(taskId, '/claim'))).statusCode).toBe(403);
    expect((await e.complete(PRODUCTION, taskId, { outcome: 'complete', data: SOLUTION })).statusCode).toBe(403);
    // 质量管理部 of another unit is no candidate either: the department narrows the unit's holders.
    expect((await e.post('js.department', url(taskId, '/claim'))).statusCode).toBe(403);

    expect(await inbox(QUALITY)).toContain(taskId);
    const claim = await e.post(QUALITY, url(taskId, '/claim'));
    expect(claim.statusCode, JSON.stringify(claim.body)).toBe(200);
    expect((await e.complete(QUALITY, taskId, { outcome: 'complete', data: SOLUTION })).statusCode).toBe(200);

    const [approval] = await e.waitForTasks(caseId, ['Activity_ManagerApproval']);
    expect((await e.complete(MANAGER, approval!.id, { outcome: 'approve', data: { approvalOpinion: '同意' }, comment: '同意' })).statusCode).toBe(200);
    await step(caseId, 'Activity_Negotiate', AGENT, { customerAgreed: true, negotiationNotes: '客户同意' });
    // 实施处理方案 and 总结评价 are the named department's too.
    const [implement] = await e.waitForTasks(caseId, ['Activity_ImplementSolution']);
    expect((await e.post(PRODUCTION, url(implement!.id, '/claim'))).statusCode).toBe(403);
    await step(caseId, 'Activity_ImplementSolution', QUALITY, { implementationResult: '已换机', customerNotified: true });
    await step(caseId, 'Activity_Feedback', AGENT, { satisfied: true, satisfactionScore: 5, customerComments: '满意' });
    const [summary] = await e.waitForTasks(caseId, ['Activity_Summarize']);
    expect((await e.post(PRODUCTION, url(summary!.id, '/claim'))).statusCode).toBe(403);
    await step(caseId, 'Activity_Summarize', QUALITY, { summary: '来料不良', improvementMeasures: '加强来料检验', rewardPenaltyNotice: '通报' });
    expect((await e.result(caseId)).status).toBe('completed');

    const routed = await departmentEvents(caseId);
    expect(routed).toHaveLength(3);
    for (const p of routed) expect(p).toMatchObject({ department: 'quality', departmentName: '质量管理部', fallback: false });
  });

  it('reading the complaint: once routed to 质量管理部, a 生产部 user of the unit who never acted on it no longer finds it (case page, list, search)', async () => {
    const caseId = await e.start(AGENT, 'complaint', {}, { customerId: 'C0002' });
    const businessKey = (await e.stack.db.query<{ business_key: string }>('SELECT business_key FROM process_case WHERE id = $1', [caseId])).rows[0]!.business_key;
    const page = async (user: string) => (await get(user, `/api/cases/${encodeURIComponent(caseId)}`)).statusCode;
    const listed = async (user: string) => ((await get(user, `/api/cases?q=${encodeURIComponent(businessKey)}`)).body.items as Array<{ id: string }>).map((c) => c.id);
    const found = async (user: string) => ((await get(user, `/api/search?q=${encodeURIComponent(businessKey)}`)).body.cases.items as Array<{ id: string }>).map((c) => c.id);
    await step(caseId, 'Activity_RegisterComplaint', AGENT, REGISTER);
    await step(caseId, 'Activity_Triage', AGENT, { preliminaryAnalysis: '漏水属实', isValid: true });
    // The investigation is every 有关部门 holder's: both read the case while it waits there.
    await e.waitForTasks(caseId, ['Activity_Investigate']);
    for (const user of [PRODUCTION, QUALITY]) {
      expect(await page(user), user).toBe(200);
      expect(await listed(user), user).toContain(caseId);
    }
    await step(caseId, 'Activity_Investigate', QUALITY, investigation('quality'));
    await e.waitForTasks(caseId, ['Activity_ProposeSolution']);

    expect(await page(PRODUCTION)).toBe(404);
    expect(await listed(PRODUCTION)).not.toContain(caseId);
    expect(await found(PRODUCTION)).not.toContain(caseId);
    expect((await get(PRODUCTION, `/api/cases/${encodeURIComponent(caseId)}/audit`)).statusCode).toBe(404);
    // The named department, and every other role of the unit, still read it.
    for (const user of [QUALITY, AGENT, MANAGER]) {
      expect(await page(user), user).toBe(200);
      expect(await listed(user), user).toContain(caseId);
      expect(await found(user), user).toContain(caseId);
    }
  });

  it('用户管理 takes only a known department, and can clear it', async () => {
    const bad = await e.stack.app.inject({ method: 'PATCH', url: `/api/admin/users/${PRODUCTION}`, headers: { cookie: await e.cookie('admin') }, payload: { department: '销售部' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'body.department' });
    const patch = async (department: string | null) =>
      (await e.stack.app.inject({ method: 'PATCH', url: `/api/admin/users/${PRODUCTION}`, headers: { cookie: await e.cookie('admin') }, payload: { department } })).json().department;
    expect(await patch(null)).toBeNull();
    expect(await patch('production')).toBe('production');
  });

  it('生产部 named: the production user takes the step, the 质量管理部 user may not', async () => {
    const { taskId } = await investigated('production');
    expect((await e.post(QUALITY, url(taskId, '/claim'))).statusCode).toBe(403);
    expect(await inbox(PRODUCTION)).toContain(taskId);
    expect((await e.post(PRODUCTION, url(taskId, '/claim'))).statusCode).toBe(200);
  });

  it('nobody of the named department in the unit (市场营销部): the unit\'s 客服经理 takes the step, and the trail says why', async () => {
    const { caseId, taskId } = await investigated('marketing');
    const { rows } = await e.stack.db.query('SELECT candidate_roles, candidate_department FROM task WHERE id = $1', [taskId]);
    expect(rows[0]).toEqual({ candidate_roles: ['cs_manager'], candidate_department: null });
    for (const user of [QUALITY, PRODUCTION]) expect((await e.post(user, url(taskId, '/claim'))).statusCode, user).toBe(403);
    expect(await inbox(MANAGER)).toContain(taskId);
    expect((await e.post(MANAGER, url(taskId, '/claim'))).statusCode).toBe(200);
    expect(await departmentEvents(caseId)).toEqual([
      { elementId: 'Activity_ProposeSolution', department: 'marketing', departmentName: '市场营销部', fallback: true, fallbackRoles: ['cs_manager'] },
    ]);
  });
});
