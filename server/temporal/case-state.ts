import { status as GrpcStatus } from '@grpc/grpc-js';
import type { WorkflowHandle } from '@temporalio/client';
import { caseStateQuery, type CaseStateView } from '../../workflows/bpmn/messages';

/** The case's workflow did not answer its state query within the attempts' deadlines. */
export class CaseNoAnswer extends Error {
  constructor(
    readonly caseId: string,
    readonly seconds: number,
    options?: { cause?: unknown },
  ) {
    super(`Case ${caseId} did not answer within ${seconds} s (are the workers running?).`, options);
    this.name = 'CaseNoAnswer';
  }
}

/** How long the API waits for one state query (TemporalAccess.stateQueryTimeoutMs by default). */
export const DEFAULT_STATE_QUERY_TIMEOUT_MS = 5_000;

/**
 * A case's state query with a deadline, asked again once when it runs out.
 *
 * A query sent while a run hands over to its successor (continue-as-new: a migration, a long
 * case's fresh history) can go unanswered for good: seen on Temporal's time-skipping test server
 * under load (2 Dec; the query, asked again at once, is answered by the new run). Without a
 * deadline such a query would hold an API request, or a test, until it was killed. Out of
 * attempts it throws CaseNoAnswer, which the API answers as 503 `case.noAnswer`.
 */
export async function queryCaseState(handle: WorkflowHandle, { timeoutMs = DEFAULT_STATE_QUERY_TIMEOUT_MS, attempts = 2 }: { timeoutMs?: number; attempts?: number } = {}): Promise<CaseStateView> {
  for (let attempt = 1; ; attempt++) {
    const deadline = Date.now() + timeoutMs;
    try {
      return await handle.client.withDeadline(deadline, () => handle.query(caseStateQuery));
    } catch (err) {
      if (!ranOutOfTime(err, deadline)) throw err;
      if (attempt >= attempts) throw new CaseNoAnswer(handle.workflowId, Math.round((attempts * timeoutMs) / 1000), { cause: err });
    }
  }
}

/**
 * The call ended because its deadline passed: DEADLINE_EXCEEDED from the client, or CANCELLED when
 * the server (which is told the deadline) gave up first and reset the stream. The SDK wraps the gRPC
 * error of a query in its own (a ServiceError whose cause is the gRPC error).
 */
export function ranOutOfTime(err: unknown, deadline: number): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === GrpcStatus.DEADLINE_EXCEEDED || (code === GrpcStatus.CANCELLED && Date.now() >= deadline)) return true;
  }
  return false;
}
