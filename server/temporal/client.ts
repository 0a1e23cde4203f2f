import { Client } from '@temporalio/client';
import { DEFAULT_JOB_TASK_QUEUE } from '../../bpmn/job-worker';
import { DEFAULT_STATE_QUERY_TIMEOUT_MS } from './case-state';
import { TemporalConnection } from './connection';

export interface TemporalAccess {
  client: Client;
  taskQueue: string;
  /** The queue the deployment's job workers poll (JOB_TASK_QUEUE); passed to every case it starts. */
  jobTaskQueue: string;
  /** JOB_WORKER_WAIT_SECONDS, likewise; undefined: the engine's default. */
  jobWorkerWaitSeconds?: number;
  /** How long the API waits for a case's state query before asking once more (then 503 `case.noAnswer`). */
  stateQueryTimeoutMs: number;
  /** true when the frontend answers within the deadline. */
  isHealthy(): Promise<boolean>;
  /** true when some worker has polled the case task queue lately (a crashed or stopped worker stops polling). */
  workerPolling(): Promise<boolean>;
  close(): Promise<void>;
}

/** A worker long-polls for up to a minute and polls again at once: a poll older than this means no worker. */
const POLLER_FRESH_MS = 90_000;

/**
 * A lazily connecting client: the API starts (and reports Temporal as down) even when the
 * cluster is not reachable yet, and reconnects by itself when it comes back.
 */
export function createTemporalAccess(opts: { address: string; namespace: string; taskQueue: string; jobTaskQueue?: string; jobWorkerWaitSeconds?: number; stateQueryTimeoutMs?: number }): TemporalAccess {
  const connection = TemporalConnection.lazy({ address: opts.address, connectTimeout: 2_000 });
  const client = new Client({ connection, namespace: opts.namespace });
  return {
    client,
    taskQueue: opts.taskQueue,
    stateQueryTimeoutMs: opts.stateQueryTimeoutMs ?? DEFAULT_STATE_QUERY_TIMEOUT_MS,
    jobTaskQueue: opts.jobTaskQueue ?? DEFAULT_JOB_TASK_QUEUE,
    ...(opts.jobWorkerWaitSeconds !== undefined && { jobWorkerWaitSeconds: opts.jobWorkerWaitSeconds }),
    async isHealthy() {
      try {
        await connection.withDeadline(Date.now() + 2_000, () => connection.healthService.check({}));
        return true;
      } catch {
        return false;
      }
    },
    async workerPolling() {
      try {
        const res = await connection.withDeadline(Date.now() + 2_000, () =>
          connection.workflowService.describeTaskQueue({
            namespace: opts.namespace,
            // 1 = TASK_QUEUE_KIND_NORMAL, 1 = TASK_QUEUE_TYPE_WORKFLOW (the proto enums; @temporalio/proto is not a direct dependency).
            taskQueue: { name: opts.taskQueue, kind: 1 },
            taskQueueType: 1,
          }),
        );
        const now = Date.now();
        return (res.pollers ?? []).some((p) => {
          const seconds = Number(p.lastAccessTime?.seconds ?? 0);
          return seconds > 0 && now - seconds * 1000 < POLLER_FRESH_MS;
        });
      } catch {
        return false;
      }
    },
    close: () => connection.close(),
  };
}
