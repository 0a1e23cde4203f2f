import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECTION_KINDS } from '../../workflows/bpmn/projection-batch';
import type { BpmnProcessInput } from '../../workflows/bpmn/messages';
import { MULTI_LEVEL_ESCALATION_PATCH, PATCH_LEVEL, PROJECTION_BATCHES_PATCH } from '../../workflows/bpmn/patch-level';
import { bpmnXml, flow, userTask } from '../bpmn-xml';
import { compileFixture, complete, openTasks, recordHistory, startEngineEnv, type CaseHandle, type EngineEnv } from './engine-env';

// A case's projection writes go out in batches, one activity for what a workflow task wrote
// (workflows/bpmn/projection-queue.ts, issue 19). Cases started before keep one activity per write
// on replay (test/integration/replay.test.ts replays the histories recorded before).

interface HistoryEvent {
  eventType?: string;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string }; input?: { payloads?: Array<{ data?: string }> } };
  markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads?: Array<{ data?: string }> }> };
  upsertWorkflowSearchAttributesEventAttributes?: { searchAttributes?: { indexedFields?: Record<string, unknown> } };
}

async function history(handle: CaseHandle): Promise<HistoryEvent[]> {
  return (JSON.parse(historyToJSON(await handle.fetchHistory())) as { events: HistoryEvent[] }).events;
}

const scheduled = (events: HistoryEvent[]) => events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
/** The kinds each scheduled batch carried, in order. */
const batches = (events: HistoryEvent[]) =>
  events.flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    if (a?.activityType?.name !== 'projectBatch') return [];
    const writes = JSON.parse(Buffer.from(a.input!.payloads![0]!.data!, 'base64').toString('utf8')) as Array<{ kind: string }>;
    return [writes.map((w) => w.kind)];
  });
/** Each patch marker's details, base64 payloads decoded. */
const patchMarkers = (events: HistoryEvent[]) =>
  events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => JSON.stringify(e.markerRecordedEventAttributes?.details ?? {}, (_k, v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9+/=]{8,}$/.test(v) ? Buffer.from(v, 'base64').toString('utf8') : v)));
/** Upserts of TemporalChangeVersion, which sdk-core adds beside each patch marker of a new execution. */
const changeVersionUpserts = (events: HistoryEvent[]) => events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TemporalChangeVersion).length;
/** The history as JSON with the start event's input changed by `edit`: what a worker of another build would have been given. */
function withStartInput(history: unknown, edit: (input: BpmnProcessInput) => BpmnProcessInput): unknown {
  const json = JSON.parse(historyToJSON(history as Parameters<typeof historyToJSON>[0])) as { events: Array<{ workflowExecutionStartedEventAttributes?: { input: { payloads: Array<{ data: string }> } } }> };
  const payload = json.events[0]!.workflowExecutionStartedEventAttributes!.input.payloads[0]!;
  payload.data = Buffer.from(JSON.stringify(edit(JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) as BpmnProcessInput))).toString('base64');
  return json;
}
const projected = (calls: Array<[string, unknown]>) => calls.map(([name]) => name).filter((n) => (PROJECTION_KINDS as readonly string[]).includes(n));

const APPROVAL = bpmnXml('one-approval', `<bpmn:startEvent id="s"/>${userTask('approve')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`);

