import { Client, Connection } from '@temporalio/client';

export interface TemporalAccess {
  client: Client;
  taskQueue: string;
  /** true when the frontend answers within the deadline. */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A lazily connecting client: the API starts (and reports Temporal as down) even when the
 * cluster is not reachable yet, and reconnects by itself when it comes back.
 */
export function createTemporalAccess(opts: { address: string; namespace: string; taskQueue: string }): TemporalAccess {
  const connection = Connection.lazy({ address: opts.address, connectTimeout: 2_000 });
  const client = new Client({ connection, namespace: opts.namespace });
  return {
    client,
    taskQueue: opts.taskQueue,
    async isHealthy() {
      try {
        await connection.withDeadline(Date.now() + 2_000, () => connection.healthService.check({}));
        return true;
      } catch {
        return false;
      }
    },
    close: () => connection.close(),
  };
}
