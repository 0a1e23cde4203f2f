import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FormSchema } from '../../bpmn/form-data';
import { SANDBOX_LIFETIME, sandboxTaskQueue, sandboxWorkflowId } from '../../bpmn/sandbox';
import type { PlayState } from '../../contract';
import type { ProcessDraftRepository } from '../../db/process-drafts';
import type { SessionUser } from '../../db/users';
import { completeTaskUpdate, correlateMessageUpdate, fireTimerUpdate, type BpmnProcessInput, type CaseStateView } from '../../workflows/bpmn/messages';
import { HttpProblem, notFound, unprocessable } from '../http/problem';
import { queryCaseState } from '../temporal/case-state';
import type { ProcessService } from './process-service';
import { processWords } from '../../contract/process-names';
import { PATCH_LEVEL } from '../../workflows/bpmn/patch-level';

/**
 * 试运行 (issue 18 §8): a draft played in a sandbox. The run is the same interpreter on the sandbox
 * task queue (its activities write and notify nothing: activities/sandbox.ts), started with no
 * search attributes and no case row, so no list, inbox or report ever sees it. Its workflow id is
 * built from the caller (bpmn/sandbox.ts): another user asking for the same run id addresses a
 * workflow that does not exist, and gets the same 404 as for a run that never was.
 */
