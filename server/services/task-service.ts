import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { withOpinion, type FormDataProblem } from '../../bpmn/form-data';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  delegateTaskUpdate,
  unclaimTaskUpdate,
  type AssignTaskResult,
  type CompleteTaskResult,
} from '../../workflows/bpmn/messages';
import { TaskFailure } from '../../workflows/bpmn/task-failures';
import type { BulkItemResult } from '../../contract';
import { HttpProblem, badRequest, conflict, forbidden, notFound, unavailable, unprocessable } from '../http/problem';
import type { CaseRepository } from '../../db/cases';
import type { ProcessRepository } from '../../db/processes';
import { mayAct, mayOverrideDelegation, taskActions } from '../../policy/capabilities';
import type { TaskSummary } from '../../contract';
import { isRestricted, mayReadCustomer, MASKED_COMMENT, MASKED_NAME, MASKED_TITLE } from '../../policy/confidentiality';
import type { TaskFilter, TaskRepository, TaskRow } from '../../db/tasks';
import type { SessionUser, UserRepository } from '../../db/users';
import type { TemporalAccess } from '../temporal/client';
import { queryCaseState } from '../temporal/case-state';

/** Turns the workflow validator's typed rejection into the HTTP problem the caller should see. */
function problemFromUpdate(err: WorkflowUpdateFailedError): HttpProblem {
  const cause = err.cause;
  const message = cause?.message ?? err.message;
  if (!(cause instanceof ApplicationFailure)) return conflict(message, { code: 'task.refused' });
  switch (cause.type) {
    case TaskFailure.outcomeNotAllowed:
      return unprocessable(message, { code: 'task.outcomeNotAllowed', errors: [{ path: 'body.outcome', message, code: 'task.outcomeNotAllowed' }] });
    case TaskFailure.invalidData: {
      const problems = (cause.details?.[0] as FormDataProblem[] | undefined) ?? [];
      return unprocessable(message, {
        code: 'form.invalid',
        params: { count: problems.length },
        errors: problems.map((p) => ({ path: `body.data.${p.path}`, message: p.message, ...(p.code && { code: p.code, params: p.params }) })),
      });
    }
    case TaskFailure.separationOfDuties:
      return forbidden(message, { code: 'task.separationOfDuties' });
    case TaskFailure.claimedByOther: {
      // The workflow names the holder at the end of its message ("… assigned to zj.cs_manager.").
      const holder = / (\S+)\.$/.exec(message)?.[1];
      return conflict(message, { code: 'task.claimedByOther', ...(holder && { params: { userId: holder } }) });
    }
    case TaskFailure.notOpen:
      return conflict(message, { code: 'task.notOpen' });
    case TaskFailure.badRequest:
      return badRequest(message, { code: 'task.badRequest' });
    default:
      return conflict(message, { code: 'task.refused' });
  }
}

export interface TaskServiceDeps {
  temporal: TemporalAccess;
  tasks: TaskRepository;
  users: Pick<UserRepository, 'exists'>;
  cases: Pick<CaseRepository, 'findById' | 'customer'>;
  processes: Pick<ProcessRepository, 'get' | 'taskForm'>;
  /** How long a claim / complete / delegate waits for the case's workflow to accept it (default 30 s). */
  updateTimeoutMs?: number;
}

/** Looking up an earlier Update only reads history; it never waits for a worker. */
const EARLIER_UPDATE_DEADLINE_MS = 5_000;

/**
 * Task rows with the names of customers the user is not cleared for hidden (客户信息秘密等级): the
 * one place every reader of task rows (the API, the CLI) masks them.
 */
export async function maskedTaskRows(tasks: Pick<TaskRepository, 'unitPaths'>, user: SessionUser, rows: TaskRow[]): Promise<TaskRow[]> {
  if (!rows.some((r) => isRestricted(r.customerLevel))) return rows;
  const paths = await tasks.unitPaths();
  return rows.map((r) =>
    r.customerLevel && r.customerUnitPath && !mayReadCustomer(user, r.customerLevel, r.customerUnitPath, (id) => paths.get(id)) ? { ...r, customerName: MASKED_NAME, caseTitle: MASKED_TITLE, comment: null } : r,
  );
}

