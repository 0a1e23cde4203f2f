import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import { isPatched, MULTI_LEVEL_ESCALATION_PATCH, TASK_OPENING_PATCH } from '../patch-level';
import type { UserTaskElement } from '../../../bpmn/model';
import { engineActivities } from '../activity-options';
import type { Interpreter } from '../interpreter';
import type { TaskState } from '../task-book';
import { timerMs } from './catch-events';
import { projectionQueue } from '../projection-queue';

// User tasks: opened in the task book and projected to the inbox, completed by the
// completeTask Update (task-book.ts), escalated up the org tree when their SLA runs out.

/** Opens one task (projected before anyone can act on it) and returns its state. */
export async function openTask(engine: Interpreter, el: UserTaskElement, taskId: string, local: Record<string, unknown>): Promise<TaskState> {
  const { input } = engine;
  // Input mappings are the task's own variables (Camunda's local scope): its assignee and its
  // form see them, the case does not unless an output mapping says so.
  const own = el.inputs ? Object.fromEntries(el.inputs.map((m) => [m.target, engine.feel(el.id, m.source, local)])) : undefined;
  const assignee = el.assignee ? engine.feel(el.id, el.assignee, { ...local, ...own }) : null;
  const createdAt = new Date().toISOString();
  // A step for one department (shouwen:candidateDepartment): the worker decides once whether anyone
  // there can take it (else the unit's 客服经理), and the history keeps the answer. Only diagrams that
  // say it call the activity, so other cases' histories replay as they ran.
  let candidateGroups = el.candidateGroups;
  let departmentRoute: Awaited<ReturnType<typeof engineActivities.routeTaskToDepartment>> | undefined;
  if (el.candidateDepartment) {
    departmentRoute = await engineActivities.routeTaskToDepartment({
      unitId: input.unitId,
      department: engine.feel(el.id, el.candidateDepartment, { ...local, ...own }) ?? null,
      roles: el.candidateGroups,
      ...(el.candidateScope && { candidateScope: el.candidateScope }),
    });
    if (departmentRoute.fallbackRoles) candidateGroups = departmentRoute.fallbackRoles;
  }
  let dueAt: string | null = null;
  let dueWindowMs: number | undefined;
  if (el.dueByTier && el.due?.kind === 'workingDays') {
    // The customer's tier decides (an activity reads the rule: recorded, so replay sees the same date).
    dueAt = await engineActivities.tierDueDate({ caseId: engine.caseId, taskId, elementId: el.id, taskName: el.name ?? el.id, limit: el.dueByTier, defaultDays: el.due.days, from: createdAt });
    dueWindowMs = Math.max(0, Date.parse(dueAt) - Date.now());
  } else if (el.due) {
    dueWindowMs = await timerMs(engine, el.id, el.due);
    dueAt = new Date(Date.now() + dueWindowMs).toISOString();
  }
  const task: TaskState = {
    taskId,
    elementId: el.id,
    name: el.name ?? el.id,
    unitId: input.unitId,
    assigneeId: typeof assignee === 'string' && assignee ? assignee : null,
    candidateGroups,
    candidateUsers: el.candidateUsers,
    formId: el.formId ?? null,
    outcomes: el.outcomes,
    dueAt,
    status: 'open',
    separationOfDuties: el.separationOfDuties,
    ...(el.formId && input.forms[el.formId] ? { form: input.forms[el.formId] } : {}),
    ...(dueWindowMs !== undefined && { dueWindowMs }),
    ...(el.escalationLevels !== undefined && { escalationCap: el.escalationLevels }),
    ...(own && { variables: own }),
  };
  engine.tasks.add(task);
  const project = () => engineActivities.projectTaskOpened({
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
    ...(departmentRoute && { departmentRoute }),
    assigneeId: task.assigneeId,
    formId: task.formId,
    outcomes: task.outcomes,
    separationOfDuties: task.separationOfDuties,
    dueAt,
    createdAt,
  });
  // An interruption (an event sub-process, a terminate) arriving while the task is being opened
  // used to cancel the projection half-way and leave the task open in the book and the inbox; now
  // the opening finishes and the wait that follows withdraws it.
  // Batched writes are never cancelled, and nobody can act on the task before its row exists (the
  // API reads it first): the token goes on to its wait while the opening is written.
  const queue = projectionQueue();
  if (queue) queue.defer(project());
  else await (isPatched(TASK_OPENING_PATCH) ? CancellationScope.nonCancellable(project) : project());
  return task;
}

/**
 * Past its due time a task moves one level up the org tree, is given as long again, and moves on
 * when that passes too, until the top or the diagram's cap (首问责任制). Each move is projected
 * (the timeline, the first-contact owner and the next level's candidates hear of it).
 */
async function escalateWhileOverdue(engine: Interpreter, task: TaskState): Promise<void> {
  const cap = task.escalationCap ?? Number.POSITIVE_INFINITY;
  while (task.dueAt && (task.escalations ?? 0) < cap) {
    const inTime = await condition(() => engine.tasks.isDone(task.taskId), Math.max(1, Date.parse(task.dueAt) - Date.now()));
    if (inTime) return;
    const from = task.unitId;
    const nextDue = task.dueWindowMs ? new Date(Date.now() + task.dueWindowMs).toISOString() : null;
    task.unitId = await engineActivities.projectTaskEscalated({ caseId: engine.caseId, taskId: task.taskId, fromUnitId: from, at: new Date().toISOString(), ...(nextDue && { dueAt: nextDue }) });
    task.assigneeId = null;
    task.escalations = (task.escalations ?? 0) + 1;
    // At the top of the tree (or for a task opened before due windows were kept) it stays put.
    if (task.unitId === from || !nextDue) break;
    task.dueAt = nextDue;
  }
  task.escalated = true;
}

/** Waits for a task, escalating it while it is overdue (see escalateWhileOverdue). */
export async function awaitTask(engine: Interpreter, task: TaskState): Promise<NonNullable<TaskState['completion']>> {
  try {
    // Cases that escalated once and no further before this existed replay as they ran.
    if (task.dueAt && !task.escalated && isPatched(MULTI_LEVEL_ESCALATION_PATCH)) await escalateWhileOverdue(engine, task);
    else if (task.dueAt && !task.escalated) {
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
  applyCompletion(engine, el, task, done);
}

/**
 * What a completion writes to the case: the submitted data (Camunda's default), or with output
 * mappings only what they name, evaluated over the task's own variables and the submitted data.
 * `outcome` is Shouwen's own and always written (gateways read it).
 */
function applyCompletion(engine: Interpreter, el: UserTaskElement, task: TaskState, done: NonNullable<TaskState['completion']>): void {
  if (!el.outputs) {
    Object.assign(engine.vars, done.data, { outcome: done.outcome });
    return;
  }
  const scope = { ...task.variables, ...done.data, outcome: done.outcome };
  for (const m of el.outputs) engine.vars[m.target] = engine.feel(el.id, m.source, scope);
  engine.vars.outcome = done.outcome;
}
