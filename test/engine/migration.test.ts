import { WorkflowUpdateFailedError, type ApplicationFailure } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, timerDuration, userTask } from '../bpmn-xml';
import type { ProcessModel } from '../../bpmn/model';
import { migrateCaseUpdate, type MigrateCaseInput } from '../../workflows/bpmn/messages';
import { caseState, compileFixture, complete, openTasks, stateWhen, startEngineEnv, type CaseHandle, type EngineEnv } from './engine-env';

// Moving a running case to another version of its process: the migrateCase Update checks the
// mapping, the case continues as new on the target model with its tasks where they were.

const KEY = 'migrating';
const named = (id: string, name: string) => userTask(id).replace(`name="${id}"`, `name="${name}"`);

/** v1: 审核 → end. */
const v1 = () => compileFixture(bpmnXml(KEY, `<bpmn:startEvent id="s"/>${named('review', '审核')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'e')}`));
/** v2: 复核 (same id) → 总经理审批 (new) → end. */
const v2 = () =>
  compileFixture(
    bpmnXml(
      KEY,
      `<bpmn:startEvent id="s"/>${named('review', '复核')}${named('gm', '总经理审批')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'gm')}${flow('f3', 'gm', 'e')}`,
    ),
  );
/** v3: the review step renamed to `check`, and a timer where v2 had its approval. */
const v3 = () =>
  compileFixture(
    bpmnXml(
      KEY,
      `<bpmn:startEvent id="s"/>${named('check', '检查')}<bpmn:intermediateCatchEvent id="gm" name="等待一天">${timerDuration('P1D')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${flow('f1', 's', 'check')}${flow('f2', 'check', 'gm')}${flow('f3', 'gm', 'e')}`,
    ),
  );

const migrate = (handle: CaseHandle, model: ProcessModel, processVersion: number, mapping: Record<string, string> = {}) =>
  handle.executeUpdate(migrateCaseUpdate, { args: [{ model, forms: {}, processVersion, mapping, actorId: 'hq.process_owner' } satisfies MigrateCaseInput] });

/** The refusal's problem codes (ApplicationFailure details) and message. */
async function refusal(p: Promise<unknown>): Promise<{ codes: string[]; message: string }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('MigrationRefused');
    return { codes: ((cause.details?.[0] ?? []) as Array<{ code: string }>).map((d) => d.code), message: cause.message };
  }
  throw new Error('the migration was accepted');
}

describe('engine: moving a running case to another version', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('moves an open task to the same element of the new version; the case then runs the new version to its end', async () => {
    const [m1, m2] = await Promise.all([v1(), v2()]);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(m1);
      const [task] = await openTasks(handle, ['review']);
      expect(await migrate(handle, m2, 2)).toEqual({ fromVersion: 1, toVersion: 2, moves: [{ from: 'review', to: 'review' }], undo: false });
      const moved = await stateWhen(handle, (s) => s.processVersion === 2, 'the case on version 2');
      // The same task (same id, same holder), now named as version 2 names it.
      expect(moved.openTasks).toMatchObject([{ taskId: task!.taskId, elementId: 'review', name: '复核' }]);
      const projected = stubs.calls.find(([name]) => name === 'projectCaseMigrated')?.[1];
      expect(projected).toMatchObject({ fromVersion: 1, toVersion: 2, actorId: 'hq.process_owner', undo: false, tasks: [{ taskId: task!.taskId, name: '复核' }] });
      await complete(handle, moved.openTasks[0]!);
      // Version 1 would end here; version 2 goes on to its new step.
      const [gm] = await openTasks(handle, ['gm']);
      await complete(handle, gm!);
      expect((await handle.result()).status).toBe('completed');
    });
  });

  it('refuses an element the target lacks or one that waits differently, naming it; accepts it mapped', async () => {
    const [m2, m3] = await Promise.all([v2(), v3()]);
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(m2);
      await openTasks(handle, ['review']);
      const unmapped = await refusal(migrate(handle, m3, 3));
      expect(unmapped.codes).toEqual(['migration.unmapped']);
      expect(unmapped.message).toContain('复核');
      // A user task cannot become a timer.
      expect((await refusal(migrate(handle, m3, 3, { review: 'gm' }))).codes).toEqual(['migration.typeMismatch']);
      expect((await caseState(handle)).processVersion).toBe(1);
      expect(stubs.calls.some(([name]) => name === 'projectCaseMigrated')).toBe(false);
      expect(await migrate(handle, m3, 3, { review: 'check' })).toMatchObject({ moves: [{ from: 'review', to: 'check' }] });
      const moved = await stateWhen(handle, (s) => s.processVersion === 3, 'the case on version 3');
      expect(moved.openTasks).toMatchObject([{ elementId: 'check', name: '检查' }]);
    });
  });

  it('can be undone until a step completes on the new version, and not after', async () => {
    const [m1, m2] = await Promise.all([v1(), v2()]);
    await e.withWorker(async ({ start }) => {
      const handle = await start(m1);
      await openTasks(handle, ['review']);
      // Back to an older version is only an undo.
      await migrate(handle, m2, 2);
      const onTwo = await stateWhen(handle, (s) => s.processVersion === 2 && s.quiescent === true, 'the case on version 2');
      expect(onTwo.undoableMigration).toMatchObject({ fromVersion: 1, toVersion: 2 });
      expect(await migrate(handle, m1, 1)).toMatchObject({ undo: true, toVersion: 1 });
      const back = await stateWhen(handle, (s) => s.processVersion === 1, 'the case back on version 1');
      expect(back.openTasks).toMatchObject([{ elementId: 'review', name: '审核' }]);
      // Forward again, then a step completes: the undo is gone.
      await migrate(handle, m2, 2);
      const again = await stateWhen(handle, (s) => s.processVersion === 2, 'the case on version 2 again');
      await complete(handle, again.openTasks[0]!);
      const after = await stateWhen(handle, (s) => s.openTasks.some((t) => t.elementId === 'gm') && s.quiescent === true, 'the next step open');
      expect(after.undoableMigration).toBeUndefined();
      const backwards = await refusal(migrate(handle, m1, 1));
      expect(backwards.codes).toEqual(['migration.backwards']);
      expect((await refusal(migrate(handle, m2, 2))).codes).toEqual(['migration.sameVersion']);
    });
  });
});
