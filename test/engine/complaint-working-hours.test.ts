import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseState, compileFixture, complete, openTasks, startEngineEnv, stateWhen, type EngineEnv } from './engine-env';

// 客户投诉 (issue 16, seed fidelity): the 调查投诉案件 reminder counts 20 working hours, not 20
// clock hours — a complaint forwarded on Friday afternoon is not chased on Saturday. The
// business calendar answers through the addWorkingHours activity (here a stub that puts a
// weekend in the way); the timer runs for what it answered. The shipped diagram on the
// time-skipping server.

const HOUR = 3_600_000;

describe('complaint: the investigation reminder counts working hours', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('asks the calendar for 20 working hours and reminds only when they have passed', async () => {
    const model = await compileFixture(await readFile(new URL('../../bpmn/processes/complaint.bpmn', import.meta.url), 'utf8'));
    expect(model.elements['Event_InvestigationReminder']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'workingHours', hours: 20 } } });
    // Friday 15:00 + 20 working hours = Monday 11:00: 68 clock hours.
    const weekendInTheWay = (from: string, hours: number) => new Date(Date.parse(from) + (hours + 48) * HOUR).toISOString();
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [register] = await openTasks(handle, ['Activity_RegisterComplaint']);
        await complete(handle, register!, 'complete', { customerName: '杭州明达贸易有限公司', severity: 'serious', complaintContent: '漏水' });
        const [triage] = await openTasks(handle, ['Activity_Triage']);
        await complete(handle, triage!, 'complete', { isValid: true, preliminaryAnalysis: '属实' });
        await openTasks(handle, ['Activity_Investigate']);
        await stateWhen(handle, () => stubs.calls.some(([name]) => name === 'addWorkingHours'), 'the reminder armed');
        expect(stubs.calls.filter(([name]) => name === 'addWorkingHours').map(([, input]) => (input as { hours: number }).hours)).toEqual([20]);

        const reminded = () => stubs.calls.filter(([name, input]) => name === 'notify' && (input as { elementId: string }).elementId === 'Activity_RemindInvestigation').length;
        // 21 clock hours: a PT20H clock timer would have fired (on the Saturday); this one has not.
        await e.env.sleep('21 hours');
        expect((await caseState(handle)).completedCounts['Event_InvestigationReminder']).toBeUndefined();
        expect(reminded()).toBe(0);
        // Past the 68 hours the calendar answered: reminded once.
        await e.env.sleep('48 hours');
        await stateWhen(handle, (s) => s.completedCounts['Activity_RemindInvestigation'] === 1, 'reminded');
        expect(reminded()).toBe(1);
      },
      { serviceTasks: { 'record-complaint': async () => ({ complaintNo: 'TS-2026-11-000001' }) }, workingHours: weekendInTheWay },
    );
  });
});
