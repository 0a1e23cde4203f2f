import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers';
import { startEngine, type Engine } from '../../engine-harness';

// 客户档案管理 (PROCESSES.md §7, issue 16 items 3–4): 法律保全, 过期销毁
// (bpmn/processes/archive-destruction.bpmn) and 定期整改 (bpmn/processes/archive-rectification.bpmn,
// started by hand, by its quarterly schedule, and by damage found on return in archive-borrow),
// driven through the API by the users of 浙江 (zj) against real Temporal and PostgreSQL.

const AGENT = 'zj.cs_agent';
const DEPT = 'zj.department';
const MANAGER = 'zj.cs_manager';
const GM = 'zj.general_manager';

const inDays = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);

describe('客户档案管理: legal hold, destruction, rectification', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('archive-lifecycle');
  });
  afterAll(async () => e?.close());

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
  }
  /** Completes the open task at `elementId` among others open beside it (the parallel 处理问题 / 配合整改). */
  async function parallelStep(caseId: string, open: string[], elementId: string, user: string, data: Record<string, unknown>) {
    const task = (await e.waitForTasks(caseId, open)).find((t) => t.elementId === elementId);
    const res = await e.complete(user, task!.id, { outcome: 'complete', data });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
  }
  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const archiveRow = async (id: string) => (await e.stack.db.query('SELECT * FROM archive WHERE id = $1', [id])).rows[0];
  const historyOf = async (id: string) => (await e.stack.db.query<{ kind: string }>('SELECT kind FROM archive_event WHERE archive_id = $1 ORDER BY id', [id])).rows.map((r) => r.kind);

  /** An archive of customer C0002 (浙江, 内部) put straight into the register, expired unless `expiresOn` says otherwise. */
  async function registered(id: string, o: { status?: string; expiresOn?: string; records?: Record<string, unknown> } = {}) {
    await e.stack.db.query(
      `INSERT INTO archive (id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, status, records)
       SELECT $1, cu.id, cu.unit_id, 'complaint', '测试档案 ' || cu.name, cu.confidentiality, '客服部档案室', 10, $2::date, $3, $4 FROM customer cu WHERE cu.id = 'C0002'`,
      [id, o.expiresOn ?? '2020-01-01', o.status ?? 'in_stock', o.records ?? { complaintContent: '净水器出水慢' }],
    );
    return id;
  }
  const hold = (user: string, id: string, holdIt: boolean, reason = '涉诉，法院要求保全') => e.post(user, `/api/archives/${id}/legal-hold`, { hold: holdIt, reason });

  /** A borrow request by 有关部门, approved by 客服部, so the archive is lent. */
  async function lent(archiveId: string) {
    const caseId = await e.start(DEPT, 'archive-borrow');
    await step(caseId, 'Activity_Apply', DEPT, { archiveId, department: '质量管理部', purpose: '复核处理记录', dueOn: inDays(7) });
    await step(caseId, 'Activity_Review', AGENT, { reviewOpinion: '同意借阅' }, 'approve');
    await e.waitForTasks(caseId, ['Activity_Return']);
    return caseId;
  }

  it('法律保全: only a 客服经理 over the archive’s unit sets or lifts it, each in the archive’s history', async () => {
    const id = await registered('DA-HOLD-1');
    const byAgent = await hold(AGENT, id, true);
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.body).toMatchObject({ code: 'archive.holdManagerOnly' });
    expect((await hold('js.cs_manager', id, true)).statusCode).toBe(404); // another province's archive is not even seen
    const set = await hold(MANAGER, id, true);
    expect(set.statusCode, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ id, legalHold: true, legalHoldReason: '涉诉，法院要求保全' });
    expect((await hold(MANAGER, id, false, '诉讼已结案')).body).toMatchObject({ legalHold: false, legalHoldReason: null });
    expect((await hold('hq.cs_manager', id, true, '审计要求保全')).body).toMatchObject({ legalHold: true });
    const page = await get(AGENT, `/api/archives/${id}`);
    expect(page.body.history).toMatchObject([
      { kind: 'hold.set', actorId: MANAGER, payload: { reason: '涉诉，法院要求保全' } },
      { kind: 'hold.lifted', actorId: MANAGER, payload: { reason: '诉讼已结案' } },
      { kind: 'hold.set', actorId: 'hq.cs_manager', payload: { reason: '审计要求保全' } },
    ]);
    // The database itself refuses destroying a held archive.
    await expect(e.stack.db.query(`UPDATE archive SET status = 'destroyed' WHERE id = $1`, [id])).rejects.toThrow(/archive_hold_not_destroyed/);
  });

  it('过期销毁 approved: only what is expired, 在库 and not held is destroyed; the others are refused with the reason; the record is kept for ever; a destroyed archive is never borrowed', async () => {
    const expired = await registered('DA-EXP-1');
    const held = await registered('DA-EXP-HELD');
    expect((await hold(MANAGER, held, true)).statusCode).toBe(200);
    const young = await registered('DA-YOUNG-1', { expiresOn: inDays(365) });
    const out = await registered('DA-EXP-LENT');
    await lent(out);

    const caseId = await e.start(AGENT, 'archive-destruction');
    const [propose] = await e.waitForTasks(caseId, ['Activity_Propose']);
    expect(propose).toBeDefined();
    // The proposal starts from the expired archives of the unit, holds marked.
    const listed = (await e.state(caseId)).variables.expiredArchives as Array<{ archiveId: string; legalHold: boolean }>;
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ archiveId: expired, legalHold: false }), expect.objectContaining({ archiveId: held, legalHold: true })]));
    expect(listed.map((a) => a.archiveId)).not.toContain(young);

    await step(caseId, 'Activity_Propose', AGENT, { proposedArchiveIds: `${expired}、${held}, ${young}\n${out} DA-NOPE-1`, destructionReason: '保管期满' });
    await e.waitForTasks(caseId, ['Activity_ManagerReview']);
    const vars = (await e.state(caseId)).variables;
    expect(vars.destructionList).toEqual([expired]);
    expect(vars.destructionRefused).toEqual([
      { archiveId: held, refusal: 'archive.legalHold', reason: '档案处于法律保全，不得销毁' },
      { archiveId: young, refusal: 'archive.notExpired', reason: '档案未过保管期限' },
      { archiveId: out, refusal: 'archive.notAvailable', reason: '档案已借出或整改中，不能销毁' },
      { archiveId: 'DA-NOPE-1', refusal: 'archive.notFound', reason: '档案编号不存在或不属本单位' },
    ]);
    await step(caseId, 'Activity_ManagerReview', MANAGER, { destructionReviewOpinion: '同意销毁' }, 'approve');
    await step(caseId, 'Activity_GmApproval', GM, { destructionApprovalOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_Destroy', AGENT, { destructionMethod: 'shred', destructionWitness: '王监销' });
    await step(caseId, 'Activity_Feedback', AGENT, { feedbackContent: '已按清单粉碎销毁 1 卷' });
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ destroyedArchives: [expired], notDestroyed: [] });

    expect(await archiveRow(expired)).toMatchObject({ status: 'destroyed', records: {} });
    for (const kept of [held, young, out]) expect((await archiveRow(kept))!.status).not.toBe('destroyed');
    const { rows } = await e.stack.db.query('SELECT * FROM archive_destruction WHERE archive_id = $1', [expired]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ case_id: caseId, method: 'shred', witness: '王监销', reviewed_by: MANAGER, approved_by: GM, destroyed_by: AGENT, archive_type: 'complaint', customer_id: 'C0002' });
    expect(rows[0]!.id).toMatch(/^XH-\d{4}-\d{2}-\d{6}$/);
    await expect(e.stack.db.query('DELETE FROM archive_destruction WHERE archive_id = $1', [expired])).rejects.toThrow(/append-only/);
    await expect(e.stack.db.query(`UPDATE archive_destruction SET method = 'x' WHERE archive_id = $1`, [expired])).rejects.toThrow(/append-only/);
    const page = await get(AGENT, `/api/archives/${expired}`);
    expect(page.body).toMatchObject({ status: 'destroyed', records: {}, destruction: { id: rows[0]!.id, caseId, reviewedBy: MANAGER, approvedBy: GM } });
    expect(page.body.history.map((h: { kind: string }) => h.kind)).toEqual(['destroyed']);
    // Nothing left to hold.
    expect((await hold(MANAGER, expired, true)).body).toMatchObject({ code: 'archive.destroyed' });

    // 借阅: a destroyed archive is refused with the reason, and never lent.
    const borrow = await e.start(DEPT, 'archive-borrow');
    await step(borrow, 'Activity_Apply', DEPT, { archiveId: expired, department: '质量管理部', purpose: '复核', dueOn: inDays(7) });
    expect((await e.result(borrow)).variables).toMatchObject({ borrowEligible: false, borrowRefusal: 'archive.destroyed' });
    expect((await e.stack.db.query('SELECT 1 FROM archive_loan WHERE archive_id = $1', [expired])).rowCount).toBe(0);
  });

  it('过期销毁: 客服经理 驳回 and 总经理 驳回 each send the proposal back; a proposal of held archives only goes back too; nothing is destroyed until approved', async () => {
    const id = await registered('DA-EXP-2');
    const held = await registered('DA-EXP-HELD-2');
    expect((await hold(MANAGER, held, true)).statusCode).toBe(200);
    const caseId = await e.start(AGENT, 'archive-destruction');
    // Only a held archive: nothing to destroy, straight back to the proposal with the reason.
    await step(caseId, 'Activity_Propose', AGENT, { proposedArchiveIds: held, destructionReason: '保管期满' });
    await e.waitForTasks(caseId, ['Activity_Propose']);
    expect((await e.state(caseId)).variables).toMatchObject({ destructionList: [], destructionRefusedText: `${held}：档案处于法律保全，不得销毁` });

    await step(caseId, 'Activity_Propose', AGENT, { proposedArchiveIds: id, destructionReason: '保管期满' });
    await step(caseId, 'Activity_ManagerReview', MANAGER, { destructionReviewOpinion: '请附保管期限依据' }, 'reject', '补充依据');
    await e.waitForTasks(caseId, ['Activity_Propose']);
    expect((await archiveRow(id))!.status).toBe('in_stock');
    await step(caseId, 'Activity_Propose', AGENT, { proposedArchiveIds: id, destructionReason: '保管期满（10 年）' });
    await step(caseId, 'Activity_ManagerReview', MANAGER, { destructionReviewOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_GmApproval', GM, { destructionApprovalOpinion: '暂缓，客户可能续约' }, 'reject', '暂缓');
    await e.waitForTasks(caseId, ['Activity_Propose']);
    expect((await archiveRow(id))!.status).toBe('in_stock');
    expect((await e.stack.db.query('SELECT 1 FROM archive_destruction WHERE archive_id = $1', [id])).rowCount).toBe(0);

    // Approved at last — but a hold set after the approval still saves the archive.
    await step(caseId, 'Activity_Propose', AGENT, { proposedArchiveIds: id, destructionReason: '保管期满，客户已确认不续约' });
    await step(caseId, 'Activity_ManagerReview', MANAGER, { destructionReviewOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_GmApproval', GM, { destructionApprovalOpinion: '同意' }, 'approve');
    await e.waitForTasks(caseId, ['Activity_Destroy']);
    expect((await hold(MANAGER, id, true, '临时接到律师函')).statusCode).toBe(200);
    await step(caseId, 'Activity_Destroy', AGENT, { destructionMethod: 'incinerate', destructionWitness: '王监销' });
    await step(caseId, 'Activity_Feedback', AGENT, { feedbackContent: '该卷因法律保全未销毁' });
    const result = await e.result(caseId);
    expect(result.variables).toMatchObject({ destroyedArchives: [], notDestroyed: [id] });
    expect((await archiveRow(id))!.status).toBe('in_stock');
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_Propose: 4, Activity_ManagerReview: 3, Activity_GmApproval: 2, Activity_DestroyRecord: 1 });
  });

  it('定期整改 on its quarterly schedule: a run opens a case at 总部 listing overdue loans, expired archives and missing records; reviewed (驳回 → back), handled with 有关部门', async () => {
    const sched = await get('hq.process_owner', '/api/processes/archive-rectification/schedules?count=4');
    expect(sched.statusCode).toBe(200);
    expect(sched.body.items).toEqual([expect.objectContaining({ startEventId: 'StartEvent_Quarterly', expression: '0 0 9 1 */3 *', paused: false })]);
    // 09:00 Beijing on the 1st of January, April, July, October = 01:00 UTC that day.
    for (const run of sched.body.items[0].nextRuns as string[]) expect(run).toMatch(/^\d{4}-(01|04|07|10)-01T01:00:00\.000Z$/);

    const overdue = await registered('DA-RECT-LOAN', { expiresOn: inDays(3650) });
    const loanCase = await lent(overdue);
    await e.stack.db.query(`UPDATE archive_loan SET due_on = DATE '2026-01-05' WHERE case_id = $1`, [loanCase]);
    const empty = await registered('DA-RECT-EMPTY', { expiresOn: inDays(3650), records: {} });
    const old = await registered('DA-RECT-OLD');

    // The dev server is shared by the test files, so the run is started exactly as the schedule starts it.
    const { rows } = await e.stack.db.query<{ version: number }>("SELECT max(version) AS version FROM process_definition WHERE key = 'archive-rectification'");
    const run = await e.stack.temporal.client.workflow.execute('scheduledCaseStart', {
      taskQueue: e.stack.temporal.taskQueue,
      workflowId: `case-start:archive-rectification:StartEvent_Quarterly-test-${Date.now()}`,
      args: [{ processKey: 'archive-rectification', processVersion: rows[0]!.version, startEventId: 'StartEvent_Quarterly' }],
    });
    const caseId = (run as { caseId: string }).caseId;
    const [opinion] = await e.waitForTasks(caseId, ['Activity_Opinion']);
    expect(opinion).toMatchObject({ unitId: 'hq' });
    expect((await e.stack.db.query('SELECT initiator_id, owner_id, unit_id FROM process_case WHERE id = $1', [caseId])).rows[0]).toEqual({ initiator_id: null, owner_id: 'hq.cs_agent', unit_id: 'hq' });
    const findings = (await e.state(caseId)).variables.findings as Array<{ archiveId: string; kind: string }>;
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ archiveId: overdue, kind: 'overdueLoan' }),
        expect.objectContaining({ archiveId: empty, kind: 'missingRecords' }),
        expect.objectContaining({ archiveId: old, kind: 'expired' }),
      ]),
    );
    expect(findings.filter((f) => f.archiveId === overdue).map((f) => f.kind)).toEqual(['overdueLoan']);

    await step(caseId, 'Activity_Opinion', 'hq.cs_agent', { handlingOpinion: '催还逾期档案，补录缺失记录', supportDepartments: '质量管理部' });
    await step(caseId, 'Activity_Review', 'hq.cs_manager', { rectificationReviewOpinion: '补录需写明时限' }, 'reject', '补充时限');
    await step(caseId, 'Activity_Opinion', 'hq.cs_agent', { handlingOpinion: '一周内催还逾期档案，两周内补录缺失记录', supportDepartments: '质量管理部' });
    await step(caseId, 'Activity_Review', 'hq.cs_manager', { rectificationReviewOpinion: '同意' }, 'approve');
    const open = await e.waitForTasks(caseId, ['Activity_Handle', 'Activity_Support']);
    expect(open.map((t) => t.elementId)).toEqual(['Activity_Handle', 'Activity_Support']);
    await parallelStep(caseId, ['Activity_Handle', 'Activity_Support'], 'Activity_Support', 'hq.department', { supportResult: '已通知借阅人归还' });
    await step(caseId, 'Activity_Handle', 'hq.cs_agent', { handlingResult: '已催还，记录补录中' });
    expect((await e.result(caseId)).status).toBe('completed');
    expect((await e.state(caseId)).completedCounts).toMatchObject({ Activity_Opinion: 2, Activity_Review: 2, Activity_Rectified: 1 });
  });

  it('damage found on return opens one rectification case for that archive, which puts it back 在库 when repaired', async () => {
    const id = await registered('DA-DAMAGE-1', { expiresOn: inDays(3650) });
    const borrow = await lent(id);
    await step(borrow, 'Activity_Return', DEPT, { returnRemark: '用毕归还' });
    await step(borrow, 'Activity_CheckReturn', AGENT, { returnIntact: false, returnNote: '第 3 页缺失' });
    const done = await e.result(borrow);
    expect(done.status).toBe('completed');
    expect(done.variables).toMatchObject({ archiveStatus: 'rectifying' });
    expect((await e.state(borrow)).completedCounts).toMatchObject({ Event_OpenRectification: 1, EndEvent_ToRectification: 1 });
    expect((await archiveRow(id))!.status).toBe('rectifying');

    const startedBy = async () => {
      const all = await e.stack.db.query<{ id: string }>(`SELECT id FROM process_case WHERE process_key = 'archive-rectification'`);
      const mine: string[] = [];
      for (const r of all.rows) if ((await e.state(r.id)).variables.startedBy === borrow) mine.push(r.id);
      return mine;
    };
    const [rect] = await eventually(async () => ((await startedBy()).length ? startedBy() : undefined), 30_000, 'the rectification case');
    await e.waitForTasks(rect!, ['Activity_Opinion']);
    expect(await startedBy()).toEqual([rect]);
    const vars = (await e.state(rect!)).variables;
    expect(vars).toMatchObject({ archiveId: id, damageNote: '第 3 页缺失' });
    expect(vars.loanNo).toMatch(/^JY-/);
    expect(vars.findings).toEqual(expect.arrayContaining([expect.objectContaining({ archiveId: id, kind: 'damaged' })]));
    expect((await e.stack.db.query('SELECT unit_id FROM process_case WHERE id = $1', [rect])).rows[0]).toEqual({ unit_id: 'zj' });

    // 整改中: not lent meanwhile.
    const other = await e.start(DEPT, 'archive-borrow');
    await step(other, 'Activity_Apply', DEPT, { archiveId: id, department: '质量管理部', purpose: '复核', dueOn: inDays(7) });
    expect((await e.result(other)).variables).toMatchObject({ borrowRefusal: 'archive.notAvailable' });

    await step(rect!, 'Activity_Opinion', AGENT, { handlingOpinion: '补齐缺失页（从电子档案打印）', supportDepartments: '质量管理部' });
    await step(rect!, 'Activity_Review', MANAGER, { rectificationReviewOpinion: '同意' }, 'approve');
    await parallelStep(rect!, ['Activity_Handle', 'Activity_Support'], 'Activity_Support', DEPT, { supportResult: '已提供电子档案' });
    await step(rect!, 'Activity_Handle', AGENT, { handlingResult: '已补齐第 3 页', rectifiedArchiveIds: id });
    const result = await e.result(rect!);
    expect(result.status).toBe('completed');
    expect(result.variables).toMatchObject({ restoredArchives: [id] });
    expect((await archiveRow(id))!.status).toBe('in_stock');
    expect(await historyOf(id)).toEqual(['lent', 'returned', 'rectified']);
    // Still exactly one rectification case for this return.
    expect(await startedBy()).toEqual([rect]);
  });
});
