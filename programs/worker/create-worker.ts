import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createSandboxActivities } from '../../activities/sandbox';
import { sandboxTaskQueue } from '../../bpmn/sandbox';
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

/**
 * The worker of 试运行 runs (issue 18 §8): the same workflows on `<taskQueue>-sandbox`, with
 * activities that read but never write or notify (activities/sandbox.ts).
 */
export function createSandboxWorker(deps: WorkerDeps): Promise<Worker> {
  const names = Object.keys(createActivities({ db: deps.db }));
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: sandboxTaskQueue(deps.taskQueue),
    ...(deps.identity ? { identity: `${deps.identity}-sandbox` } : {}),
    ...(deps.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: deps.maxCachedWorkflows } : {}),
    activities: createSandboxActivities({ db: deps.db }, names),
    ...(deps.workflowBundlePath ? { workflowBundle: { codePath: deps.workflowBundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
