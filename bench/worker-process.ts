import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createPool } from '../db/pool';
import { createShouwenWorker } from '../programs/worker/create-worker';
import { serveChild } from './child';

// The memory benchmark's worker: the product's worker (createShouwenWorker, default options) in a
// process of its own, so its RSS is the worker's alone.

Runtime.install({ logger: new DefaultLogger('ERROR') });
const db = createPool(process.env.BENCH_DATABASE_URL!, 10);
const connection = await NativeConnection.connect({ address: process.env.BENCH_TEMPORAL_ADDRESS! });
const worker = await createShouwenWorker({
  connection,
  namespace: 'default',
  taskQueue: process.env.BENCH_TASK_QUEUE!,
  db,
  workflowBundlePath: process.env.BENCH_WORKFLOW_BUNDLE,
});
const running = worker.run();
serveChild({ maxCachedWorkflows: worker.options.maxCachedWorkflows }, async () => {
  worker.shutdown();
  await running;
  await connection.close();
  await db.end();
});
