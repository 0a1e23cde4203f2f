import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlateMessageUpdate } from '../../workflows/bpmn/messages';
import { caseState, compileFixture, complete, openTasks, startEngineEnv, stateWhen, type CaseHandle, type EngineEnv } from './engine-env';

// 售后维修保养 (issue 16, seed fidelity): a customer who never comes to sign for the repaired
// product is reminded every 3 working days (shouwen:workingTime, 72 working hours: weekends and
// holidays not counted), and after the second reminder the 客服经理 is asked to step in
// (未取货督办); the signature still ends the wait whenever it comes. The shipped diagram on the
// time-skipping server, service tasks stubbed; the business calendar is the addWorkingHours
// activity, here a stub that puts a weekend in the way of every count.

const FAR = new Date(Date.now() + 365 * 86_400_000).toISOString();

describe('repair: the customer does not sign for the pickup', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  /** 接待 → (in warranty) → 方式 → 时间 → 维修 → 验收合格 → 告知取货: the case then waits for the signature. */
  async function upToSignature(handle: CaseHandle) {
    const [reception] = await openTasks(handle, ['Activity_Reception']);
    await complete(handle, reception!, 'complete', { customerId: 'C0002', serviceKind: '维修', faultDescription: '不出水' });
    const [mode] = await openTasks(handle, ['Activity_ConfirmMode']);
    await complete(handle, mode!, 'complete', { serviceMode: '送修' });
    const [time] = await openTasks(handle, ['Activity_ConfirmTime']);
    await complete(handle, time!, 'complete', { appointmentAt: FAR, agreedHours: 4 });
    const [repair] = await openTasks(handle, ['Activity_Repair']);
    await complete(handle, repair!, 'complete', { repairResult: '更换电磁阀' });
    const [acceptance] = await openTasks(handle, ['Activity_Acceptance']);
    await complete(handle, acceptance!, 'complete', { testResult: '合格' });
    const [pickup] = await openTasks(handle, ['Activity_NotifyPickup']);
    await complete(handle, pickup!, 'complete', { deliveryArrangement: '客户取货' });
    await stateWhen(handle, (s) => s.activeElements.includes('Gateway_AwaitSignature'), 'waiting for the signature');
  }

  const HOUR = 3_600_000;
  const stubs = {
    workingHours: (from: string, hours: number) => new Date(Date.parse(from) + (hours + 48) * HOUR).toISOString(),
    serviceTasks: {
      'check-warranty': async () => ({ inWarranty: true }),
      'create-work-order': async () => ({ workOrderId: 'PG-2026-11-000001', appointmentDeadline: FAR }),
    },
  };
  const reminders = (calls: Array<[string, unknown]>) =>
    calls.filter(([name, input]) => name === 'notify-customer' && (input as { elementId: string }).elementId === 'Activity_RemindPickup');

  it('reminded after 3 and 6 working days (not clock days), escalated to the 客服经理 after the second reminder; signing later ends the wait', async () => {
    const model = await compileFixture(await readFile(new URL('../../bpmn/processes/repair.bpmn', import.meta.url), 'utf8'));
    expect(model.elements['Event_PickupReminderDue']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'workingHours', hours: 72 } } });
    await e.withWorker(async ({ start, stubs: s }) => {
      const handle = await start(model);
      await upToSignature(handle);
      await stateWhen(handle, () => s.calls.some(([name]) => name === 'addWorkingHours'), 'the reminder armed');
      expect(s.calls.filter(([name]) => name === 'addWorkingHours').map(([, input]) => (input as { hours: number }).hours)).toEqual([72]);

      // 3 clock days and an hour: a clock-day timer would have reminded (over the weekend); this one has not.
      await e.env.sleep('73 hours');
      expect((await caseState(handle)).completedCounts['Event_PickupReminderDue']).toBeUndefined();
      expect(reminders(s.calls)).toHaveLength(0);
      // Past the 120 clock hours the calendar answered: the first reminder, no escalation.
      await e.env.sleep('48 hours');
      await stateWhen(handle, (st) => st.completedCounts['Activity_RemindPickup'] === 1 && st.activeElements.includes('Gateway_AwaitSignature'), 'first reminder');
      expect((await caseState(handle)).openTasks).toEqual([]);
      const [, first] = reminders(s.calls)[0]!;
      expect((first as { variables: { message: string; subject: string } }).variables).toMatchObject({
        subject: '取货提醒 PG-2026-11-000001',
        message: '您的产品已维修完毕（派工单 PG-2026-11-000001），请尽快取货并签字验收。',
      });

      // 3 working days more (5 clock days here): the second reminder, and the manager is asked to step in.
      await e.env.sleep('5 days');
      const [escalation] = await openTasks(handle, ['Activity_EscalatePickup']);
      expect(escalation).toMatchObject({ candidateGroups: ['cs_manager'] });
      expect(reminders(s.calls)).toHaveLength(2);
      await complete(handle, escalation!, 'complete', { pickupEscalationNote: '已电话联系客户，改为送货上门' });

      // Back to waiting: the signature ends it and the case goes on to 征求服务意见.
      await stateWhen(handle, (st) => st.activeElements.includes('Gateway_AwaitSignature'), 'waiting again');
      expect(await handle.executeUpdate(correlateMessageUpdate, { args: [{ messageName: 'customer-signed', variables: { signedBy: '李芳', signedAt: new Date().toISOString() } }] })).toEqual({ consumed: true });
      await openTasks(handle, ['Activity_ServiceOpinion']);
      const state = await caseState(handle);
      expect(state.completedCounts).toMatchObject({ Event_PickupReminderDue: 2, Activity_EscalatePickup: 1, Event_CustomerSigned: 1 });
      expect(state.variables).toMatchObject({ pickupReminders: 2, signedBy: '李芳' });
    }, stubs);
  });

  it('signed within 3 working days: no reminder, no escalation', async () => {
    const model = await compileFixture(await readFile(new URL('../../bpmn/processes/repair.bpmn', import.meta.url), 'utf8'));
    await e.withWorker(async ({ start, stubs: s }) => {
      const handle = await start(model);
      await upToSignature(handle);
      await e.env.sleep('1 day');
      await handle.executeUpdate(correlateMessageUpdate, { args: [{ messageName: 'customer-signed', variables: { signedBy: '李芳' } }] });
      await openTasks(handle, ['Activity_ServiceOpinion']);
      await e.env.sleep('4 days');
      expect(reminders(s.calls)).toHaveLength(0);
      expect((await caseState(handle)).completedCounts.Event_PickupReminderDue).toBeUndefined();
    }, stubs);
  });
});