describe('engine: projection writes in batches', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('a one-approval case writes its start with its task, and its completion with its end: two activities, not four', async () => {
    const model = await compileFixture(APPROVAL);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['approve']);
      await complete(handle, task!);
      // The Update answers once its write is in: the inbox already shows the task done.
      expect(stubs.tasks.get(task!.taskId)?.status).toBe('completed');
      expect((await handle.result()).status).toBe('completed');

      const events = await history(handle);
      expect(scheduled(events)).toEqual(['projectBatch', 'projectBatch']);
      expect(batches(events)).toEqual([
        ['projectCaseStarted', 'projectTaskOpened'],
        ['projectTaskCompleted', 'projectCaseEnded'],
      ]);
      expect(projected(stubs.calls)).toEqual(['projectCaseStarted', 'projectTaskOpened', 'projectTaskCompleted', 'projectCaseEnded']);
      // A case of the current patch level takes the batches as plain code (workflows/bpmn/patch-level.ts): no marker,
      // and no TemporalChangeVersion upsert (a visibility write) beside it.
      expect(patchMarkers(events)).toEqual([]);
      expect(changeVersionUpserts(events)).toBe(0);
      await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('engineBundlePath') } }, await handle.fetchHistory(), handle.workflowId)).resolves.toBeUndefined();
      await recordHistory(handle, 'patch-level-one-approval');
    });
  });

  it('a case started before patch levels asks its patch, once, in its first workflow task; replayed with a level, as a worker of an earlier build may have run a case started with one, it still replays', async () => {
    const model = await compileFixture(APPROVAL);
    await e.withWorker(async ({ start }) => {
      const handle = await start(model, {}, { patchLevel: undefined });
      await complete(handle, (await openTasks(handle, ['approve']))[0]!);
      expect((await handle.result()).status).toBe('completed');
      const events = await history(handle);
      expect(scheduled(events)).toEqual(['projectBatch', 'projectBatch']);
      const patchAt = events.findIndex((ev) => ev.markerRecordedEventAttributes?.markerName === 'core_patch');
      expect(patchAt).toBe(events.findIndex((ev) => ev.eventType === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED') + 1);
      expect(patchMarkers(events).filter((m) => m.includes(PROJECTION_BATCHES_PATCH))).toHaveLength(1);
      expect(changeVersionUpserts(events)).toBe(1);
      const bundle = { workflowBundle: { codePath: inject('engineBundlePath') } };
      await expect(Worker.runReplayHistory(bundle, await handle.fetchHistory(), handle.workflowId)).resolves.toBeUndefined();
      // The marker an earlier build recorded in a case started with a level is asked for on replay, so it is not left over.
      const levelled = withStartInput(await handle.fetchHistory(), (input) => ({ ...input, patchLevel: PATCH_LEVEL }));
      await expect(Worker.runReplayHistory(bundle, levelled, handle.workflowId)).resolves.toBeUndefined();
    });
  });

  it('a case with a level replays only as the level says: the same history without it asks the patch, finds no marker and would write one activity per projection', async () => {
    const model = await compileFixture(APPROVAL);
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      await complete(handle, (await openTasks(handle, ['approve']))[0]!);
      expect((await handle.result()).status).toBe('completed');
      const bundle = { workflowBundle: { codePath: inject('engineBundlePath') } };
      const unlevelled = withStartInput(await handle.fetchHistory(), ({ patchLevel: _dropped, ...input }) => input);
      await expect(Worker.runReplayHistory(bundle, unlevelled, handle.workflowId)).rejects.toThrow(/[Nn]ondetermin/);
    });
  });

  it('cases of either kind on one worker keep their own level: each old case asks its patches, no new case records one, interleaved', async () => {
    // The level is module state of the run (patch-level.ts); the SDK gives each run its own copy. Were it shared, the
    // last case to start would set it for all: an old case would then skip a marker its replay needs, or a new one
    // record one. The second task has a due time, so opening it asks the escalation patch, after another case started.
    const model = await compileFixture(
      bpmnXml('two-steps-due', `<bpmn:startEvent id="s"/>${userTask('a')}${userTask('b', { ext: '<zeebe:taskSchedule dueDate="PT24H"/>' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'a')}${flow('f2', 'a', 'b')}${flow('f3', 'b', 'e')}`),
    );
    await e.withWorker(async ({ start }) => {
      const step = async (handle: CaseHandle, id: string) => complete(handle, (await openTasks(handle, [id]))[0]!);
      const first = await start(model);
      const old = await start(model, {}, { patchLevel: undefined });
      await openTasks(old, ['a']);
      await step(first, 'a'); // asks the escalation patch after the old case started
      const last = await start(model);
      await openTasks(last, ['a']);
      await step(old, 'a'); // after the last new case started
      await step(last, 'a');
      for (const handle of [first, old, last]) {
        await step(handle, 'b');
        expect((await handle.result()).status).toBe('completed');
      }
      expect(patchMarkers(await history(first))).toEqual([]);
      expect(patchMarkers(await history(last))).toEqual([]);
      expect(patchMarkers(await history(old)).map((m) => [PROJECTION_BATCHES_PATCH, MULTI_LEVEL_ESCALATION_PATCH].filter((id) => m.includes(id)))).toEqual([[PROJECTION_BATCHES_PATCH], [MULTI_LEVEL_ESCALATION_PATCH]]);
      const bundle = { workflowBundle: { codePath: inject('engineBundlePath') } };
      for (const handle of [first, old, last]) await expect(Worker.runReplayHistory(bundle, await handle.fetchHistory(), handle.workflowId)).resolves.toBeUndefined();
    });
  });

  it('a service task runs only after what was queued before it is written', async () => {
    const model = await compileFixture(
      bpmnXml(
        'notify-then-approve',
        `<bpmn:startEvent id="s"/><bpmn:serviceTask id="notify" name="短信通知"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements></bpmn:serviceTask>${userTask('approve')}<bpmn:endEvent id="e"/>
         ${flow('f1', 's', 'notify')}${flow('f2', 'notify', 'approve')}${flow('f3', 'approve', 'e')}`,
      ),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      await complete(handle, (await openTasks(handle, ['approve']))[0]!);
      expect((await handle.result()).status).toBe('completed');
      const names = stubs.calls.map(([name]) => name);
      // The case's row exists before the service task can read it.
      expect(names.indexOf('projectCaseStarted')).toBeLessThan(names.indexOf('notify'));
      expect(batches(await history(handle))).toEqual([['projectCaseStarted'], ['projectTaskOpened'], ['projectTaskCompleted', 'projectCaseEnded']]);
    });
  });

  it('two branches opening their tasks in one step write both in one batch, and replay', async () => {
    const model = await compileFixture(
      bpmnXml(
        'two-tasks-at-once',
        `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="split"/>${userTask('a')}${userTask('b')}<bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
         ${flow('f1', 's', 'split')}${flow('f2', 'split', 'a')}${flow('f3', 'split', 'b')}${flow('f4', 'a', 'join')}${flow('f5', 'b', 'join')}${flow('f6', 'join', 'e')}`,
      ),
    );
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      const [a, b] = await openTasks(handle, ['a', 'b']);
      await Promise.all([complete(handle, a!), complete(handle, b!)]);
      expect((await handle.result()).status).toBe('completed');
      const events = await history(handle);
      expect(batches(events)[0]).toEqual(['projectCaseStarted', 'projectTaskOpened', 'projectTaskOpened']);
      expect(batches(events).flat().filter((k) => k === 'projectTaskCompleted')).toHaveLength(2);
      await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('engineBundlePath') } }, await handle.fetchHistory(), handle.workflowId)).resolves.toBeUndefined();
      await recordHistory(handle, 'projection-batches-two-tasks-at-once');
    });
  });

  it('a terminate end waits for the waits it stops to clean up: the task withdrawn and the subscription closed before the case ends', async () => {
    // A token at a task, one at a signal catch (a subscription in PostgreSQL), and one that reaches
    // a terminate end, which stops the other two. Without the wait, the end's write could complete
    // the run in the workflow task that stops them, and their clean-up would never go out.
    const model = await compileFixture(
      bpmnXml(
        'terminate-cleans-up',
        `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="split"/>${userTask('approve')}
         <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent>
         <bpmn:intermediateCatchEvent id="soon"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
         ${flow('f1', 's', 'split')}${flow('f2', 'split', 'approve')}${flow('f3', 'split', 'wait')}${flow('f4', 'split', 'soon')}
         ${flow('f5', 'approve', 'e1')}${flow('f6', 'wait', 'e2')}${flow('f7', 'soon', 'stop')}`,
        '',
        '<bpmn:signal id="sig" name="recall"/>',
      ),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      await openTasks(handle, ['approve']);
      expect((await handle.result()).status).toBe('completed');
      const names = stubs.calls.map(([name]) => name);
      const ended = names.indexOf('projectCaseEnded');
      expect(ended).toBeGreaterThan(-1);
      expect(names.indexOf('projectTaskCancelled')).toBeGreaterThan(-1);
      expect(names.indexOf('projectTaskCancelled')).toBeLessThan(ended);
      expect(names.indexOf('closeMessageSubscription')).toBeGreaterThan(-1);
      expect(names.indexOf('closeMessageSubscription')).toBeLessThan(ended);
      expect([...stubs.tasks.values()].filter((t) => t.status === 'open')).toEqual([]);
      await recordHistory(handle, 'projection-batches-terminate-cleans-up');
    });
  });

  it('a write nobody waited for that fails for good fails the case with its reason, as an awaited one did', async () => {
    // The task's opening is queued and the token goes on to wait; were the failure only recorded,
    // the case would wait for ever at a task no inbox shows.
    const model = await compileFixture(APPROVAL);
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        await expect(handle.result()).rejects.toThrow();
        expect(stubs.ended.get(handle.workflowId)).toMatchObject({ status: 'failed', reason: 'the database refused the task' });
      },
      { refuse: { projectTaskOpened: 'the database refused the task' } },
    );
  });
});
