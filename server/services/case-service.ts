import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { CaseWrites } from '../../db/cases';
import { correlateMessageUpdate, type BpmnProcessInput, type CaseStateView, type CorrelateMessageResult } from '../../workflows/bpmn/messages';
import { BusinessKey, CaseStatus, CustomerId, ProcessKey, ProcessVersion } from '../../workflows/search-attributes';
import { conflict, HttpProblem, notFound, unprocessable } from '../http/problem';
import type { CaseEventInput } from '../../db/case-events';
import { shanghaiDate } from '../../domain/china-time';
import { startsByHand, type CandidateScope, type ProcessModel } from '../../bpmn/model';
import { validateFormData, type FormSchema } from '../../bpmn/form-data';
import { isSignalMailboxName, signalMailboxName } from '../../bpmn/mailbox';
import { mayAct, maySendAnyMessage } from '../../policy/capabilities';
import { awaitingFromActive, undeclaredVariables, waitsFor, type MessageWait } from '../../policy/messages';
import type { SessionUser } from '../../db/users';
import type { ProcessRepository } from '../../db/processes';
import type { TemporalAccess } from '../temporal/client';
import { queryCaseState } from '../temporal/case-state';
import type { IdempotentOperation } from '../http/idempotency';
import { PATCH_LEVEL } from '../../workflows/bpmn/patch-level';

/** Memo field naming the idempotent request that started a case's workflow. */
const START_OPERATION_MEMO = 'startOperation';

export interface StartCaseRequest {
  processKey: string;
  /** Latest when omitted. */
  version?: number;
  title: string;
  businessKey?: string;
  customerId?: string | null;
  variables?: Record<string, unknown>;
}

export interface StartedCase {
  id: string;
  businessKey: string;
  processKey: string;
  processVersion: number;
}

/** JSON size a message's variables may have: more made Temporal refuse the Update ("grpc message too large") and fail the case. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** 413 `message.tooLarge` past MAX_MESSAGE_BYTES of JSON variables. */
export function assertMessageSize(variables: Record<string, unknown>): void {
  const bytes = Buffer.byteLength(JSON.stringify(variables));
  if (bytes <= MAX_MESSAGE_BYTES) return;
  const message = `at most ${MAX_MESSAGE_BYTES / 1024} KB of JSON (${Math.ceil(bytes / 1024)} KB sent)`;
  throw new HttpProblem(413, 'Content Too Large', `The message's variables are too large: ${message}.`, {
    code: 'message.tooLarge',
    params: { kilobytes: MAX_MESSAGE_BYTES / 1024, sentKilobytes: Math.ceil(bytes / 1024) },
    limit: MAX_MESSAGE_BYTES,
    errors: [{ path: 'body.variables', message }],
  });
}

const messageNameOf = (model: ProcessModel, id: string): string => {
  const el = model.elements[id];
  return el && (el.type === 'intermediateCatchEvent' || el.type === 'boundaryEvent' || el.type === 'startEvent') && el.trigger?.kind === 'message' ? el.trigger.messageName : '';
};