export function createTaskService(deps: TaskServiceDeps) {
  const { temporal, tasks, users, cases, processes } = deps;
  const updateTimeoutMs = deps.updateTimeoutMs ?? 30_000;

  /** The task, if the user may act on it now; otherwise the problem that says why not. */
  async function openTaskFor(user: SessionUser, taskId: string): Promise<TaskRow> {
    const task = await tasks.findById(taskId);
    if (!task) throw notFound(`No task ${taskId}.`, { code: 'task.notFound', params: { taskId } });
    // Seeing everything (auditors) is not being offered anything.
    if (!(await tasks.isOfferedTo(user, task.id))) throw forbidden('This task is neither assigned nor offered to you.', { code: 'task.notOffered' });
    if (task.status !== 'open') throw conflict(`Task ${task.id} is already ${task.status}.`, { code: 'task.notOpen', params: { status: task.status } });
    if (task.assigneeId && task.assigneeId !== user.id) throw conflict(`Task is claimed by ${task.assigneeId}.`, { code: 'task.claimedByOther', params: { userId: task.assigneeId } });
    return task;
  }

  /**
   * Acts on an open task; a repeat of an action whose first attempt answered 503 but went
   * through later (the task is no longer open, or no longer offered) gets that action's result
   * from the workflow instead of a 409. The Update id includes the user, so nobody else's
   * action can be read this way.
   */
  async function onOpenTask<R>(user: SessionUser, taskId: string, operationId: string | undefined, act: (task: TaskRow) => Promise<R>): Promise<R> {
    let task: TaskRow;
    try {
      task = await openTaskFor(user, taskId);
    } catch (problem) {
      const known = operationId && problem instanceof HttpProblem && (problem.status === 409 || problem.status === 403) ? await tasks.findById(taskId) : undefined;
      if (known && operationId) {
        const earlier = await earlierUpdate<R>(known.caseId, operationId);
        if (earlier) return earlier.result;
      }
      throw problem;
    }
    return act(task);
  }

  /**
   * The completion with the opinion given once, where the step's form marks its opinion field (bpmn/form-data.ts
   * OPINION_PROPERTY): the comment fills it, or it fills a blank comment. The form is the case's version's.
   */
  async function withStepOpinion<B extends { comment?: string | undefined; data?: Record<string, unknown> | undefined }>(task: TaskRow, body: B): Promise<B> {
    return task.formId ? withOpinion(await processes.taskForm(task.id), body) : body;
  }

  /** The result of an Update the case's workflow already ran with this id, if it did. */
  async function earlierUpdate<R>(caseId: string, updateId: string): Promise<{ result: R } | undefined> {
    try {
      const handle = temporal.client.workflow.getHandle(caseId).getUpdateHandle<R>(updateId);
      return { result: await temporal.client.withDeadline(Date.now() + EARLIER_UPDATE_DEADLINE_MS, () => handle.result()) };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw problemFromUpdate(err);
      return undefined; // no such Update (or Temporal did not say in time): the refusal stands
    }
  }

  /**
   * A running case's variables come from its workflow; an ended one's from its projection. With
   * them, the open task's own variables (its input mappings), which live in the workflow only.
   */
  async function liveVariables(caseId: string, status: string, ended: Record<string, unknown>, taskId?: string): Promise<{ variables: Record<string, unknown>; taskVariables: Record<string, unknown> }> {
    if (status !== 'running') return { variables: ended, taskVariables: {} };
    try {
      const state = await queryCaseState(temporal.client.workflow.getHandle(caseId), { timeoutMs: temporal.stateQueryTimeoutMs });
      return { variables: state.variables, taskVariables: state.openTasks.find((t) => t.taskId === taskId)?.variables ?? {} };
    } catch {
      return { variables: ended, taskVariables: {} };
    }
  }

  async function update<R>(task: TaskRow, send: (handle: ReturnType<TemporalAccess['client']['workflow']['getHandle']>) => Promise<R>): Promise<R> {
    // An Update waits for a worker to run the case; with none (workers down, or a case stuck), the
    // request must not hang: after the deadline it is a 503, and repeating it with the same
    // idempotency key is safe (the workflow deduplicates by update id).
    const deadline = Date.now() + updateTimeoutMs;
    try {
      return await temporal.client.withDeadline(deadline, () => send(temporal.client.workflow.getHandle(task.caseId)));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw problemFromUpdate(err);
      if (err instanceof WorkflowNotFoundError) throw conflict(`Case ${task.caseId} is no longer running.`, { code: 'case.notRunning', params: { caseId: task.caseId } });
      if (Date.now() >= deadline) {
        throw unavailable(`Case ${task.caseId} did not answer within ${Math.round(updateTimeoutMs / 1000)} s (are the workers running?). Nothing was lost: repeat the request with the same idempotency key, or refresh the task.`, {
          code: 'case.noAnswer',
          params: { caseId: task.caseId, seconds: Math.round(updateTimeoutMs / 1000) },
        });
      }
      throw err;
    }
  }

  const masked = (user: SessionUser, rows: TaskRow[]) => maskedTaskRows(tasks, user, rows);

  /** The row as the API answers it: its actions for this user, without the data layer's internals. */
  // Written out field by field: a rest copy of the row's 33 properties cost ≈ 3 µs a row, 50 to a page (issue 19).
  function summary(user: SessionUser, r: TaskRow, offer: NonNullable<TaskRow['offer']>): TaskSummary {
    const facts = { open: r.status === 'open', unclaimed: r.assigneeId === null, completedByUser: r.completedBy === user.id, ...offer };
    return {
      id: r.id,
      caseId: r.caseId,
      caseTitle: r.caseTitle,
      businessKey: r.businessKey,
      processKey: r.processKey,
      elementId: r.elementId,
      name: r.name,
      status: r.status,
      unitId: r.unitId,
      candidateRoles: r.candidateRoles,
      candidateScope: r.candidateScope,
      candidateUsers: r.candidateUsers,
      candidateUserNames: r.candidateUserNames,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeName,
      formId: r.formId,
      outcomes: r.outcomes,
      escalationLevel: r.escalationLevel,
      dueAt: r.dueAt,
      createdAt: r.createdAt,
      completedAt: r.completedAt,
      completedBy: r.completedBy,
      completedByName: r.completedByName,
      outcome: r.outcome,
      comment: r.comment,
      customerId: r.customerId,
      customerName: r.customerName,
      priority: r.priority,
      sla: r.sla,
      actions: taskActions(user, facts),
    };
  }

  return {
    async list(user: SessionUser, filter: TaskFilter) {
      const page = await tasks.list(user, filter);
      const items = await masked(user, page.items);
      return { ...page, items: items.map((row) => summary(user, row, row.offer ?? { actionable: false, assignedOrOffered: false })) };
    },

    async complete(
      user: SessionUser,
      taskId: string,
      body: { outcome: string; comment?: string; data?: Record<string, unknown> },
      /** Stable for every repeat of one request (Idempotency-Key); the workflow runs one Update per id. */
      operationId?: string,
    ): Promise<CompleteTaskResult> {
      // The Update ID makes a retried request (same Idempotency-Key) return the first answer.
      return onOpenTask(user, taskId, operationId, async (task) => {
        body = await withStepOpinion(task, body);
        if (body.outcome === 'reject' && !body.comment) {
          throw badRequest('A rejection needs a comment.', { code: 'task.rejectionNeedsComment', errors: [{ path: 'body.comment', message: 'required when rejecting', code: 'task.rejectionNeedsComment' }] });
        }
        return update(task, (h) =>
          h.executeUpdate(completeTaskUpdate, {
            updateId: operationId ?? randomUUID(),
            args: [{ taskId: task.id, userId: user.id, outcome: body.outcome, comment: body.comment, data: body.data ?? {} }],
          }),
        );
      });
    },

    async claim(user: SessionUser, taskId: string, operationId?: string): Promise<AssignTaskResult> {
      return onOpenTask(user, taskId, operationId, (task) =>
        update(task, (h) => h.executeUpdate(claimTaskUpdate, { updateId: operationId ?? randomUUID(), args: [{ taskId: task.id, userId: user.id }] })),
      );
    },

    async unclaim(user: SessionUser, taskId: string, operationId?: string): Promise<AssignTaskResult> {
      return onOpenTask(user, taskId, operationId, (task) => {
        if (task.assigneeId !== user.id) throw task.assigneeId
            ? conflict(`Task is claimed by ${task.assigneeId}, not by you.`, { code: 'task.claimedByOther', params: { userId: task.assigneeId } })
            : conflict('Task is not claimed.', { code: 'task.notClaimed' });
        return update(task, (h) => h.executeUpdate(unclaimTaskUpdate, { updateId: operationId ?? randomUUID(), args: [{ taskId: task.id, userId: user.id }] }));
      });
    },

    /**
     * Gives the task to someone else: to a person it is offered to (its candidate roles in its unit
     * and scope, not excluded by separation of duties), or, with `override` and a reason, to any
     * active user — managers only; the audit trail keeps the override and the reason.
     */
    async delegate(user: SessionUser, taskId: string, body: { userId: string; reason?: string | undefined; override?: boolean | undefined }, operationId?: string): Promise<AssignTaskResult> {
      return onOpenTask(user, taskId, operationId, async (task) => {
        const toUserId = body.userId;
        if (body.override && !mayOverrideDelegation(user)) {
          throw new HttpProblem(403, 'Forbidden', 'Only managers may delegate a task to someone it is not offered to.', { code: 'delegation.overrideNotAllowed' });
        }
        if (!(await users.exists(toUserId))) throw unprocessable(`No active user ${toUserId}.`, { code: 'users.noActiveUser', params: { userId: toUserId }, errors: [{ path: 'body.userId', message: 'unknown user', code: 'users.noActiveUser', params: { userId: toUserId } }] });
        if (!body.override && !(await tasks.isEligibleDelegate(task.id, toUserId))) {
          const message = 'not eligible for this step (its candidate roles in the case’s unit)';
          throw unprocessable(`${toUserId} is not eligible for "${task.name}": delegate to someone the step is offered to, or override with a reason.`, {
            code: 'delegation.notEligible',
            params: { userId: toUserId, task: task.name },
            errors: [{ path: 'body.userId', message, code: 'delegation.notEligible', params: { userId: toUserId, task: task.name } }],
          });
        }
        const input = { taskId: task.id, userId: user.id, toUserId, ...(body.reason ? { reason: body.reason } : {}), ...(body.override ? { override: true } : {}) };
        return update(task, (h) => h.executeUpdate(delegateTaskUpdate, { updateId: operationId ?? randomUUID(), args: [input] }));
      });
    },

    /** The people the task may be delegated to without an override, for the console's picker. */
    async eligibleDelegates(user: SessionUser, taskId: string, query: { q?: string | undefined; limit: number; offset: number }) {
      const task = await openTaskFor(user, taskId);
      return tasks.eligibleDelegates(task.id, { ...query, except: [user.id, ...(task.assigneeId ? [task.assigneeId] : [])] });
    },

    /** Everything the task page shows, in one answer. */
    async detail(user: SessionUser, taskId: string) {
      const task = await tasks.findById(taskId);
      if (!task) throw notFound(`No task ${taskId}.`, { code: 'task.notFound', params: { taskId } });
      if (!(await tasks.maySee(user, task.id))) throw forbidden('This task is neither assigned nor offered to you.', { code: 'task.notOffered' });
      const theCase = (await cases.findById(task.caseId))!;
      const [definition, customer, steps, comments, actionable, assignedOrOffered, variables] = await Promise.all([
        processes.get(theCase.processKey, theCase.processVersion),
        theCase.customerId ? cases.customer(theCase.customerId) : Promise.resolve(undefined),
        tasks.steps(task.caseId),
        tasks.comments(task.id),
        tasks.mayComplete(user, task.id),
        tasks.isOfferedTo(user, task.id),
        liveVariables(task.caseId, theCase.status, theCase.variables, task.id),
      ]);
      const element = definition?.model.elements[task.elementId];
      const shown = summary(user, (await masked(user, [task]))[0]!, { actionable, assignedOrOffered });
      const open = task.status === 'open';
      const paths = customer ? await tasks.unitPaths() : undefined;
      const cleared = !customer || mayReadCustomer(user, customer.level, customer.unitPath, (id) => paths!.get(id));
      return {
        task: shown,
        form: (task.formId && definition?.forms[task.formId]) || null,
        case: {
          id: theCase.id,
          title: cleared ? theCase.title : MASKED_TITLE,
          businessKey: theCase.businessKey,
          processKey: theCase.processKey,
          processVersion: theCase.processVersion,
          status: theCase.status,
          initiatorId: theCase.initiatorId,
          initiatorName: theCase.initiatorName,
          ownerId: theCase.ownerId,
          ownerName: theCase.ownerName,
          unitId: theCase.unitId,
          startedAt: theCase.startedAt,
          customer: customer ? (cleared ? { id: customer.id, name: customer.name, tier: customer.tier } : { id: customer.id, name: MASKED_NAME, tier: customer.tier }) : null,
          // A secret customer's case data is as secret as the customer.
          variables: cleared ? variables.variables : {},
        },
        headers: (element?.type === 'userTask' && element.headers) || {},
        taskVariables: cleared ? variables.taskVariables : {},
        // What earlier steps recorded — their data and their comment, often the same opinion (withOpinion) — and what
        // others wrote on the task, as the audit trail withholds them; the reader's own comments are theirs to read.
        steps: cleared ? steps : steps.map((step) => ({ ...step, data: {}, comment: null })),
        comments: cleared ? comments : comments.map((c) => (c.authorId === user.id ? c : { ...c, body: MASKED_COMMENT })),
        can: { ...shown.actions, unclaim: open && task.assigneeId === user.id && mayAct(user) },
      };
    },

    async comment(user: SessionUser, taskId: string, body: string) {
      const task = await tasks.findById(taskId);
      if (!task) throw notFound(`No task ${taskId}.`, { code: 'task.notFound', params: { taskId } });
      // Auditors read and change nothing, comments included.
      if (!(await tasks.isOfferedTo(user, task.id)) && task.completedBy !== user.id) throw forbidden('Only people the task is offered to may comment on it.', { code: 'task.commentNotAllowed' });
      return tasks.addComment(task, user.id, body);
    },

    /**
     * Completes each task on its own: one failing (validation, permission, a race) does not stop
     * the others. Each item gets its own Update ID, so a retried bulk request cannot complete twice.
     * `say` words a refusal's detail (the route: in the caller's language, see http/problem-language.ts).
     */
    async bulkComplete(
      user: SessionUser,
      items: Array<{ taskId: string; outcome: string; comment?: string; data?: Record<string, unknown> }>,
      say: (problem: HttpProblem) => string | Promise<string> = (problem) => problem.detail,
    ) {
      const results: BulkItemResult[] = [];
      for (const item of items) {
        try {
          const done = await this.complete(user, item.taskId, item, `bulk:${user.id}:${item.taskId}`);
          results.push({ taskId: item.taskId, ok: true, status: 200, completedAt: done.completedAt });
        } catch (err) {
          if (!(err instanceof HttpProblem)) throw err;
          results.push({ taskId: item.taskId, ok: false, status: err.status, detail: await say(err), code: err.code, ...(err.extra.params && { params: err.extra.params }) });
        }
      }
      return results;
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
