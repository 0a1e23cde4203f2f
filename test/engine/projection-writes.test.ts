import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECTIONS, PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH } from '../../workflows/bpmn/activity-options';
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
      // The service task is still an activity task, and so is the case's end (activity-options.ts says why).
      expect(scheduled(events)).toEqual(['notify', 'projectCaseEnded']);
      // The patch is recorded once, and each projection is a local-activity marker naming it.
      expect(markers(events, 'core_patch').filter((m) => decoded(m).includes(PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH))).toHaveLength(1);
      const local = markers(events, 'core_local_activity').map(decoded);
      const projected = ['projectCaseStarted', 'projectTaskOpened', 'projectTaskCompleted'];
      expect(local).toHaveLength(projected.length);
      projected.forEach((name, i) => expect(local[i]).toContain(name));
      // They ran, in order, in the worker that runs the case.
      expect(stubs.calls.map(([name]) => name).filter((n) => (PROJECTIONS as readonly string[]).includes(n))).toEqual(projected);
      await recordHistory(handle, 'projections-local-activities');
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
