import { patched, proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ServiceTaskFn } from '../../activities/service-tasks';
import type { DecisionActivities } from '../../activities/decisions';
import { DEFAULT_JOB_RETRIES, JOB_START_TO_CLOSE, type JobInput, type JobResult } from '../../bpmn/job-worker';

// The one place the engine's activity options live. They are recorded in every
// ActivityTaskScheduled event, so changing a value changes the histories cases write
// (replay still passes, but the recorded fixtures would no longer match new runs).

/** Projections, the calendar and process lookups: short, retried until they succeed. */
export const engineActivityOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};

/**
 * Projection writes as local activities (issue 19): they run in the worker that runs the case,
 * inside the workflow task that asked for them, and their result is one marker in the history,
 * instead of a round trip worker → server → worker (activity task, then a new workflow task) each.
 * Safe because every projection is an idempotent keyed write (db/tasks.ts, db/cases.ts): a local
 * activity may run again when a workflow task fails before its marker is recorded.
 *
 * Retried like the remote ones, without a limit and without an overall deadline, so a projection
 * that meets PostgreSQL restarting still ends in the write succeeding. Backoffs stay under the
 * local retry threshold (1 minute): the worker retries in place and keeps the workflow task alive
 * meanwhile (the SDK heartbeats it). A data error still fails at once (activities/data-errors.ts).
 */
export const projectionLocalActivityOptions: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};

/** Cases started before it keep their remote projection activities on replay. */
export const PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH = 'projections-as-local-activities';

/** The projection activities: every one an idempotent keyed write, so running it twice is harmless. */
export const PROJECTIONS = [
  'projectCaseStarted',
  'projectTaskOpened',
  'projectTaskCompleted',
  'projectTaskCancelled',
  'projectTaskAssigned',
  'projectTaskEscalated',
  'projectCaseMilestone',
  'projectCaseMigrated',
  'projectIncidentRaised',
  'projectIncidentResolved',
  // Not projectCaseEnded: as a local activity the case completes in the very workflow task that
  // cancels its last waits, so their clean-up (closeMessageSubscription, an activity) is scheduled
  // with the completion and never runs (test/engine/signals.test.ts, event-sub-processes.test.ts).
] as const satisfies ReadonlyArray<keyof Activities>;

const remoteActivities = proxyActivities<Activities>(engineActivityOptions);
const localProjections = proxyLocalActivities<Activities>(projectionLocalActivityOptions);
const projectionNames: ReadonlySet<string> = new Set(PROJECTIONS);

/**
 * Every engine activity (projections, calendar, process lookup) through one object. A projection
 * decides at the call (patched() is asked then, so a replayed history written before the patch
 * takes the remote path at the same point it took it then) whether it runs locally.
 */
export const engineActivities: Activities = new Proxy(remoteActivities, {
  get(remote, name, receiver) {
    if (typeof name !== 'string' || !projectionNames.has(name)) return Reflect.get(remote, name, receiver) as unknown;
    return (...args: unknown[]) => {
      const via = patched(PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH) ? localProjections : remote;
      return (via[name as keyof Activities] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
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
  proxyActivities<Record<string, ServiceTaskFn>>(serviceTaskOptions(retries))[taskType]!;

/** DMN evaluation: a few attempts for the database; a decision that cannot give a result fails at once (an incident). */
export const decisionActivities = proxyActivities<DecisionActivities>(serviceTaskOptions(3));

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
  proxyActivities<Record<string, (input: JobInput) => Promise<JobResult>>>(jobOptions(taskQueue, retries, waitSeconds))[taskType]!;
