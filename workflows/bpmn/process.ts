import {
  ActivityFailure,
  allHandlersFinished,
  ChildWorkflowFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { CaseStatus } from '../search-attributes';
import { FeelEvaluationError } from '../../bpmn/feel-eval';
import { engineActivities as projection, sendProjections } from './activity-options';
import { nextPass, ProjectionQueue, useProjectionQueue } from './projection-queue';
import { isPatched, PROJECTION_BATCHES_PATCH, usePatchLevel } from './patch-level';
import { CaseCancelledAtIncident } from './behaviours/incidents';
import { BpmnError, ProcessIncident } from './errors';
import { Interpreter } from './interpreter';
import { caseStateQuery, correlateMessageUpdate, fireTimerUpdate, migrateCaseUpdate, resolveIncidentUpdate, type BpmnProcessInput, type BpmnProcessResult } from './messages';
import { acceptMigration, checkMigration, migratedInput } from './behaviours/migration';

/**
 * One case of any deployed process: interprets the ProcessModel it was started with.
 * Modelling and data problems (an uncaught BPMN error, no gateway path, FEEL that fails)
 * fail the case with a clear reason; anything else is a bug and fails only the workflow
 * task, so Temporal retries it and a fixed worker can carry the case on.
 */
/** The first thing a run started by a migration does: the projections learn the case's new version and tasks. */
async function projectMigration(caseId: string, input: BpmnProcessInput): Promise<void> {
  const m = input.migration!;
  await projection.projectCaseMigrated({
    caseId,
    run: input.resume?.runs ?? 0,
    fromVersion: m.fromVersion,
    toVersion: m.toVersion,
    moves: m.moves,
    tasks: (input.resume?.tokens ?? []).flatMap((w) =>
      w.kind === 'task' ? [{ taskId: w.task.taskId, elementId: w.task.elementId, name: w.task.name, formId: w.task.formId, outcomes: w.task.outcomes, separationOfDuties: w.task.separationOfDuties }] : [],
    ),
    actorId: m.actorId,
    at: m.at,
    undo: m.undo,
    ...(m.note && { note: m.note }),
  });
}

export async function bpmnProcess(input: BpmnProcessInput): Promise<BpmnProcessResult> {
  usePatchLevel(input.patchLevel);
  // Asked once, first: whether this run batches its projection writes (projection-queue.ts).
  const queue = isPatched(PROJECTION_BATCHES_PATCH) ? new ProjectionQueue(sendProjections) : undefined;
  useProjectionQueue(queue);
  const caseId = workflowInfo().workflowId;
  const interpreter = new Interpreter(input);
  interpreter.tasks.install();
  setHandler(caseStateQuery, () => interpreter.state());
  setHandler(correlateMessageUpdate, (m) => ({ consumed: interpreter.deliver(m.messageName, m.variables ?? {}) }), {
    validator: (m) => {
      if (!m.messageName) throw ApplicationFailure.create({ type: 'BadMessage', message: 'messageName is required', nonRetryable: true });
    },
  });

  // 试运行: only a sandbox run's timers can be fired early, and only while a token waits at one.
  if (input.sandbox) {
    setHandler(
      fireTimerUpdate,
      async ({ elementId }) => {
        interpreter.firedTimers.add(elementId);
        await condition(() => !interpreter.firedTimers.has(elementId));
        return { fired: true };
      },
      {
        validator: ({ elementId }) => {
          if (!interpreter.waitingTimers.has(elementId)) throw ApplicationFailure.create({ type: 'TimerNotWaiting', message: `no timer waits at ${elementId}`, nonRetryable: true });
        },
      },
    );
  }

  // An incident's token waits for this (behaviours/incidents.ts); the answer comes once the
  // resolution is in the audit trail, so the API's next read sees it.
  setHandler(
    resolveIncidentUpdate,
    async (r) => {
      interpreter.incidentResolutions.set(r.incidentId, r);
      await condition(() => interpreter.incidentsProjected.has(r.incidentId));
      return { resolved: true, action: r.action };
    },
    {
      validator: (r) => {
        if (!interpreter.incidents.has(r.incidentId) || interpreter.incidentResolutions.has(r.incidentId)) {
          throw ApplicationFailure.create({ type: 'IncidentNotOpen', message: `incident ${r.incidentId} is not open in this case`, nonRetryable: true });
        }
      },
    },
  );

  // Moving the case to another version: checked here, carried out by the loop below at the next
  // moment every token is parked (behaviours/migration.ts).
  setHandler(
    migrateCaseUpdate,
    async (m) => {
      // An Update can arrive before this run has re-entered its waits (its first activation) or
      // while a token is between two waits: wait for a quiet moment rather than refuse at once.
      await condition(() => interpreter.root !== undefined && (interpreter.quiescent() || interpreter.status !== 'running'), '30 seconds');
      return acceptMigration(interpreter, checkMigration(interpreter, m));
    },
    { validator: (m) => void (interpreter.root && interpreter.quiescent() && checkMigration(interpreter, m)) },
  );

  const end = async (status: 'completed' | 'failed' | 'terminated', reason?: string) => {
    interpreter.status = status;
    upsertSearchAttributes([{ key: CaseStatus, value: status }]);
    // With batched writes the end would otherwise complete the run in the workflow task that stops
    // the last waits, and their clean-up would go out with the completion and never run.
    if (queue) await CancellationScope.nonCancellable(() => interpreter.cleanedUp());
    await CancellationScope.nonCancellable(() =>
      projection.projectCaseEnded({
        caseId,
        status,
        variables: interpreter.vars,
        endedAt: new Date().toISOString(),
        ...(reason ? { reason } : {}),
        ...(status === 'completed' && interpreter.lastEndEvent ? { endEvent: interpreter.lastEndEvent } : {}),
      }),
    );
    // And whatever a stopped wait queued after the end's write (a late withdrawal) goes out too.
    if (queue) await CancellationScope.nonCancellable(async () => (await nextPass(), queue.drained()));
  };

  // A continued run's case is already projected.
  if (!input.resume) {
    const started = projection.projectCaseStarted({
      caseId,
      processKey: input.model.key,
      processVersion: input.processVersion,
      businessKey: input.businessKey,
      title: input.title,
      initiatorId: input.initiatorId,
      ...(input.scheduledBy !== undefined && { ownerId: input.ownerId ?? null, scheduledBy: input.scheduledBy }),
      unitId: input.unitId,
      customerId: input.customerId ?? null,
      parentCaseId: input.parentCaseId ?? null,
      startedAt: input.startedAt,
    });
    // Batched, the start goes out with the first step's writes (a task opened, say) in one activity.
    if (queue) queue.defer(started);
    else await started;
  }

  // Long-lived cases (archive, relationship) would outgrow a history: when Temporal suggests it
  // (or past the configured size) and every token is parked, carry on in a fresh run.
  const limit = input.continueAsNewAfterEvents;
  const historyFull = () => workflowInfo().continueAsNewSuggested || (limit !== undefined && workflowInfo().historyLength >= limit);
  try {
    const running = interpreter.run();
    if (input.migration && !input.migration.projected) await projectMigration(caseId, input);
    for (;;) {
      const outcome = await Promise.race([
        running,
        ...(queue ? [queue.deferredFailure] : []),
        condition(() => (historyFull() || interpreter.pendingMigration !== undefined) && interpreter.quiescent() && allHandlersFinished()).then(() => 'continue' as const),
      ]);
      if (outcome !== 'continue') break;
      // Batched writes go out before the run hands over; tokens may move meanwhile, so look again after.
      if (queue && !queue.idle) {
        await queue.drained();
        continue;
      }
      // Tokens may have moved between the condition and now: snapshot only a state that is still quiescent.
      if (interpreter.quiescent() && allHandlersFinished()) {
        const pending = interpreter.pendingMigration;
        if (pending) {
          // Checked again: a token may have moved on since the Update was accepted.
          interpreter.pendingMigration = undefined;
          const now = new Date().toISOString();
          let plan: ReturnType<typeof checkMigration> | undefined;
          try {
            plan = checkMigration(interpreter, pending.input);
          } catch (err) {
            await projection.projectCaseMilestone({ caseId, key: `migration-abandoned/${workflowInfo().runId}`, kind: 'case.migrationAbandoned', actorId: pending.input.actorId, at: now, payload: { toVersion: pending.input.processVersion, reason: err instanceof Error ? err.message : String(err) } });
            continue;
          }
          await continueAsNew<typeof bpmnProcess>(migratedInput(interpreter, plan, now));
        }
        await continueAsNew<typeof bpmnProcess>({ ...input, variables: {}, resume: interpreter.snapshot(), ...(input.migration && { migration: { ...input.migration, projected: true } }) });
      }
    }
    await end('completed');
  } catch (err) {
    if (isCancellation(err)) {
      await end('terminated', 'cancelled');
      throw err;
    }
    if (err instanceof CaseCancelledAtIncident) {
      await end('terminated', `处理故障时取消：${err.comment}`);
      await condition(allHandlersFinished);
      return { status: 'terminated', variables: interpreter.vars };
    }
    if (err instanceof BpmnError) {
      await end('failed', `uncaught BPMN error ${err.code ?? ''} from ${err.elementId}`.trim());
      throw ApplicationFailure.create({ type: 'BpmnError', message: err.message, details: [err.code ?? null], nonRetryable: true });
    }
    if (err instanceof ActivityFailure || err instanceof ChildWorkflowFailure) {
      // A service task out of retries, or a child case that failed.
      await end('failed', err.cause?.message ?? err.message);
      throw err;
    }
    if (err instanceof ProcessIncident || err instanceof FeelEvaluationError) {
      await end('failed', err.message);
      throw ApplicationFailure.create({ type: 'ProcessIncident', message: err.message, nonRetryable: true });
    }
    throw err;
  }
  // Let in-flight Updates deliver their answers before the run closes.
  await condition(allHandlersFinished);
  return { status: 'completed', variables: interpreter.vars };
}
