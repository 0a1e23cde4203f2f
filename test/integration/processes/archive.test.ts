import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMonthsBetween } from '../../china-clock';
import { startEngine, type Engine } from '../../engine-harness';

// 客户档案管理 (PROCESSES.md §7, issue 16): 归档 registers a finished case in the archive register,
// and the shipped bpmn/processes/archive-borrow.bpmn lends and takes back an archive, driven
// through the API by the users of 浙江 (zj).

const AGENT = 'zj.cs_agent';
const DEPT = 'zj.department';
const MANAGER = 'zj.cs_manager';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);

describe('客户档案管理 archive', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('archive');
  });
  afterAll(async () => e?.close());

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
  }

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const archiveRow = async (id: string) => (await e.stack.db.query('SELECT * FROM archive WHERE id = $1', [id])).rows[0];

  /** A complaint of `customerId` from 受理 to 归档 (the shipped diagram's happy path). */
  async function finishedComplaint(customerId: string) {
    const caseId = await e.start(AGENT, 'complaint', {}, { customerId });
    await step(caseId, 'Activity_RegisterComplaint', AGENT, {
      customerName: '宁波港城贸易有限公司', contactPerson: '李芳', phone: '0574-87654321', address: '宁波市鄞州区中山东路 88 号',
      receivedAt: '2026-03-02T09:30+08:00', complaintChannel: 'hotline', product: 'SW-200 净水器', severity: 'general',
      complaintContent: '净水器出水慢', customerRequest: '上门检查',
    });
    await step(caseId, 'Activity_Triage', AGENT, { preliminaryAnalysis: '滤芯堵塞', isValid: true });
    await step(caseId, 'Activity_Investigate', DEPT, { investigationFindings: '滤芯堵塞', causeAnalysis: '未按期更换', causeType: 'own', responsibleDepartment: 'quality', responsiblePerson: '李工' });
    await step(caseId, 'Activity_ProposeSolution', DEPT, { solutionPlan: '免费更换滤芯', solutionDeadline: inHours(72), compensationAmount: 0 });
    await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_Negotiate', AGENT, { customerAgreed: true, negotiationNotes: '客户同意' });
    await step(caseId, 'Activity_ImplementSolution', DEPT, { implementationResult: '已更换', customerNotified: true });
    await step(caseId, 'Activity_Feedback', AGENT, { satisfied: true, satisfactionScore: 5, customerComments: '满意' });
    await step(caseId, 'Activity_Summarize', DEPT, { summary: '滤芯到期', improvementMeasures: '提醒客户更换', rewardPenaltyNotice: '无' });
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    return { caseId, archiveNo: result.variables.archiveNo as string };
  }

  /** Starts a borrow request for `archiveId` as 有关部门 and lets the eligibility check run. */
  async function apply(archiveId: string, user = DEPT) {
    const caseId = await e.start(user, 'archive-borrow');
    await step(caseId, 'Activity_Apply', user, { archiveId, department: '质量管理部', purpose: '复核投诉处理记录', dueOn: inDays(7) });
    return caseId;
  }

  /** An archive put straight into the register (the destruction process that would set 已销毁 is not built yet). */
  async function registered(id: string, customerId: string, status = 'in_stock') {
    await e.stack.db.query(
      `INSERT INTO archive (id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, status)
       SELECT $1, cu.id, cu.unit_id, 'complaint', '测试档案 ' || cu.name, cu.confidentiality, '客服部档案室', 10, DATE '2036-01-01', $3 FROM customer cu WHERE cu.id = $2`,
      [id, customerId, status],
    );
    return id;
  }

  let archiveNo = '';

  it('a finished complaint lands in the register at 归档, once, with its customer, level, records and history', async () => {
    const started = Date.now();
    const done = await finishedComplaint('C0002');
    archiveNo = done.archiveNo;
    // Numbered by China's month at 归档: between these two clock readings.
    expect(archiveNo).toMatch(new RegExp(`^DA-(${chinaMonthsBetween(started, Date.now()).join('|')})-\\d{6}$`));
    const row = await archiveRow(archiveNo);
    expect(row).toMatchObject({ case_id: done.caseId, customer_id: 'C0002', unit_id: 'zj', archive_type: 'complaint', confidentiality: 'internal', status: 'in_stock', location: '客服部档案室', retention_years: 10 });
    expect(row!.records).toMatchObject({ complaintContent: '净水器出水慢', solutionPlan: '免费更换滤芯' });
    expect(await e.events(done.caseId)).toContain('case.archived:Activity_Archive');

    const list = await get(AGENT, '/api/archives?archiveType=complaint&customerId=C0002');
    expect(list.statusCode).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(archiveNo);
    const page = await get(AGENT, `/api/archives/${archiveNo}`);
    expect(page.body).toMatchObject({ id: archiveNo, customerName: '宁波港城贸易有限公司', status: 'in_stock', masked: false, history: [{ kind: 'registered', caseId: done.caseId }] });
    // What the console labels the records with: the source case's version (its forms), its number,
    // and the names of the accounts the records hold (the 发起人), never the bare ids.
    const source = await e.stack.db.query<{ process_version: number; business_key: string; initiator_id: string; name: string }>(
      'SELECT c.process_version, c.business_key, c.initiator_id, u.display_name AS name FROM process_case c JOIN app_user u ON u.id = c.initiator_id WHERE c.id = $1',
      [done.caseId],
    );
    const s = source.rows[0]!;
    expect(row!.records).toMatchObject({ initiator: s.initiator_id });
    expect(page.body).toMatchObject({ sourceProcessVersion: s.process_version, sourceBusinessKey: s.business_key, people: { [s.initiator_id]: s.name } });
  });

  it('borrow → return: checked, confirmed, written in the 借阅台账, returned intact, 在库 again', async () => {
    const caseId = await apply(archiveNo);
    const [review] = await e.waitForTasks(caseId, ['Activity_Review']);
    expect(review).toBeDefined();
    // A rejection goes back to the applicant, who applies again.
    await step(caseId, 'Activity_Review', AGENT, { reviewOpinion: '用途不明确' }, 'reject', '用途不明确，请写明');
    await step(caseId, 'Activity_Apply', DEPT, { archiveId: archiveNo, department: '质量管理部', purpose: '复核投诉处理记录，准备质量例会材料', dueOn: inDays(7) });
    await step(caseId, 'Activity_Review', AGENT, { reviewOpinion: '同意借阅' }, 'approve');

    await e.waitForTasks(caseId, ['Activity_Return']);
    expect((await archiveRow(archiveNo))!.status).toBe('on_loan');
    const loans = (await e.stack.db.query('SELECT * FROM archive_loan WHERE case_id = $1', [caseId])).rows;
    expect(loans).toHaveLength(1);
    expect(loans[0]).toMatchObject({ archive_id: archiveNo, borrower_id: DEPT, lent_by: AGENT, department: '质量管理部', purpose: '复核投诉处理记录，准备质量例会材料', returned_at: null });
    expect(loans[0]!.id).toMatch(/^JY-\d{4}-\d{2}-\d{6}$/);

    // While it is out, nobody else may borrow it.
    const second = await apply(archiveNo, 'zj.department');
    const refused = await e.result(second);
    expect(refused.variables).toMatchObject({ borrowEligible: false, borrowRefusal: 'archive.notAvailable' });

    await step(caseId, 'Activity_Return', DEPT, { returnRemark: '用毕归还' });
    await step(caseId, 'Activity_CheckReturn', AGENT, { returnIntact: true, returnNote: '完好' });
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ archiveStatus: 'in_stock', lent: true });
    expect((await archiveRow(archiveNo))!.status).toBe('in_stock');
    const page = await get(AGENT, `/api/archives/${archiveNo}`);
    expect(page.body.loans).toMatchObject([{ caseId, borrowerId: DEPT, returnIntact: true, returnNote: '完好' }]);
    expect(page.body.loans[0].returnedAt).not.toBeNull();
    expect(page.body.history.map((h: { kind: string }) => h.kind)).toEqual(['registered', 'lent', 'returned']);
  });

  it('an archive above the applicant’s clearance is refused with the reason, and nothing is lent', async () => {
    const id = await registered('DA-TEST-SECRET', 'C0001'); // 秘密: 客服经理 and 总经理 only
    const caseId = await apply(id);
    const result = await e.result(caseId);
    expect(result.variables).toMatchObject({ borrowEligible: false, borrowRefusal: 'archive.levelTooHigh', borrowRefusalReason: '档案秘密等级高于申请人的权限，不予借阅' });
    expect((await e.state(caseId)).completedCounts).toMatchObject({ EndEvent_Refused: 1 });
    expect((await e.stack.db.query('SELECT 1 FROM archive_loan WHERE archive_id = $1', [id])).rowCount).toBe(0);
    expect((await archiveRow(id))!.status).toBe('in_stock');
    // The applicant was told why.
    const notes = await e.stack.db.query(`SELECT title FROM notification WHERE case_id = $1`, [caseId]);
    expect(notes.rows.map((n) => n.title)).toContain('档案借阅申请不予办理：档案秘密等级高于申请人的权限，不予借阅');
    // The register masks it for the same applicant.
    const page = await get(DEPT, `/api/archives/${id}`);
    expect(page.body).toMatchObject({ masked: true, customerName: '（保密客户）', title: '（保密客户的案例）', records: {} });
    const forManager = await get(MANAGER, `/api/archives/${id}`);
    expect(forManager.body).toMatchObject({ masked: false, customerName: '杭州西湖电子有限公司' });
  });

  it('a destroyed archive is never borrowed', async () => {
    const id = await registered('DA-TEST-DESTROYED', 'C0002', 'destroyed');
    const caseId = await apply(id);
    const result = await e.result(caseId);
    expect(result.variables).toMatchObject({ borrowEligible: false, borrowRefusal: 'archive.destroyed' });
    expect((await e.stack.db.query('SELECT 1 FROM archive_loan WHERE archive_id = $1', [id])).rowCount).toBe(0);
    expect((await archiveRow(id))!.status).toBe('destroyed');
  });
});
