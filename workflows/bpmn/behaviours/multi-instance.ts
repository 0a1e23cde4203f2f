import { CancellationScope, condition } from '@temporalio/workflow';
import type { UserTaskElement } from '../../../bpmn/model';
import { ProcessIncident } from '../errors';
import type { Interpreter } from '../interpreter';
import type { TaskState } from '../task-book';
import { awaitTask, openTask } from './user-tasks';

/** Parallel multi-instance: one task per item; done when the completion rule is met. */
export async function runMultiInstanceTask(engine: Interpreter, el: UserTaskElement): Promise<void> {
  const mi = el.multiInstance!;
  const items = engine.feel(el.id, mi.inputCollection);
  if (!Array.isArray(items)) throw new ProcessIncident(el.id, `inputCollection "${mi.inputCollection}" is not a list`);
  if (items.length === 0) return;
  const n = engine.occurrence(el.id);
  const needed = mi.completion.kind === 'all' ? items.length : mi.completion.kind === 'any' ? 1 : Math.min(mi.completion.count, items.length);
  const opened = await Promise.all(
    items.map((item, i) => openTask(engine, el, `${engine.caseId}/${el.id}/${n}.${i + 1}`, { ...(mi.inputElement ? { [mi.inputElement]: item } : {}), loopCounter: i + 1 })),
  );
  const results: Array<NonNullable<TaskState['completion']>> = [];
  const waits = opened.map((t) => awaitTask(engine, t).then((c) => void results.push(c)));
  try {
    await condition(() => results.length >= needed);
  } finally {
    // The rule is met (or the host was interrupted): withdraw the rest.
    await CancellationScope.nonCancellable(() => Promise.all(opened.filter((t) => !engine.tasks.isDone(t.taskId)).map((t) => engine.tasks.withdraw(t.taskId, 'completion condition met'))));
    void Promise.allSettled(waits);
  }
  for (const t of opened) engine.tasks.forget(t.taskId);
  for (const r of results) Object.assign(engine.vars, r.data);
  engine.vars.nrOfCompletedInstances = results.length;
  engine.vars.instanceOutcomes = results.map((r) => ({ userId: r.userId, outcome: r.outcome, comment: r.comment }));
  // A countersign (会签) is rejected if anyone who decided rejected it.
  engine.vars.outcome = results.some((r) => r.outcome === 'reject') ? 'reject' : results[results.length - 1]!.outcome;
}
