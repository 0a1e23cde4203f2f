import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createPool, NO_DB_TIMEOUTS, type Db } from '../db/pool';
import { startThrowawayStack, type ThrowawayStack } from '../programs/dev/throwaway-stack';
import { createTemporalAccess, type TemporalAccess } from '../server/temporal/client';
import { workerTuning } from '../programs/worker/create-worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../server/temporal/workflow-bundle';

export interface BenchStack {
  stack: ThrowawayStack;
  db: Db;
  temporal: TemporalAccess;
  workflowCode: string;
  /** Runs a worker (same settings for every variant) until the returned stop() is called. */
  worker(taskQueue: string): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };

export async function startBenchStack(): Promise<BenchStack> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed already
  }
  const stack = await startThrowawayStack({ adminDatabaseUrl: process.env.DATABASE_URL, name: 'bench' });
  const db = createPool(stack.databaseUrl, 20, NO_DB_TIMEOUTS);
  const temporal = createTemporalAccess({ address: stack.temporalAddress, namespace: 'default', taskQueue: 'bench' });
  const { code } = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quiet });
  return {
    stack,
    db,
    temporal,
    workflowCode: code,
    async worker(taskQueue) {
      const connection = await NativeConnection.connect({ address: stack.temporalAddress });
      const worker = await Worker.create({
        connection,
        namespace: 'default',
        taskQueue,
        // The product worker's own tuning (workflow-task slots), so B1 measures what ships.
        ...workerTuning({}),
        workflowBundle: { code },
        // The no-op activity stands for the diagram's service tasks (type "noop").
        activities: { ...createActivities({ db }), noop: async () => ({}) },
      });
      const running = worker.run();
      return {
        async stop() {
          worker.shutdown();
          await running;
          await connection.close();
        },
      };
    },
    async close() {
      await temporal.close();
      await db.end();
      await stack.stop();
    },
  };
}
