import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { CaseWrites } from '../../db/cases';
import { caseStateQuery, correlateMessageUpdate, type BpmnProcessInput, type CaseStateView, type CorrelateMessageResult } from '../../workflows/bpmn/messages';
import { BusinessKey, CaseStatus, CustomerId, ProcessKey, ProcessVersion } from '../../workflows/search-attributes';
import { conflict, notFound, unprocessable } from '../http/problem';
import type { SessionUser } from '../../db/users';
import type { ProcessRepository } from '../../db/processes';
import type { TemporalAccess } from '../temporal/client';

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
  return {
    /** Starts a case on a pinned process version; the model travels in the workflow input. */
    async start(user: SessionUser, req: StartCaseRequest): Promise<StartedCase> {
      const definition = await processes.get(req.processKey, req.version);
      if (!definition) {
        throw notFound(req.version === undefined ? `No deployed process "${req.processKey}".` : `Process "${req.processKey}" has no version ${req.version}.`);
      }
      if (req.customerId && !(await customers.exists(req.customerId))) {
        throw unprocessable(`No customer ${req.customerId}.`, { errors: [{ path: 'body.customerId', message: 'unknown customer' }] });
      }
      const businessKey = req.businessKey ?? newBusinessKey();
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
        startedAt: new Date().toISOString(),
      };
      try {
        await temporal.client.workflow.start('bpmnProcess', {
          taskQueue: temporal.taskQueue,
          workflowId,
          args: [input],
          typedSearchAttributes: [
            { key: ProcessKey, value: definition.key },
            { key: ProcessVersion, value: definition.version },
            { key: BusinessKey, value: businessKey },
            { key: CaseStatus, value: 'running' },
            ...(req.customerId ? [{ key: CustomerId, value: req.customerId }] : []),
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) throw conflict(`A case with business key ${businessKey} already exists.`);
        throw err;
      }
      // The workflow projects its start too (idempotently); doing it here as well makes the case
      // visible to the very next read. Had this request died after the start, the workflow's
      // own projection would still write it.
      await caseWrites.started({
        caseId: workflowId,
        processKey: definition.key,
        processVersion: definition.version,
        businessKey,
        title: req.title,
        initiatorId: user.id,
        unitId: user.unitId,
        customerId: req.customerId ?? null,
        startedAt: input.startedAt,
      });
      return { id: workflowId, businessKey, processKey: definition.key, processVersion: definition.version };
    },

    /** Delivers a message (a customer reply, a document) to the case; buffered if nothing waits yet. */
    async correlate(caseId: string, messageName: string, variables: Record<string, unknown>, idempotencyKey?: string): Promise<CorrelateMessageResult> {
      try {
        return await temporal.client.workflow.getHandle(caseId).executeUpdate(correlateMessageUpdate, {
          updateId: idempotencyKey ?? randomUUID(),
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