export function createPlayService(deps: { client: Client; taskQueue: string; stateQueryTimeoutMs: number; processes: ProcessService; drafts: ProcessDraftRepository }) {
  const { client, processes, drafts } = deps;
  const handle = (user: SessionUser, key: string, runId: string) => client.workflow.getHandle(sandboxWorkflowId(user.id, key, runId));
  const gone = (key: string, runId: string) => notFound(`No 试运行 ${runId} of ${key} of yours.`, { code: 'play.notFound', params: { processKey: key, runId } });

  /** Temporal's answers in the API's words: a run not ours or ended is 404, a refused step 422. */
  async function ask<T>(key: string, runId: string, fn: () => Promise<T>, refused: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw gone(key, runId);
      if (err instanceof WorkflowUpdateFailedError) throw unprocessable(err.cause?.message ?? err.message, { code: refused, params: { processKey: key, runId } });
      throw err;
    }
  }

  async function state(user: SessionUser, key: string, runId: string): Promise<PlayState> {
    const s: CaseStateView = await ask(key, runId, () => queryCaseState(handle(user, key, runId), { timeoutMs: deps.stateQueryTimeoutMs }), 'play.notFound');
    return {
      runId,
      processKey: key,
      status: s.status,
      activeElements: s.activeElements,
      completedCounts: s.completedCounts,
      openTasks: s.openTasks.map((t) => ({ taskId: t.taskId, elementId: t.elementId, name: t.name, candidateGroups: t.candidateGroups, candidateUsers: t.candidateUsers, assigneeId: t.assigneeId, formId: t.formId, outcomes: t.outcomes, status: t.status })),
      awaitingMessages: s.awaitingMessages ?? [],
      waitingTimers: s.waitingTimers ?? [],
      incidents: s.incidents.map((i) => ({ id: i.id, elementId: i.elementId, message: i.message })),
      variables: s.variables,
    };
  }

  return {
    /** Compiles the draft exactly as deploy would (invalid: deploy's problem+json) and starts it in the sandbox. */
    async start(user: SessionUser, key: string, body: { xml?: string | undefined; forms?: Record<string, unknown> | undefined; variables?: Record<string, unknown> | undefined }): Promise<PlayState> {
      const saved = body.xml ? undefined : await drafts.get(key);
      const xml = body.xml ?? saved?.xml;
      if (!xml) throw notFound(`Process ${key} has no draft to play.`, { code: 'play.noDraft', params: { processKey: key } });
      const forms = (body.forms ?? saved?.forms ?? {}) as Record<string, FormSchema>;
      const compiled = await processes.compileForDeploy(xml, forms);
      if (!compiled.ok) {
        throw unprocessable(`The diagram has ${compiled.problems.length} problem(s); nothing was played.`, {
          code: 'process.invalid',
          params: { count: compiled.problems.length },
          errors: compiled.problems.map((p) => ({ path: p.elementId ? `body.xml#${p.elementId}` : 'body.xml', ...p })),
        });
      }
      if (compiled.model.key !== key) {
        throw new HttpProblem(422, 'Unprocessable Content', `The diagram is process ${compiled.model.key}, not ${key}.`, { code: 'play.keyMismatch', params: { processKey: key, diagramKey: compiled.model.key } });
      }
      const runId = randomUUID();
      const businessKey = `SANDBOX-${runId.slice(0, 8)}`;
      const input: BpmnProcessInput = {
        model: compiled.model,
        processVersion: 0,
        forms: compiled.forms,
        businessKey,
        title: `试运行 · ${processWords(compiled.model.key, compiled.model.name)}`,
        initiatorId: user.id,
        unitId: user.unitId,
        customerId: null,
        variables: { ...(body.variables ?? {}), businessKey, initiator: user.id },
        startedAt: new Date().toISOString(),
        // Jobs for teams' own workers stay in the sandbox too: none of them polls this queue.
        jobTaskQueue: sandboxTaskQueue(deps.taskQueue),
        sandbox: true,
        patchLevel: PATCH_LEVEL,
      };
      await client.workflow.start('bpmnProcess', {
        taskQueue: sandboxTaskQueue(deps.taskQueue),
        workflowId: sandboxWorkflowId(user.id, key, runId),
        workflowExecutionTimeout: SANDBOX_LIFETIME,
        args: [input],
      });
      return state(user, key, runId);
    },

    state,

    /** Completes a step as whoever the owner plays (no inbox row is involved: the workflow's own Update). */
    async completeTask(user: SessionUser, key: string, runId: string, taskId: string, body: { outcome: string; comment?: string | undefined; data?: Record<string, unknown> | undefined; asRole?: string | undefined }): Promise<PlayState> {
      const now = await state(user, key, runId);
      const task = now.openTasks.find((t) => t.taskId === taskId);
      if (!task) throw notFound(`No open step ${taskId} in this 试运行.`, { code: 'play.taskNotOpen', params: { taskId } });
      // Separation of duties would stop the owner completing as themselves: a sandbox actor plays the role.
      const userId = task.assigneeId ?? `试运行:${body.asRole ?? task.candidateGroups[0] ?? 'anyone'}`;
      await ask(key, runId, () => handle(user, key, runId).executeUpdate(completeTaskUpdate, { args: [{ taskId, userId, outcome: body.outcome, ...(body.comment && { comment: body.comment }), ...(body.data && { data: body.data }) }] }), 'play.taskRefused');
      return state(user, key, runId);
    },

    async correlate(user: SessionUser, key: string, runId: string, messageName: string, variables: Record<string, unknown>): Promise<PlayState & { consumed: boolean }> {
      const r = await ask(key, runId, () => handle(user, key, runId).executeUpdate(correlateMessageUpdate, { args: [{ messageName, variables }] }), 'play.messageRefused');
      return { ...(await state(user, key, runId)), consumed: r.consumed };
    },

    async fireTimer(user: SessionUser, key: string, runId: string, elementId: string): Promise<PlayState> {
      await ask(key, runId, () => handle(user, key, runId).executeUpdate(fireTimerUpdate, { args: [{ elementId }] }), 'play.timerNotWaiting');
      return state(user, key, runId);
    },

    /** 结束试运行: the run ends at once (a run left alone ends itself after SANDBOX_LIFETIME). */
    async end(user: SessionUser, key: string, runId: string): Promise<void> {
      await ask(
        key,
        runId,
        async () => {
          const h = handle(user, key, runId);
          const d = await h.describe();
          if (d.status.name === 'RUNNING') await h.terminate('结束试运行');
        },
        'play.notFound',
      );
    },
  };
}

export type PlayService = ReturnType<typeof createPlayService>;
