import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { compileFixture, complete, openTasks, startEngineEnv, stateWhen, type EngineEnv } from './engine-env';

// Issue 13 §6 (首问责任制): an overdue task climbs the org tree a level at a time, each level
// given as long again, until the top, or as far as the diagram caps it.

const TREE: Record<string, string> = { 'zj-hz': 'zj', zj: 'east', east: 'hq', hq: 'hq' };

const diagram = (key: string, attrs = '') =>
  bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('t', { attrs, ext: '<zeebe:taskSchedule dueDate="PT24H"/>' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`);

describe('engine: multi-level escalation', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('moves up a level each time its new due time passes, until the top', async () => {
    const model = await compileFixture(diagram(uniqueKey('climb')));
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [task] = await openTasks(handle, ['t']);
        const firstDue = Date.parse(task!.dueAt!);
        await e.env.sleep('25 hours');
        const atEast = await stateWhen(handle, (s) => s.openTasks[0]?.unitId === 'east', 'the task at east');
        // Given as long again at the new level.
        expect(Date.parse(atEast.openTasks[0]!.dueAt!) - firstDue).toBeGreaterThanOrEqual(24 * 3600_000);
        await e.env.sleep('24 hours');
        await stateWhen(handle, (s) => s.openTasks[0]?.unitId === 'hq', 'the task at hq');
        await e.env.sleep('72 hours');
        const escalations = stubs.calls.filter(([name]) => name === 'projectTaskEscalated').map(([, t]) => (t as { fromUnitId: string; dueAt?: string }).fromUnitId);
        // zj → east → hq, then at the top (hq → hq) it stays: the workflow stops climbing.
        expect(escalations).toEqual(['zj', 'east', 'hq']);
        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
      },
      { escalateTo: (from) => TREE[from] ?? 'hq' },
    );
  });

  it('shouwen:escalationLevels caps the climb', async () => {
    const model = await compileFixture(diagram(uniqueKey('capped'), 'shouwen:escalationLevels="1"'));
    expect(model.elements['t']).toMatchObject({ escalationLevels: 1 });
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [task] = await openTasks(handle, ['t']);
        await e.env.sleep('100 hours');
        await stateWhen(handle, (s) => s.openTasks[0]?.unitId === 'east', 'the task at east');
        expect(stubs.calls.filter(([name]) => name === 'projectTaskEscalated')).toHaveLength(1);
        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
      },
      { escalateTo: (from) => TREE[from] ?? 'hq' },
    );
  });
});
