import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { CaseWrites } from '../../db/cases';
import { caseStateQuery, correlateMessageUpdate, type BpmnProcessInput, type CaseStateView, type CorrelateMessageResult } from '../../workflows/bpmn/messages';
import { BusinessKey, CaseStatus, CustomerId, ProcessKey, ProcessVersion } from '../../workflows/search-attributes';
import { conflict, notFound, unprocessable } from '../http/problem';
import type { SessionUser } from '../../db/users';
import type { ProcessRepository } from '../../db/processes';
import type { TemporalAccess } from '../temporal/client';
import type { IdempotentOperation } from '../http/idempotency';

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

function newBusinessKey(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

export function createCaseService(deps: {
  temporal: TemporalAccess;
  processes: ProcessRepository;
  /** The same idempotent write the workflow's own projection makes. */
  caseWrites: Pick<CaseWrites, 'started'>;
  customers: { exists(id: string): Promise<boolean> };
}) {
  const { temporal, processes, caseWrites, customers } = deps;

  /** Whether the workflow with this id was started by the operation (an earlier attempt of this request). */
  async function startedBy(workflowId: string, operationId: string): Promise<boolean> {
    const described = await temporal.client.workflow.getHandle(workflowId).describe();
    return described.memo?.[START_OPERATION_MEMO] === operationId;
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
    async start(user: SessionUser, req: StartCaseRequest, op?: IdempotentOperation): Promise<StartedCase> {
      const definition = await processes.get(req.processKey, req.version);
      if (!definition) {
        throw notFound(req.version === undefined ? `No deployed process "${req.processKey}".` : `Process "${req.processKey}" has no version ${req.version}.`);
      }
      if (req.customerId && !(await customers.exists(req.customerId))) {
        throw unprocessable(`No customer ${req.customerId}.`, { errors: [{ path: 'body.customerId', message: 'unknown customer' }] });
      }
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
        if (!op || !(await startedBy(workflowId, op.operationId))) throw conflict(`A case with business key ${businessKey} already exists.`);
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

    /** Delivers a message (a customer reply, a document) to the case; buffered if nothing waits yet. */
    async correlate(caseId: string, messageName: string, variables: Record<string, unknown>, operationId?: string): Promise<CorrelateMessageResult> {
      try {
        return await temporal.client.workflow.getHandle(caseId).executeUpdate(correlateMessageUpdate, {
          updateId: operationId ?? randomUUID(),
          args: [{ messageName, variables }],
        });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`Case ${caseId} is not running.`);
        if (err instanceof WorkflowUpdateFailedError) throw unprocessable(err.cause?.message ?? err.message);
        throw err;
      }
    },

    async state(caseId: string): Promise<CaseStateView> {
      try {
        return await temporal.client.workflow.getHandle(caseId).query(caseStateQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`No case ${caseId} in Temporal.`);
        throw err;
      }
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
