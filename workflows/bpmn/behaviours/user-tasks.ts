import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { UserTaskElement } from '../../../bpmn/model';
import { engineActivities } from '../activity-options';
import type { Interpreter } from '../interpreter';
import type { TaskState } from '../task-book';
import { timerMs } from './catch-events';

// User tasks: opened in the task book and projected to the inbox, completed by the
// completeTask Update (task-book.ts), escalated up the org tree when their SLA runs out.

/** Opens one task (projected before anyone can act on it) and returns its state. */
export async function openTask(engine: Interpreter, el: UserTaskElement, taskId: string, local: Record<string, unknown>): Promise<TaskState> {
  const { input } = engine;
  const assignee = el.assignee ? engine.feel(el.id, el.assignee, local) : null;
  const createdAt = new Date().toISOString();
  let dueAt: string | null = null;
  if (el.due) dueAt = new Date(Date.now() + (await timerMs(engine, el.id, el.due))).toISOString();
  const task: TaskState = {
    taskId,
    elementId: el.id,
    name: el.name ?? el.id,
    unitId: input.unitId,
    assigneeId: typeof assignee === 'string' && assignee ? assignee : null,
    candidateGroups: el.candidateGroups,
    candidateUsers: el.candidateUsers,
    formId: el.formId ?? null,
    outcomes: el.outcomes,
    dueAt,
    status: 'open',
    separationOfDuties: el.separationOfDuties,
    ...(el.formId && input.forms[el.formId] ? { form: input.forms[el.formId] } : {}),
  };
  engine.tasks.add(task);
  await engineActivities.projectTaskOpened({
    caseId: engine.caseId,
    taskId,
    elementId: el.id,
    name: task.name,
    unitId: task.unitId,
    candidateRoles: task.candidateGroups,
    // Only when the diagram widens it, so the activity input (and recorded histories) of
    // every other task stay exactly as they were.
    ...(el.candidateScope && { candidateScope: el.candidateScope }),
    candidateUsers: task.candidateUsers,
    assigneeId: task.assigneeId,
    formId: task.formId,
    outcomes: task.outcomes,
    separationOfDuties: task.separationOfDuties,
    dueAt,
    createdAt,
  });
  return task;
}

/** Waits for a task; past its due time it escalates one level up the org tree (首问责任制). */
export async function awaitTask(engine: Interpreter, task: TaskState): Promise<NonNullable<TaskState['completion']>> {
  try {
    if (task.dueAt && !task.escalated) {
      const inTime = await condition(() => engine.tasks.isDone(task.taskId), Math.max(1, Date.parse(task.dueAt) - Date.now()));
      if (!inTime) {
        task.unitId = await engineActivities.projectTaskEscalated({ caseId: engine.caseId, taskId: task.taskId, fromUnitId: task.unitId, at: new Date().toISOString() });
        task.assigneeId = null;
        task.escalated = true;
      }
    }
    return await engine.tasks.completion(task.taskId);
  } catch (err) {
    if (isCancellation(err)) await CancellationScope.nonCancellable(() => engine.tasks.withdraw(task.taskId, 'interrupted'));
    throw err;
  }
}

/** A single user task; `resumed` is the open task carried over from the previous run. */
export async function runUserTask(engine: Interpreter, el: UserTaskElement, tokenId?: number, resumed?: TaskState): Promise<void> {
  let task: TaskState;
  if (resumed) task = engine.tasks.tasks.get(resumed.taskId) ?? resumed;
  else task = await openTask(engine, el, `${engine.caseId}/${el.id}/${engine.occurrence(el.id)}`, {});
  const wait = () => awaitTask(engine, task);
  const done = tokenId === undefined ? await wait() : await engine.parkWhile(tokenId, { kind: 'task', elementId: el.id, task }, wait);
  engine.tasks.forget(task.taskId);
  Object.assign(engine.vars, done.data, { outcome: done.outcome });
}
