import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseState, compileFixture, complete, openTasks, startEngineEnv, stateWhen, type CaseHandle, type EngineEnv } from './engine-env';

// 售后客户跟踪 (issue 16, seed fidelity): the plan's 回访周期 repeats the call-back — each round
// waits for its planned time, a cycle later than the one before — until the planned number of
// call-backs is done; only then the 客服人员 writes the 服务质量总结. The shipped diagram on the
// time-skipping server, service tasks stubbed.

// 回访 coverage (customer_tier_rule) is the integration tests' (test/integration/processes/follow-up-coverage.test.ts); here every purchase is called back.
const CALLED_BACK = { serviceTasks: { 'callback-coverage': async () => ({ callbackSelected: true }) } };

/**
 * A calendar month after `iso` (UTC), the day kept unless the month is shorter, then its last day —
 * as FEEL's duration("P1M") counts: 31 January → 28 February. (Date's setUTCMonth would run on into
 * 3 March, so a run on the 29th–31st of some months expected a day the case never planned.)
 */
function oneMonthLater(iso: string): Date {
  const d = new Date(iso);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0)).getUTCDate();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

describe('after-sales-follow-up: the call-back cycle', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  async function oneRound(handle: CaseHandle) {
    const [callback] = await openTasks(handle, ['Activity_Callback']);
    await complete(handle, callback!, 'complete', { productUsage: '正常使用', serviceQualityNotes: '无' });
    const [feedback] = await openTasks(handle, ['Activity_CustomerFeedback']);
    await complete(handle, feedback!, 'complete', { customerOpinion: '满意' });
    const [need] = await openTasks(handle, ['Activity_DetermineNeed']);
    await complete(handle, need!, 'complete', { serviceNeed: '无' });
    const [opinion] = await openTasks(handle, ['Activity_SolicitOpinion']);
    await complete(handle, opinion!, 'complete', { callbackMethod: '电话', satisfaction: 5 });
  }

  it('每月 × 3: three call-backs a month apart, then the summary by the 客服人员', async () => {
    const model = await compileFixture(await readFile(new URL('../../bpmn/processes/after-sales-follow-up.bpmn', import.meta.url), 'utf8'));
    expect(model.elements['Activity_QualitySummary']).toMatchObject({ candidateGroups: ['cs_agent'] });
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [profile] = await openTasks(handle, ['Activity_CustomerProfile']);
      await complete(handle, profile!, 'complete', { customerId: 'C0002', customerName: '宁波港城贸易有限公司' });
      const [plan] = await openTasks(handle, ['Activity_PlanCallback']);
      const first = new Date(Date.now() + 3_600_000).toISOString();
      await complete(handle, plan!, 'complete', { callbackMethod: '电话', callbackCycle: '每月', callbackRounds: 3, plannedCallbackAt: first });

      // Round 1 at the planned time; each later round waits a whole month more.
      await e.env.sleep('2 hours');
      await oneRound(handle);
      let planned = first;
      for (let round = 2; round <= 3; round++) {
        const next = oneMonthLater(planned);
        const state = await stateWhen(handle, (s) => s.completedCounts['Activity_CountCallbackRound'] === round - 1, `round ${round} scheduled`);
        expect(Date.parse(String(state.variables.plannedCallbackAt))).toBe(next.getTime());
        await e.env.sleep('20 days');
        expect((await caseState(handle)).openTasks).toEqual([]);
        await e.env.sleep('15 days');
        await oneRound(handle);
        planned = next.toISOString();
      }
      const [summary] = await openTasks(handle, ['Activity_QualitySummary']);
      await complete(handle, summary!, 'complete', { qualitySummary: '三次回访均满意', improvementMeasures: '无' });
      expect((await handle.result()).status).toBe('completed');

      const state = await caseState(handle);
      expect(state.completedCounts).toMatchObject({ Event_CallbackDue: 3, Activity_Callback: 3, Activity_RecordCallback: 3, Activity_QualitySummary: 1, Activity_Archive: 1 });
      expect(state.variables).toMatchObject({ callbackRound: 3 });
      expect(stubs.calls.filter(([name]) => name === 'record-callback')).toHaveLength(3);
    }, CALLED_BACK);
  });

  it('一次性 (or no number of call-backs): one call-back, as before', async () => {
    const model = await compileFixture(await readFile(new URL('../../bpmn/processes/after-sales-follow-up.bpmn', import.meta.url), 'utf8'));
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      const [profile] = await openTasks(handle, ['Activity_CustomerProfile']);
      await complete(handle, profile!, 'complete', { customerId: 'C0002' });
      const [plan] = await openTasks(handle, ['Activity_PlanCallback']);
      await complete(handle, plan!, 'complete', { callbackMethod: '电话', callbackCycle: '每季度', plannedCallbackAt: new Date(Date.now() + 60_000).toISOString() });
      await e.env.sleep('5 minutes');
      await oneRound(handle);
      await openTasks(handle, ['Activity_QualitySummary']);
      expect((await caseState(handle)).completedCounts).toMatchObject({ Activity_Callback: 1, Gateway_MoreRounds: 1 });
    }, CALLED_BACK);
  });
});
