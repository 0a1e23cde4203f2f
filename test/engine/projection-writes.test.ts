import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECTIONS } from '../../workflows/bpmn/activity-options';
import { PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH } from '../../workflows/bpmn/patches';
import { bpmnXml, flow, userTask } from '../bpmn-xml';
import { compileFixture, complete, openTasks, recordHistory, startEngineEnv, type CaseHandle, type EngineEnv } from './engine-env';

// Projection writes run as local activities in cases started since the patch (issue 19): one
// marker in the history each instead of an activity task and a workflow-task round trip. Cases
// started before keep their activity tasks on replay (test/integration/replay.test.ts).

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="projection-writes" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="notify" name="短信通知"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:userTask id="approve" name="审核"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
    <bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="approve" />
    <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface HistoryEvent {
  eventType?: string;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
  markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads?: Array<{ data?: string }> }> };
}

async function history(handle: CaseHandle): Promise<HistoryEvent[]> {
  return (JSON.parse(historyToJSON(await handle.fetchHistory())) as { events: HistoryEvent[] }).events;
}

const scheduled = (events: HistoryEvent[]) => events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
const markers = (events: HistoryEvent[], name: string) => events.filter((e) => e.markerRecordedEventAttributes?.markerName === name);
const decoded = (e: HistoryEvent) => JSON.stringify(e.markerRecordedEventAttributes?.details ?? {}, (_k, v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9+/=]{8,}$/.test(v) ? Buffer.from(v, 'base64').toString('utf8') : v));

describe('engine: projection writes', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('a new case writes its projections as local activities (one marker each); service tasks stay activity tasks', async () => {
    const model = await compileFixture(XML);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      await complete(handle, (await openTasks(handle, ['approve']))[0]!);
      expect((await handle.result()).status).toBe('completed');

      const events = await history(handle);
      // The service task is still an activity task; no projection is.
      expect(scheduled(events)).toEqual(['notify']);
      // One patch marker, this one: the older patches (the task opening's among them) are not asked in such a run.
      const patches = markers(events, 'core_patch');
      expect(patches).toHaveLength(1);
      expect(decoded(patches[0]!)).toContain(PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH);
      const local = markers(events, 'core_local_activity').map(decoded);
      const projected = ['projectCaseStarted', 'projectTaskOpened', 'projectTaskCompleted', 'projectCaseEnded'];
      expect(local).toHaveLength(projected.length);
      projected.forEach((name, i) => expect(local[i]).toContain(name));
      // They ran, in order, in the worker that runs the case.
      expect(stubs.calls.map(([name]) => name).filter((n) => (PROJECTIONS as readonly string[]).includes(n))).toEqual(projected);
      await recordHistory(handle, 'projections-local-activities');
    });
  });

  it('two branches opening their tasks in one step replay deterministically: the run asks its one patch in its first workflow task', async () => {
    // Asked later, beside local activities in flight, a patch could answer differently on replay
    // (a nondeterminism error after a cache eviction, seen with two tasks opened in one step).
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
      const patchAt = events.findIndex((ev) => ev.markerRecordedEventAttributes?.markerName === 'core_patch');
      const firstTaskDone = events.findIndex((ev) => ev.eventType === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED');
      expect(markers(events, 'core_patch')).toHaveLength(1);
      // Recorded with the first workflow task's commands, before any projection's marker.
      expect(patchAt).toBe(firstTaskDone + 1);
      expect(markers(events, 'core_local_activity').length).toBeGreaterThanOrEqual(6);
      await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('engineBundlePath') } }, await handle.fetchHistory(), handle.workflowId)).resolves.toBeUndefined();
      await recordHistory(handle, 'local-projections-two-tasks-at-once');
    });
  });

  it('a terminate end waits for the waits it stops to clean up: the task withdrawn and the subscription closed before the case ends', async () => {
    // A token at a task, one at a signal catch (a subscription in PostgreSQL), and one that reaches
    // a terminate end: the end stops the other two in the same workflow task. A local end used to
    // complete the run there, so their clean-ups went out with the completion and never ran.
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
      await recordHistory(handle, 'local-projections-terminate-cleans-up');
    });
  });

  it('a projection that fails while the database restarts is retried until it is written', async () => {
    const model = await compileFixture(XML);
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [task] = await openTasks(handle, ['approve']);
        // The task book has it at once; the inbox once the write has got through.
        for (const deadline = Date.now() + 15_000; !stubs.tasks.has(task!.taskId) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
        // Two failed attempts, then the write: the task is open in the inbox and the case goes on.
        expect(stubs.calls.filter(([name]) => name === 'projectTaskOpened')).toHaveLength(3);
        expect(stubs.tasks.get(task!.taskId)?.status).toBe('open');
        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
        expect(stubs.ended.get(handle.workflowId)?.status).toBe('completed');
      },
      { failFirst: { projectTaskOpened: 2 } },
    );
  });
});
