import { ApplicationFailure, condition, currentUpdateInfo, setHandler } from '@temporalio/workflow';
import { CLAIM_HELD_NO_OP_PATCH, isPatched } from './patch-level';
import { validateFormData, type FormSchema } from '../../bpmn/form-data';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  delegateTaskUpdate,
  unclaimTaskUpdate,
  type AssignTaskInput,
  type CompleteTaskInput,
  type OpenTaskView,
} from './messages';
import { engineActivities as projection } from './activity-options';
import { TaskFailure } from './task-failures';
import { projectionQueue } from './projection-queue';

// The open user tasks of one case and the Updates people act on them with. Validators run
// synchronously and reject with typed ApplicationFailures the API maps to HTTP statuses;
// handlers answer only after the projection is written, so the caller's next read agrees.


export interface TaskState extends OpenTaskView {
  separationOfDuties: boolean;
  form?: FormSchema;
  /** Done moving up the org tree for being overdue (at the top, at its cap, or once on the old rule). */
  escalated?: boolean;
  /** How long it was given at first (ms): each level up gives it as long again. */
  dueWindowMs?: number;
  /** The diagram's cap on levels (shouwen:escalationLevels); absent: until the top. */
  escalationCap?: number;
  /** Levels moved so far. */
  escalations?: number;
  completion?: { userId: string; outcome: string; comment: string | null; data: Record<string, unknown>; completedAt: string };
}

const reject = (type: string, message: string, details?: unknown) => ApplicationFailure.create({ type, message, nonRetryable: true, details: details ? [details] : [] });

export class TaskBook {
  readonly tasks = new Map<string, TaskState>();

  constructor(
    private readonly caseId: string,
    /** Null for a scheduled case: nobody asked, so separation of duties excludes nobody. */
    private readonly initiatorId: string | null,
  ) {}

  open(): OpenTaskView[] {
    return [...this.tasks.values()]
      .filter((t) => !t.completion)
      .map(({ form: _f, completion: _c, separationOfDuties: _s, dueWindowMs: _w, escalationCap: _e, escalations: _n, escalated: _d, ...view }) => view);
  }

  add(task: TaskState): void {
    this.tasks.set(task.taskId, task);
  }

  /** Resolves with the completion once the completeTask Update has projected it. */
  async completion(taskId: string): Promise<NonNullable<TaskState['completion']>> {
    const task = this.tasks.get(taskId)!;
    await condition(() => task.completion !== undefined);
    return task.completion!;
  }

  isDone = (taskId: string) => this.tasks.get(taskId)?.completion !== undefined;

  /** Withdraws an open task (boundary event, completion rule, termination). */
  async withdraw(taskId: string, reason: string): Promise<void> {
    const task = this.tasks.get(taskId);
    if (!task || task.completion) return;
    this.tasks.delete(taskId);
    await projection.projectTaskCancelled({ caseId: this.caseId, taskId, reason, at: new Date().toISOString() });
  }

  forget(taskId: string): void {
    this.tasks.delete(taskId);
  }

  private openTask(taskId: string): TaskState {
    const task = this.tasks.get(taskId);
    if (!task || task.completion) throw reject(TaskFailure.notOpen, `Task ${taskId} is not open in this case.`);
    if (task.status === 'completing') throw reject(TaskFailure.notOpen, `Task ${taskId} is already being completed.`);
    return task;
  }

  private validateCompletion(input: CompleteTaskInput): void {
    const task = this.openTask(input.taskId);
    if (!task.outcomes.includes(input.outcome)) {
      throw reject(TaskFailure.outcomeNotAllowed, `Outcome "${input.outcome}" is not allowed here; allowed: ${task.outcomes.join(', ')}.`);
    }
    if (task.separationOfDuties && input.userId === this.initiatorId) {
      throw reject(TaskFailure.separationOfDuties, 'The person who started the case may not complete this step (separation of duties).');
    }
    if (task.assigneeId && task.assigneeId !== input.userId) {
      throw reject(TaskFailure.claimedByOther, `Task is assigned to ${task.assigneeId}.`);
    }
    if (task.form) {
      // "Today" for dates that may not be past is the workflow's clock: the same on every replay.
      const problems = validateFormData(task.form, input.data ?? {}, Date.now());
      if (problems.length) throw reject(TaskFailure.invalidData, problems.map((p) => p.message).join('; '), problems);
    }
  }

  install(): void {
    setHandler(
      completeTaskUpdate,
      async (input) => {
        const task = this.tasks.get(input.taskId)!;
        task.status = 'completing';
        const completion = { userId: input.userId, outcome: input.outcome, comment: input.comment ?? null, data: input.data ?? {}, completedAt: new Date().toISOString() };
        if (projectionQueue()) {
          // Batched: the token moves on now, and its next writes (a task opened, the end) follow
          // this one in the queue; the answer still waits until it is written.
          task.completion = completion;
          await projection.projectTaskCompleted({ caseId: this.caseId, taskId: task.taskId, ...completion });
        } else {
          await projection.projectTaskCompleted({ caseId: this.caseId, taskId: task.taskId, ...completion });
          task.completion = completion;
        }
        return { taskId: task.taskId, outcome: completion.outcome, completedAt: completion.completedAt };
      },
      { validator: (input) => this.validateCompletion(input) },
    );

    const assign = async (action: 'claim' | 'unclaim' | 'delegate', input: AssignTaskInput, assigneeId: string | null) => {
      const task = this.tasks.get(input.taskId)!;
      task.assigneeId = assigneeId;
      await projection.projectTaskAssigned({
        caseId: this.caseId,
        taskId: task.taskId,
        action,
        actorId: input.userId,
        assigneeId,
        actionId: currentUpdateInfo()?.id ?? String(Date.now()),
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.override ? { override: true } : {}),
        at: new Date().toISOString(),
      });
      return { taskId: task.taskId, assigneeId };
    };

    setHandler(
      claimTaskUpdate,
      (input) => {
        // Claiming what one already holds changes nothing and is not recorded again (two tabs,
        // two clicks with different keys). Recorded histories from before replay as they ran.
        const task = this.tasks.get(input.taskId)!;
        if (task.assigneeId === input.userId && isPatched(CLAIM_HELD_NO_OP_PATCH)) return Promise.resolve({ taskId: task.taskId, assigneeId: task.assigneeId });
        return assign('claim', input, input.userId);
      },
      {
        validator: (input) => {
          const task = this.openTask(input.taskId);
          if (task.assigneeId && task.assigneeId !== input.userId) throw reject(TaskFailure.claimedByOther, `Task is already claimed by ${task.assigneeId}.`);
        },
      },
    );
    setHandler(unclaimTaskUpdate, (input) => assign('unclaim', input, null), {
      validator: (input) => {
        this.openTask(input.taskId);
      },
    });
    setHandler(delegateTaskUpdate, (input) => assign('delegate', input, input.toUserId ?? null), {
      validator: (input) => {
        const task = this.openTask(input.taskId);
        if (!input.toUserId) throw reject(TaskFailure.badRequest, 'Delegating needs the user to delegate to.');
        if (task.assigneeId && task.assigneeId !== input.userId) throw reject(TaskFailure.claimedByOther, `Task is assigned to ${task.assigneeId}.`);
      },
    });
  }
}
