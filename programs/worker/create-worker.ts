import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createSandboxActivities } from '../../activities/sandbox';
import { sandboxTaskQueue } from '../../bpmn/sandbox';
import type { Db } from '../../db/pool';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../../server/temporal/workflow-bundle';
import { enableLinearRegExpFallback } from '../../server/util/linear-regexp';

export { WORKFLOWS_PATH };

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** A prebuilt workflow bundle (tests build it once); otherwise the worker bundles workflows/. */
  workflowBundlePath?: string;
  /** A workflow bundle's code (bundleWorkflowCode), e.g. one built once for the case and sandbox workers. */
  workflowCode?: string;
  identity?: string;
  /** Temporal's workflow cache size; the SDK's memory-based default when unset. */
  maxCachedWorkflows?: number;
  /** Workflow tasks this worker runs at once (WORKER_MAX_CONCURRENT_WORKFLOW_TASKS); DEFAULT_WORKFLOW_TASK_SLOTS when unset. */
  maxConcurrentWorkflowTasks?: number;
}

/**
 * Workflow tasks one worker takes at once. The SDK's default (40) let a 2-core worker poll 40 cases'
 * activations at concurrency 128 and run them in turn on its one workflow thread: the last waited
 * more than the 10 s workflow-task timeout, the server handed them out again and the finished work
 * was thrown away (B1 collapsed, bench/results/engine-profile-2026-12-01.md). Bounded, the tasks
 * wait on the server, where waiting costs nothing, and each one taken is finished in time; run
 * more workers (or raise it on more cores) for more.
 */
export const DEFAULT_WORKFLOW_TASK_SLOTS = 16;

/** The worker options every Shouwen worker shares (the product's, the sandbox's, the benchmark's). */
export function workerTuning(deps: Pick<WorkerDeps, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTasks'>) {
  return {
    maxConcurrentWorkflowTaskExecutions: deps.maxConcurrentWorkflowTasks ?? DEFAULT_WORKFLOW_TASK_SLOTS,
    ...(deps.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: deps.maxCachedWorkflows } : {}),
  };
}

/** The prebuilt bundle given, else the workflows bundled by this worker. */
function workflowSource(deps: Pick<WorkerDeps, 'workflowBundlePath' | 'workflowCode'>): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  if (deps.workflowBundlePath) return { workflowBundle: { codePath: deps.workflowBundlePath } };
  if (deps.workflowCode !== undefined) return { workflowBundle: { code: deps.workflowCode } };
  return { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } };
}

export function createShouwenWorker(deps: WorkerDeps): Promise<Worker> {
  enableLinearRegExpFallback();
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    ...(deps.identity ? { identity: deps.identity } : {}),
    ...workerTuning(deps),
    activities: createActivities({ db: deps.db }),
    ...workflowSource(deps),
  });
}

/**
 * The worker of 试运行 runs (issue 18 §8): the same workflows on `<taskQueue>-sandbox`, with
 * activities that read but never write or notify (activities/sandbox.ts).
 */
export function createSandboxWorker(deps: WorkerDeps): Promise<Worker> {
  enableLinearRegExpFallback();
  const names = Object.keys(createActivities({ db: deps.db }));
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: sandboxTaskQueue(deps.taskQueue),
    ...(deps.identity ? { identity: `${deps.identity}-sandbox` } : {}),
    ...workerTuning(deps),
    activities: createSandboxActivities({ db: deps.db }, names),
    ...workflowSource(deps),
  });
}
