import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { eventually } from '../../helpers';
import { startEngine, type Engine } from '../../engine-harness';
import { MockActivityEnvironment } from '@temporalio/testing';
import { destroyCaseContent } from '../../../db/case-content';
import { destroySourceHistories } from '../../../activities/case-history';

// 过期销毁 reaches the source case (issue 16): a complaint reaches 归档, its archive is destroyed
// through the shipped archive-destruction process, and then the complaint's own content (variables,
// form values, comments, record texts, trail payloads, the Temporal history) is gone while its trail
// still verifies. Real Temporal and PostgreSQL, driven through the API by the users of 浙江 (zj).

const AGENT = 'zj.cs_agent';
const DEPT = 'zj.department';
const MANAGER = 'zj.cs_manager';
const GM = 'zj.general_manager';

/** Texts only this complaint's forms hold: none may be readable once its archive is destroyed. */
const CONTENT = ['净水器出水慢请速查', '滤芯堵塞严重', '免费更换滤芯并回访', '未按期更换滤芯', '提醒客户定期更换', '注意承诺时限'];

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('过期销毁 purges the source case', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('archive-purge');
  });
  afterAll(async () => e?.close());

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
    return task!.id;
  }
  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json(), text: res.body };
  };
  const readable = (text: string) => CONTENT.filter((c) => text.includes(c));

  async function finishedComplaint() {
    const caseId = await e.start(AGENT, 'complaint', {}, { customerId: 'C0002' });
    await step(caseId, 'Activity_RegisterComplaint', AGENT, {
      customerName: '宁波港城贸易有限公司', contactPerson: '李芳', phone: '0574-87654321', address: '宁波市鄞州区中山东路 88 号',
      receivedAt: '2026-03-02T09:30+08:00', complaintChannel: 'hotline', product: 'SW-200 净水器', severity: 'general',
      complaintContent: CONTENT[0], customerRequest: '上门检查',
    });
    await step(caseId, 'Activity_Triage', AGENT, { preliminaryAnalysis: CONTENT[1], isValid: true });
    await step(caseId, 'Activity_Investigate', DEPT, { investigationFindings: CONTENT[1], causeAnalysis: CONTENT[3], causeType: 'own', responsibleDepartment: 'quality', responsiblePerson: '李工' });
    await step(caseId, 'Activity_ProposeSolution', DEPT, { solutionPlan: CONTENT[2], solutionDeadline: inHours(72), compensationAmount: 0 });
    const approval = await step(caseId, 'Activity_ManagerApproval', MANAGER, { approvalOpinion: '同意' }, 'approve', CONTENT[5]);
    await step(caseId, 'Activity_Negotiate', AGENT, { customerAgreed: true, negotiationNotes: '客户同意' });
    await step(caseId, 'Activity_ImplementSolution', DEPT, { implementationResult: '已更换', customerNotified: true });
    await step(caseId, 'Activity_Feedback', AGENT, { satisfied: true, satisfactionScore: 5, customerComments: '满意' });
    await step(caseId, 'Activity_Summarize', DEPT, { summary: '滤芯到期', improvementMeasures: CONTENT[4], rewardPenaltyNotice: '无' });
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    return { caseId, archiveNo: result.variables.archiveNo as string, approval };
  }

  async function destroyed(archiveNo: string) {
    const caseId = await e.start(AGENT, 'archive-destruction');
    await step(caseId, 'Activity_Propose', AGENT, { proposedArchiveIds: archiveNo, destructionReason: '保管期满' });
    await step(caseId, 'Activity_ManagerReview', MANAGER, { destructionReviewOpinion: '同意销毁' }, 'approve');
    await step(caseId, 'Activity_GmApproval', GM, { destructionApprovalOpinion: '同意' }, 'approve');
    await step(caseId, 'Activity_Destroy', AGENT, { destructionMethod: 'shred', destructionWitness: '王监销' });
    await step(caseId, 'Activity_Feedback', AGENT, { feedbackContent: '已粉碎' });
    const result = await e.result(caseId);
    expect(result.variables).toMatchObject({ destroyedArchives: [archiveNo] });
    return caseId;
  }

  it('the case keeps its number, trail and a verifying chain, but no content, and its history is deleted', async () => {
    const { caseId, archiveNo, approval } = await finishedComplaint();
    const enc = encodeURIComponent(caseId);
    // Before: the content is there to read (so the checks below can fail).
    expect(readable((await get(AGENT, `/api/cases/${enc}`)).text)).toEqual(expect.arrayContaining([CONTENT[0], CONTENT[2]]));
    const taskBefore = await get(MANAGER, `/api/tasks/${encodeURIComponent(approval)}`);
    expect(taskBefore.statusCode).toBe(200);
    expect(readable(taskBefore.text)).toEqual(expect.arrayContaining([CONTENT[0], CONTENT[5]]));
    const trailBefore = await get('hq.auditor', `/api/cases/${enc}/audit`);
    expect(trailBefore.body.verified).toBe(true);

    // Ten years later: the archive is past retention and destroyed.
    await e.stack.db.query(`UPDATE archive SET expires_on = DATE '2020-01-01' WHERE id = $1`, [archiveNo]);
    const destruction = await destroyed(archiveNo);
    const xh = (await e.stack.db.query<{ id: string }>('SELECT id FROM archive_destruction WHERE archive_id = $1', [archiveNo])).rows[0]!.id;

    // 案例 page: kept as a case, its content replaced by the marker.
    const page = await get(AGENT, `/api/cases/${enc}`);
    expect(page.statusCode).toBe(200);
    expect(readable(page.text)).toEqual([]);
    expect(page.body.case).toMatchObject({ id: caseId, status: 'completed', variables: { contentDestroyed: '内容已随档案销毁' } });
    expect(page.body.case.contentDestroyedAt).toEqual(expect.any(String));
    const completed = page.body.events.filter((ev: { kind: string }) => ev.kind === 'task.completed');
    expect(completed.length).toBeGreaterThan(5);
    for (const ev of completed) expect(ev.payload).toEqual({ contentDestroyed: '内容已随档案销毁' });
    expect(page.body.events.at(-2)).toMatchObject({ kind: 'case.contentDestroyed', actorId: AGENT, payload: { archiveId: archiveNo, destructionNo: xh } });
    expect(page.body.events.at(-1)).toMatchObject({ kind: 'case.historyDestroyed', payload: { destructionNo: xh } });

    // 业务记录: the complaint row stays for the reports' categories, its texts gone.
    const records = await get(AGENT, `/api/cases/${enc}/records`);
    expect(records.statusCode).toBe(200);
    expect(readable(records.text)).toEqual([]);
    expect(records.body.complaints[0]).toMatchObject({ content: '内容已随档案销毁', severity: 'general' });

    // The task page of a completed step: form values and comments gone.
    const task = await get(MANAGER, `/api/tasks/${encodeURIComponent(approval)}`);
    expect(task.statusCode).toBe(200);
    expect(readable(task.text)).toEqual([]);

    // Search: the case is still found by its number, never by what it said.
    const byText = await get(AGENT, `/api/search?q=${encodeURIComponent(CONTENT[0]!)}`);
    expect(byText.body.cases.items).toEqual([]);
    const businessKey = page.body.case.businessKey as string;
    expect((await get(AGENT, `/api/search?q=${encodeURIComponent(businessKey)}`)).body.cases.items.map((c: { id: string }) => c.id)).toContain(caseId);

    // 审计: every entry still there, the chain still verifies, no payload readable.
    const trail = await get('hq.auditor', `/api/cases/${enc}/audit`);
    expect(trail.body).toMatchObject({ verified: true, brokenAt: null });
    expect(trail.body.entries.length).toBe(trailBefore.body.entries.length + 2);
    expect(trail.body.entries.map((x: { hash: string }) => x.hash).slice(0, trailBefore.body.entries.length)).toEqual(trailBefore.body.entries.map((x: { hash: string }) => x.hash));
    expect(readable(trail.text)).toEqual([]);

    // Export and replay: the history was destroyed, said so, not a failure.
    const exported = await get('hq.auditor', `/api/cases/${enc}/audit/export`);
    expect(exported.statusCode).toBe(410);
    expect(exported.body).toMatchObject({ code: 'case.historyDestroyed' });
    const replay = await e.post('hq.auditor', `/api/cases/${enc}/replay`);
    expect(replay.statusCode).toBe(410);
    expect(replay.body).toMatchObject({ code: 'case.historyDestroyed' });
    // Temporal deletes asynchronously after DeleteWorkflowExecution: the history disappears.
    await eventually(
      async () => {
        try {
          await e.stack.temporal.client.workflow.getHandle(caseId).describe();
          return undefined;
        } catch (err) {
          return err instanceof WorkflowNotFoundError ? true : undefined;
        }
      },
      // Deletion is a task on the server's queue: slow on a loaded machine, so a generous wait.
      150_000,
      `the history of ${caseId} deleted`,
    );

    // Nothing left in the database either, in any table a reader could reach.
    const stored = await e.stack.db.query<{ t: string }>(
      `SELECT concat_ws(' ', (SELECT variables::text FROM process_case WHERE id = $1),
         (SELECT string_agg(data::text || coalesce(comment, ''), ' ') FROM task WHERE case_id = $1),
         (SELECT string_agg(payload::text, ' ') FROM case_event WHERE case_id = $1),
         (SELECT string_agg(body, ' ') FROM task_comment WHERE case_id = $1),
         (SELECT row_to_json(c)::text FROM complaint c WHERE case_id = $1)) AS t`,
      [caseId],
    );
    expect(readable(stored.rows[0]!.t)).toEqual([]);
    // The destruction's own case keeps its record (the 销毁处理登记表), untouched.
    expect((await get(AGENT, `/api/cases/${encodeURIComponent(destruction)}`)).body.case.variables).toMatchObject({ destroyedArchives: [archiveNo] });

    // A retry of the purge changes nothing and fails on nothing; the trail stays append-only otherwise.
    await destroyCaseContent(e.stack.db, { caseId, destructionNo: xh, archiveId: archiveNo, actorId: AGENT });
    // The activity retried after the history is gone: Temporal answers not found, nothing fails, nothing is written twice.
    await new MockActivityEnvironment({}, { client: e.stack.temporal.client }).run(() => destroySourceHistories(e.stack.db, [archiveNo]));
    const again = await get('hq.auditor', `/api/cases/${enc}/audit`);
    expect(again.body).toMatchObject({ verified: true, entries: expect.any(Array) });
    expect(again.body.entries.length).toBe(trail.body.entries.length);
    await expect(e.stack.db.query(`UPDATE case_event SET payload = '{"x": 1}' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(e.stack.db.query(`DELETE FROM case_event WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
  }, 300_000);

  it('a case whose archive was not destroyed cannot have its trail purged', async () => {
    const { caseId } = await finishedComplaint();
    await expect(
      e.stack.db.query(`UPDATE case_event SET payload = '{"contentDestroyed": "内容已随档案销毁"}', purged_at = now() WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/append-only/);
    expect((await get('hq.auditor', `/api/cases/${encodeURIComponent(caseId)}/audit`)).body.verified).toBe(true);
  });
});