/** 20261202-1A2B3C4D: the day the case was started, in China (as people there read it), and a random part. */
export function newBusinessKey(now = new Date()): string {
  const day = shanghaiDate(now).replaceAll('-', '');
  return `${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
}


/**
 * A start event with a form (zeebe:formDefinition, the 新建 dialog shows it): the start variables are
 * its data, checked by the same rules as a task's form before any case exists, so a request that
 * bypasses the console cannot start a case with data the form would refuse.
 */
function checkStartForm(model: ProcessModel, forms: Record<string, FormSchema>, variables: Record<string, unknown>): void {
  const start = model.elements[model.startEventId];
  const form = start?.type === 'startEvent' && start.formId ? forms[start.formId] : undefined;
  if (!form) return;
  const problems = validateFormData(form, variables, Date.now());
  if (!problems.length) return;
  throw unprocessable(problems.map((p) => p.message).join('; '), {
    code: 'form.invalid',
    params: { count: problems.length },
    errors: problems.map((p) => ({ path: `body.variables.${p.path}`, message: p.message, code: p.code, params: p.params })),
  });
}

export function createCaseService(deps: {
  temporal: TemporalAccess;
  processes: ProcessRepository;
  /** The same idempotent write the workflow's own projection makes. */
  caseWrites: Pick<CaseWrites, 'started'>;
  customers: { exists(id: string): Promise<boolean> };
  /** Whether a user holds one of the roles where a step of the unit looks for it (db/users.ts). */
  roles: { holdsRoleWithin(userId: string, roles: readonly string[], unitId: string, scope: CandidateScope): Promise<boolean> };
  /** The audit trail: who sent which message (db/case-events.ts). */
  caseEvents: { append(e: CaseEventInput): Promise<void>; find(key: string): Promise<{ caseId: string; payload: Record<string, unknown> } | undefined> };
}) {
  const { temporal, processes, caseWrites, customers, roles, caseEvents } = deps;

  /** Whether the workflow with this id was started by the operation (an earlier attempt of this request). */
  async function startedBy(workflowId: string, operationId: string): Promise<boolean> {
    const described = await temporal.client.workflow.getHandle(workflowId).describe();
    return described.memo?.[START_OPERATION_MEMO] === operationId;
  }

  /** May `user` register a message any of `waits` is waiting for, in a case of unit `unitId`? */
  async function maySend(user: SessionUser, unitId: string, waits: MessageWait[]): Promise<boolean> {
    if (maySendAnyMessage(user)) return true;
    for (const w of waits) {
      if (w.senderUsers.includes(user.id)) return true;
      if (await roles.holdsRoleWithin(user.id, w.senderRoles, unitId, w.senderScope)) return true;
    }
    return false;
  }

  return {
    /**
     * Starts a case on a pinned process version; the model travels in the workflow input.
     *
     * Start and projection are one outcome by making both idempotent rather than one transaction
     * (PostgreSQL and Temporal share none). The workflow goes first because it is the source of
     * truth and already projects its own start (`projectCaseStarted`, retried until the database
     * takes it); the API writes the same row too only so the very next read sees the case. With
     * an idempotency key (`op`), the business key is fixed once and remembered, so a repeat after
     * any failure targets the same workflow id: Temporal refuses a second start (also after the
     * case ended: REJECT_DUPLICATE), the memo proves the running one is ours, and the repeat
     * attaches to it and writes the projection the failed attempt may have missed.
     */
    async start(user: SessionUser, req: StartCaseRequest, op?: IdempotentOperation, startAt?: string, by: { system?: boolean } = {}): Promise<StartedCase> {
      const definition = await processes.get(req.processKey, req.version);
      if (!definition) {
        throw req.version === undefined
          ? notFound(`No deployed process "${req.processKey}".`, { code: 'process.notDeployed', params: { processKey: req.processKey } })
          : notFound(`Process "${req.processKey}" has no version ${req.version}.`, { code: 'process.noVersion', params: { processKey: req.processKey, version: req.version } });
      }
      // A process without a plain start event begins only when its message arrives (POST /api/messages) or on its schedule.
      const first = definition.model.elements[definition.model.startEventId];
      if (!startAt && first?.type === 'startEvent' && first.trigger) {
        throw unprocessable(`Process "${req.processKey}" starts by a message or signal only.`, { code: 'process.startsByMessage', params: { processKey: req.processKey } });
      }
      // by.system: a route of the product starts it on the user's behalf (decision-change on a proposal).
      if (!startAt && !by.system && !startsByHand(definition.model)) {
        throw unprocessable(`Process "${definition.key}" is started by the system only (its schedule, or shouwen:manualStart="false"); not by hand.`, { code: 'process.noManualStart', params: { processKey: definition.key } });
      }
      if (req.customerId && !(await customers.exists(req.customerId))) {
        throw unprocessable(`No customer ${req.customerId}.`, {
          code: 'customer.notFound',
          params: { customerId: req.customerId },
          errors: [{ path: 'body.customerId', message: 'unknown customer', code: 'customer.notFound', params: { customerId: req.customerId } }],
        });
      }
      checkStartForm(definition.model, definition.forms, req.variables ?? {});
      const fixed = <T>(name: string, compute: () => T): Promise<T> | T => (op ? op.remember(name, compute) : compute());
      const businessKey = req.businessKey ?? (await fixed('businessKey', () => newBusinessKey()));
      const startedAt = await fixed('startedAt', () => new Date().toISOString());
      const workflowId = `${definition.key}/${businessKey}`;
      const input: BpmnProcessInput = {
        model: definition.model,
        processVersion: definition.version,
        forms: definition.forms,
        businessKey,
        title: req.title,
        initiatorId: user.id,
        unitId: user.unitId,
        customerId: req.customerId ?? null,
        variables: { ...(req.variables ?? {}), businessKey, initiator: user.id },
        startedAt,
        ...(startAt ? { startAt } : {}),
        jobTaskQueue: temporal.jobTaskQueue,
        ...(temporal.jobWorkerWaitSeconds !== undefined && { jobWorkerWaitSeconds: temporal.jobWorkerWaitSeconds }),
        patchLevel: PATCH_LEVEL,
      };
      try {
        await temporal.client.workflow.start('bpmnProcess', {
          taskQueue: temporal.taskQueue,
          workflowId,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [input],
          ...(op ? { memo: { [START_OPERATION_MEMO]: op.operationId } } : {}),
          typedSearchAttributes: [
            { key: ProcessKey, value: definition.key },
            { key: ProcessVersion, value: definition.version },
            { key: BusinessKey, value: businessKey },
            { key: CaseStatus, value: 'running' },
            ...(req.customerId ? [{ key: CustomerId, value: req.customerId }] : []),
          ],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        if (!op || !(await startedBy(workflowId, op.operationId))) throw conflict(`A case with business key ${businessKey} already exists.`, { code: 'case.duplicateBusinessKey', params: { businessKey } });
      }
      await caseWrites.started({
        caseId: workflowId,
        processKey: definition.key,
        processVersion: definition.version,
        businessKey,
        title: req.title,
        initiatorId: user.id,
        unitId: user.unitId,
        customerId: req.customerId ?? null,
        startedAt,
      });
      return { id: workflowId, businessKey, processKey: definition.key, processVersion: definition.version };
    },

    /**
     * Delivers a message (a customer reply, a signature) to a running case, after four checks made
     * before Temporal sees it: its size, that a catch event waits for it now, that the sender holds
     * a role that event names, and that it carries only the variables that event declares. The
     * sender is written to the audit trail. A repeated request (same idempotency key) gets the
     * first answer again.
     */
    /**
     * `subscribedAt`: the catch elements a subscription row says wait for it. A signal's waits are
     * known only that way (the state lists the message waits a person may register, not signals).
     */
    async correlate(user: SessionUser, found: { id: string; status: string; processKey: string; processVersion: number; unitId: string }, messageName: string, variables: Record<string, unknown>, idempotencyKey?: string, subscribedAt?: string[]): Promise<CorrelateMessageResult> {
      assertMessageSize(variables);
      const eventKey = idempotencyKey ? `${found.id}/message/${idempotencyKey}` : undefined;
      const earlier = eventKey ? await caseEvents.find(eventKey) : undefined;
      if (earlier && earlier.caseId === found.id) return { consumed: earlier.payload.consumed === true };
      // After the look-up: a retry of a message that ended the case still gets its first answer.
      if (found.status !== 'running') throw conflict(`Case ${found.id} is ${found.status}.`, { code: 'case.notRunning', params: { caseId: found.id, status: found.status } });

      const [definition, state] = await Promise.all([processes.get(found.processKey, found.processVersion), this.state(found.id)]);
      if (!definition) throw notFound(`Process "${found.processKey}" has no version ${found.processVersion}.`, { code: 'process.noVersion', params: { processKey: found.processKey, version: found.processVersion } });
      const awaiting = isSignalMailboxName(messageName) ? (subscribedAt ?? []) : (state.awaitingMessages ?? awaitingFromActive(definition.model, state.activeElements));
      const waits = waitsFor(definition.model, awaiting, messageName);
      if (!waits.length) {
        const awaited = [...new Set(awaiting.flatMap((id) => waitsFor(definition.model, [id], messageNameOf(definition.model, id)).map((w) => w.messageName)))];
        throw new HttpProblem(409, 'Conflict', `Nothing in case ${found.id} waits for the message "${messageName}" now${awaited.length ? `; it waits for: ${awaited.join(', ')}` : ''}.`, {
          code: 'message.notAwaited',
          params: { messageName, awaited },
          messageName,
          awaited,
        });
      }
      if (!(await maySend(user, found.unitId, waits))) {
        const roleList = [...new Set(waits.flatMap((w) => w.senderRoles))];
        throw new HttpProblem(403, 'Forbidden', `You may not register the message "${messageName}" in this case${roleList.length ? `: it is registered by ${roleList.join(', ')}` : ''}.`, {
          code: 'message.notAllowed',
          params: { messageName, roles: roleList },
          messageName,
          roles: roleList,
        });
      }
      const undeclared = undeclaredVariables(waits, variables);
      if (undeclared.length) {
        const accepted = [...new Set(waits.flatMap((w) => w.accepts))];
        throw new HttpProblem(400, 'Bad Request', `The message "${messageName}" does not declare ${undeclared.join(', ')}; it accepts ${accepted.length ? accepted.join(', ') : 'no variables'}.`, {
          code: 'message.undeclaredVariables',
          params: { messageName, undeclared, accepted },
          accepted,
          errors: undeclared.map((name) => ({ path: `body.variables.${name}`, message: 'not declared by the catch event', code: 'message.undeclaredVariable', params: { name } })),
        });
      }

      const updateId = idempotencyKey ?? randomUUID();
      let result: CorrelateMessageResult;
      try {
        result = await temporal.client.workflow.getHandle(found.id).executeUpdate(correlateMessageUpdate, { updateId, args: [{ messageName, variables }] });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`Case ${found.id} is not running.`, { code: 'case.notRunning', params: { caseId: found.id } });
        if (err instanceof WorkflowUpdateFailedError) throw unprocessable(err.cause?.message ?? err.message, { code: 'message.refused', params: { messageName } });
        throw err;
      }
      // After the case took it: the trail never shows a message the case did not receive. (A crash
      // between the two loses this entry, not the message; the workflow history still has it.)
      const signal = isSignalMailboxName(messageName);
      await caseEvents.append({
        key: eventKey ?? `${found.id}/message/${updateId}`,
        caseId: found.id,
        kind: signal ? 'signal.received' : 'message.received',
        actorId: user.id,
        payload: { ...(signal ? { signalName: messageName.slice(signalMailboxName('').length) } : { messageName }), variables, elementIds: waits.map((w) => w.elementId), consumed: result.consumed },
      });
      return result;
    },

    maySend,

    /** The message catch elements of `state` whose message `user` may register now (the 登记 buttons the case page shows). */
    async registrableMessages(user: SessionUser, found: { status: string; processKey: string; processVersion: number; unitId: string }, state: CaseStateView): Promise<string[]> {
      if (!mayAct(user) || found.status !== 'running' || state.status !== 'running') return [];
      const definition = await processes.get(found.processKey, found.processVersion);
      if (!definition) return [];
      const out: string[] = [];
      for (const id of state.awaitingMessages ?? awaitingFromActive(definition.model, state.activeElements)) {
        const waits = waitsFor(definition.model, [id], messageNameOf(definition.model, id));
        if (waits.length && (await maySend(user, found.unitId, waits))) out.push(id);
      }
      return out;
    },

    async state(caseId: string): Promise<CaseStateView> {
      try {
        return await queryCaseState(temporal.client.workflow.getHandle(caseId), { timeoutMs: temporal.stateQueryTimeoutMs });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`No case ${caseId} in Temporal.`, { code: 'case.notFound', params: { caseId } });
        throw err;
      }
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
