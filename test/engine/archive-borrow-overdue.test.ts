import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFixture, complete, openTasks, stateWhen, startEngineEnv, type EngineEnv } from './engine-env';

// 客户档案借阅 (issue 16): a loan not returned by its 归还日期 is chased — a daily check at 18:00
// Beijing time (the due time of every loan) reminds the applicant at the due time itself and each day
// after, while the 归还档案 step climbs the org tree (首问责任制) each time its new due time passes.
// The shipped diagram on the time-skipping server, service tasks stubbed.

describe('archive-borrow: overdue loans', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('reminds the applicant at the due time, then every day, never before, and escalates the return step meanwhile', async () => {
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

        // Due tomorrow 18:00 Beijing time. A minute before it nothing has been sent; two minutes
        // later the first reminder has (a check counted from the loan's own time — every 24 h after
        // lending — would come up to a day late).
        const due = Date.parse(`${dueOn}T18:00:00+08:00`);
        await e.env.sleep(due - (await e.env.currentTimeMs()) - 60_000);
        const before = await stateWhen(handle, () => true, 'state a minute before the due time');
        expect(before.completedCounts['Activity_RemindReturn'] ?? 0).toBe(0);
        expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(0);
        await e.env.sleep(120_000);
        await stateWhen(handle, (s) => (s.completedCounts['Activity_RemindReturn'] ?? 0) === 1, 'reminded at the due time');

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
