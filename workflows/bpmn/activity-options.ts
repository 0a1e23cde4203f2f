import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ServiceTaskFn } from '../../activities/service-tasks';
import type { DecisionActivities } from '../../activities/decisions';
import { DEFAULT_JOB_RETRIES, JOB_START_TO_CLOSE, type JobInput, type JobResult } from '../../bpmn/job-worker';
import { isProjectionKind, type ProjectionWrite } from './projection-batch';
import { afterWrites, projectionQueue } from './projection-queue';

// The one place the engine's activity options live. They are recorded in every
// ActivityTaskScheduled event, so changing a value changes the histories cases write
// (replay still passes, but the recorded fixtures would no longer match new runs).

/** Projections, the calendar and process lookups: short, retried until they succeed. */
export const engineActivityOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};

const engineProxy = proxyActivities<Activities>(engineActivityOptions);

/** A batch of projection writes (projection-queue.ts). */
export const sendProjections = (writes: ProjectionWrite[]): Promise<unknown[]> => engineProxy.projectBatch(writes);

/**
 * Wraps an activity so that, in a run that batches its projections, it starts only once the
 * projections queued before it are written (projection-queue.ts).
 */
const ordered = <F extends (...args: never[]) => Promise<unknown>>(fn: F): F => ((...args: Parameters<F>) => afterWrites(() => fn(...args))) as F;

/**
 * Every engine activity (projections, calendar, process lookup) through one proxy. In a run that
 * batches, a projection joins the run's queue and every other activity waits for the queue.
 */
export const engineActivities: Activities = new Proxy(engineProxy, {
  get(target, name) {
    if (isProjectionKind(name)) {
      return (input: never) => {
        const queue = projectionQueue();
        return queue ? queue.write({ kind: name, input } as ProjectionWrite) : target[name](input);
      };
    }
    const fn = target[name as keyof Activities] as ((...args: never[]) => Promise<unknown>) | undefined;
    return typeof fn === 'function' ? ordered(fn) : fn;
  },
});

/** A diagram's service task: longer, and its `retries` bounds the attempts. */
export function serviceTaskOptions(retries: number | undefined): ActivityOptions {
  return {
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', ...(retries !== undefined ? { maximumAttempts: Math.max(1, retries) } : {}) },
  };
}

/** The service-task activity named by a diagram's task type. */
export const serviceTaskActivity = (taskType: string, retries: number | undefined): ServiceTaskFn =>
  ordered(proxyActivities<Record<string, ServiceTaskFn>>(serviceTaskOptions(retries))[taskType]!);

/** DMN evaluation: a few attempts for the database; a decision that cannot give a result fails at once (an incident). */
const decisionProxy = proxyActivities<DecisionActivities>(serviceTaskOptions(3));
export const decisionActivities: DecisionActivities = { evaluateDecision: ordered(decisionProxy.evaluateDecision) };

/**
 * A job for a team's own worker (bpmn/job-worker.ts): on the job queue, `retries` attempts (3 when
 * the diagram says none, as in Camunda), and a bound on the wait for a worker to take it, so a
 * missing worker becomes an incident rather than a case that waits silently.
 */
export function jobOptions(taskQueue: string, retries: number | undefined, waitSeconds: number): ActivityOptions {
  return {
    taskQueue,
    scheduleToStartTimeout: waitSeconds * 1000,
    startToCloseTimeout: JOB_START_TO_CLOSE,
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: jobAttempts(retries) },
  };
}

export const jobAttempts = (retries: number | undefined): number => Math.max(1, retries ?? DEFAULT_JOB_RETRIES);

/** The job worker's activity named by the task type. */
export const jobActivity = (taskType: string, taskQueue: string, retries: number | undefined, waitSeconds: number): ((input: JobInput) => Promise<JobResult>) =>
  ordered(proxyActivities<Record<string, (input: JobInput) => Promise<JobResult>>>(jobOptions(taskQueue, retries, waitSeconds))[taskType]!);
