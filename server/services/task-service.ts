import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FormDataProblem } from '../../bpmn/form-data';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  delegateTaskUpdate,
  unclaimTaskUpdate,
  type AssignTaskResult,
  type CompleteTaskResult,
} from '../../workflows/bpmn/messages';
import { TaskFailure } from '../../workflows/bpmn/task-failures';
import { badRequest, conflict, forbidden, HttpProblem, notFound, unprocessable } from '../http/problem';
import type { TaskRepository, TaskRow } from '../repositories/task-repository';
import type { SessionUser, UserRepository } from '../repositories/user-repository';
import type { TemporalAccess } from '../temporal/client';

/** Turns the workflow validator's typed rejection into the HTTP problem the caller should see. */
function problemFromUpdate(err: WorkflowUpdateFailedError): HttpProblem {
  const cause = err.cause;
  const message = cause?.message ?? err.message;
  if (!(cause instanceof ApplicationFailure)) return conflict(message);
  switch (cause.type) {
    case TaskFailure.outcomeNotAllowed:
      return unprocessable(message, { errors: [{ path: 'body.outcome', message }] });
    case TaskFailure.invalidData: {
      const problems = (cause.details?.[0] as FormDataProblem[] | undefined) ?? [];
      return unprocessable(message, { errors: problems.map((p) => ({ path: `body.data.${p.path}`, message: p.message })) });
    }
    case TaskFailure.separationOfDuties:
      return forbidden(message);
    case TaskFailure.badRequest:
      return badRequest(message);
    default:
      return conflict(message);
  }
}

export function createTaskService(deps: { temporal: TemporalAccess; tasks: TaskRepository; users: Pick<UserRepository, 'exists'> }) {
  const { temporal, tasks, users } = deps;

  async function openTaskFor(user: SessionUser, taskId: string): Promise<TaskRow> {
    const task = await tasks.findById(taskId);
    if (!task) throw notFound(`No task ${taskId}.`);
    if (!(await tasks.mayComplete(user, task.id))) throw forbidden('This task is neither assigned nor offered to you.');
    if (task.status !== 'open') throw conflict(`Task ${task.id} is already ${task.status}.`);
    return task;
  }

  async function update<R>(task: TaskRow, send: (handle: ReturnType<TemporalAccess['client']['workflow']['getHandle']>) => Promise<R>): Promise<R> {
    try {
      return await send(temporal.client.workflow.getHandle(task.caseId));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw problemFromUpdate(err);
      if (err instanceof WorkflowNotFoundError) throw conflict(`Case ${task.caseId} is no longer running.`);
      throw err;
    }
  }

  return {
    async complete(
      user: SessionUser,
      taskId: string,
      body: { outcome: string; comment?: string; data?: Record<string, unknown> },
      idempotencyKey?: string,
    ): Promise<CompleteTaskResult> {
      const task = await openTaskFor(user, taskId);
      if (body.outcome === 'reject' && !body.comment) {
        throw badRequest('A rejection needs a comment.', [{ path: 'body.comment', message: 'required when rejecting' }]);
      }
      // The Update ID makes a retried request (same Idempotency-Key) return the first answer.
      return update(task, (h) =>
        h.executeUpdate(completeTaskUpdate, {
          updateId: idempotencyKey ?? randomUUID(),
          args: [{ taskId: task.id, userId: user.id, outcome: body.outcome, comment: body.comment, data: body.data ?? {} }],
        }),
      );
    },

    async claim(user: SessionUser, taskId: string, idempotencyKey?: string): Promise<AssignTaskResult> {
      const task = await openTaskFor(user, taskId);
      return update(task, (h) => h.executeUpdate(claimTaskUpdate, { updateId: idempotencyKey ?? randomUUID(), args: [{ taskId: task.id, userId: user.id }] }));
    },

    async unclaim(user: SessionUser, taskId: string, idempotencyKey?: string): Promise<AssignTaskResult> {
      const task = await openTaskFor(user, taskId);
      if (task.assigneeId !== user.id) throw conflict(task.assigneeId ? `Task is claimed by ${task.assigneeId}, not by you.` : 'Task is not claimed.');
      return update(task, (h) => h.executeUpdate(unclaimTaskUpdate, { updateId: idempotencyKey ?? randomUUID(), args: [{ taskId: task.id, userId: user.id }] }));
    },

    async delegate(user: SessionUser, taskId: string, toUserId: string, idempotencyKey?: string): Promise<AssignTaskResult> {
      const task = await openTaskFor(user, taskId);
      if (!(await users.exists(toUserId))) throw unprocessable(`No active user ${toUserId}.`, { errors: [{ path: 'body.userId', message: 'unknown user' }] });
      return update(task, (h) =>
        h.executeUpdate(delegateTaskUpdate, { updateId: idempotencyKey ?? randomUUID(), args: [{ taskId: task.id, userId: user.id, toUserId }] }),
      );
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
