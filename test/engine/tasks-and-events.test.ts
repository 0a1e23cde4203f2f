import { eventually } from '../helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, userTask } from '../bpmn-xml';
import { correlateMessageUpdate } from '../../workflows/bpmn/messages';
import { caseState, compileFixture, complete, openTasks, startEngineEnv, stateWhen, type EngineEnv } from './engine-env';

describe('engine: user tasks, timers, messages and call activities', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('a user task is completed through the completeTask Update and its data becomes case variables', async () => {
    const model = await compileFixture(bpmnXml('one-task', `<bpmn:startEvent id="s"/>${userTask('t')}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`));
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['t']);
      expect(stubs.tasks.get(task!.taskId)).toMatchObject({ status: 'open', candidateRoles: ['cs_manager'], unitId: 'zj' });
      expect(await complete(handle, task!, 'complete', { note: '已处理' })).toMatchObject({ taskId: task!.taskId, outcome: 'complete' });
      expect((await handle.result()).variables).toMatchObject({ note: '已处理', outcome: 'complete' });
      expect(stubs.tasks.get(task!.taskId)!.status).toBe('completed');
    });
  });

  it('a task past its due time moves one level up the org tree (the SLA timer fires at once under time skipping)', async () => {
    const model = await compileFixture(
      bpmnXml('sla', `<bpmn:startEvent id="s"/>${userTask('t', { ext: '<zeebe:taskSchedule dueDate="PT36H"/>' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`),
    );
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [task] = await openTasks(handle, ['t']);
        // Open in the case at once; in the inbox once its projection has run.
        const row = await eventually(async () => stubs.tasks.get(task!.taskId), 10_000, 'the task projected');
        expect(Date.parse(task!.dueAt!) - Date.parse(row.createdAt)).toBe(36 * 3600_000);
        await e.env.sleep('37 hours');
        const escalated = await stateWhen(handle, (s) => s.openTasks[0]?.unitId === 'hq', 'the task escalated to hq');
        expect(escalated.openTasks[0]!.assigneeId).toBeNull();
        expect(stubs.calls.filter(([name]) => name === 'projectTaskEscalated')).toHaveLength(1);
        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
      },
      { escalateTo: (from) => (from === 'zj' ? 'hq' : 'nowhere') },
    );
  });

  it('boundary timers: the non-interrupting one starts a side path, the interrupting one withdraws the task', async () => {
    const model = await compileFixture('elements/boundary-events.bpmn');
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [investigate] = await openTasks(handle, ['investigate']);
      await e.env.sleep('21 hours');
      const [escalate] = await openTasks(handle, ['escalate', 'investigate']);
      expect((await caseState(handle)).completedCounts).toMatchObject({ remind: 1 });
      await complete(handle, escalate!);
      // Waiting on the result lets time run on to the 3-day interrupting timer.
      expect((await handle.result()).status).toBe('completed');
      expect((await caseState(handle)).completedCounts).toMatchObject({ remind: 1, escalate: 1, timeout: 1, endOther: 2 });
      expect(stubs.tasks.get(investigate!.taskId)).toMatchObject({ status: 'cancelled', reason: 'interrupted' });
    });
  });

  it('message catch events: a message sent early is buffered until its catch event is reached', async () => {
    const model = await compileFixture('elements/message-catch.bpmn');
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      await stateWhen(handle, (s) => s.activeElements.includes('pickup'), 'a token at pickup');
      expect(await handle.executeUpdate(correlateMessageUpdate, { args: [{ messageName: 'customer-feedback', variables: { rating: 5 } }] })).toEqual({ consumed: false });
      expect((await caseState(handle)).bufferedMessages).toEqual(['customer-feedback']);
      expect(await handle.executeUpdate(correlateMessageUpdate, { args: [{ messageName: 'customer-pickup', variables: { pickedUpBy: '王女士' } }] })).toEqual({ consumed: true });
      expect((await handle.result()).variables).toMatchObject({ rating: 5, pickedUpBy: '王女士' });
    });
  });

  it('call activity: runs the latest version of the called process as a child case and maps its outputs back', async () => {
    const model = await compileFixture('elements/call-activity.bpmn');
    const customerInfo = await compileFixture(
      bpmnXml(
        'customer-info',
        `<bpmn:startEvent id="s"/><bpmn:scriptTask id="look"><bpmn:extensionElements><zeebe:script expression="={id: customerId, name: &quot;王女士&quot;}" resultVariable="customer"/></bpmn:extensionElements></bpmn:scriptTask><bpmn:endEvent id="e"/>${flow('f1', 's', 'look')}${flow('f2', 'look', 'e')}`,
      ),
    );
    const repair = await compileFixture(bpmnXml('repair', `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f1', 's', 'e')}`));
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model, { customerId: 'C-1', secret: 'stays' });
        const result = await handle.result();
        expect(result.variables).toMatchObject({ customer: { id: 'C-1', name: '王女士' } });
        expect(stubs.calls.filter(([name]) => name === 'resolveLatestProcess').map(([, key]) => key)).toEqual(['customer-info', 'repair']);
        const started = stubs.calls.filter(([name]) => name === 'projectCaseStarted').map(([, c]) => c as { processKey: string; parentCaseId: string | null });
        expect(started.map((c) => [c.processKey, c.parentCaseId])).toEqual([
          ['call-activity', null],
          ['customer-info', handle.workflowId],
          ['repair', handle.workflowId],
        ]);
      },
      { processes: { 'customer-info': customerInfo, repair } },
    );
  });
});
