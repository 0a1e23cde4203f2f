import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFixture, complete, openTasks, stateWhen, startEngineEnv, type EngineEnv } from './engine-env';

// 客户档案借阅 (issue 16): a loan not returned by its 归还日期 is chased — a daily timer (R/P1D)
// reminds the applicant each day once the due time has passed, while the 归还档案 step climbs the
// org tree (首问责任制) each time its new due time passes. The shipped diagram on the
// time-skipping server, service tasks stubbed.

describe('archive-borrow: overdue loans', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('reminds the applicant every day once overdue, never before, and escalates the return step meanwhile', async () => {
    const model = await compileFixture(await readFile(new URL('../../bpmn/processes/archive-borrow.bpmn', import.meta.url), 'utf8'));
    const dueOn = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [apply] = await openTasks(handle, ['Activity_Apply']);
        await complete(handle, apply!, 'complete', { archiveId: 'DA-2026-11-000001', department: '质量管理部', purpose: '复核', dueOn });
        const [review] = await openTasks(handle, ['Activity_Review']);
        await complete(handle, review!, 'approve', { reviewOpinion: '同意' });
        const [ret] = await openTasks(handle, ['Activity_Return']);
        expect(Date.parse(ret!.dueAt!)).toBe(Date.parse(`${dueOn}T18:00:00+08:00`));
        expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(0);

        // Due tomorrow 18:00 Beijing time: the first daily check (24 h after lending) is before it.
        const firstCheckBeforeDue = Date.now() + 86_400_000 + 600_000 < Date.parse(`${dueOn}T18:00:00+08:00`);
        await e.env.sleep('1 day');
        await stateWhen(handle, (s) => (s.completedCounts['Event_ReturnOverdue'] ?? 0) >= 1, 'first daily check');
        const early = await stateWhen(handle, (s) => (s.completedCounts['EndEvent_NotDue'] ?? 0) + (s.completedCounts['Activity_RemindReturn'] ?? 0) >= 1, 'first check ended');
        if (firstCheckBeforeDue) expect(early.completedCounts['Activity_RemindReturn'] ?? 0).toBe(0);

        await e.env.sleep('3 days');
        await stateWhen(handle, (s) => (s.completedCounts['Activity_RemindReturn'] ?? 0) >= 3 && s.openTasks[0]?.unitId !== 'zj', 'reminded daily and escalated');
        const reminders = stubs.calls.filter(([name]) => name === 'notify').map(([, input]) => (input as { variables: { message: string } }).variables.message);
        expect(reminders.length).toBeGreaterThanOrEqual(3);
        expect(new Set(reminders)).toEqual(new Set([`借阅的档案 DA-2026-11-000001 已超过归还日期 ${dueOn}，请尽快归还客服部。`]));
        expect(stubs.calls.filter(([name]) => name === 'projectTaskEscalated').length).toBeGreaterThanOrEqual(1);

        // Returned late all the same: the loan ends normally.
        const [late] = await openTasks(handle, ['Activity_Return']);
        await complete(handle, late!, 'complete', { returnRemark: '逾期归还' });
        const [check] = await openTasks(handle, ['Activity_CheckReturn']);
        await complete(handle, check!, 'complete', { returnIntact: true, returnNote: '完好' });
        expect((await handle.result()).status).toBe('completed');
      },
      {
        serviceTasks: { 'archive-check-borrow': async () => ({ borrowEligible: true }), 'archive-lend': async () => ({ lent: true, loanNo: 'JY-2026-11-000001' }) },
        escalateTo: (from) => ({ zj: 'east', east: 'hq' })[from] ?? 'hq',
      },
    );
  });
});
