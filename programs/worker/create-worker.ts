import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { Db } from '../../db/pool';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** A prebuilt workflow bundle (tests build it once); otherwise the worker bundles workflows/. */
  workflowBundlePath?: string;
  identity?: string;
  /** Temporal's workflow cache size; the SDK's memory-based default when unset. */
  maxCachedWorkflows?: number;
}

export function createShouwenWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    ...(deps.identity ? { identity: deps.identity } : {}),
    ...(deps.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: deps.maxCachedWorkflows } : {}),
    activities: createActivities({ db: deps.db }),
    ...(deps.workflowBundlePath ? { workflowBundle: { codePath: deps.workflowBundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
