// The contract between Shouwen and a team's own job worker (Camunda's job-worker model on
// Temporal): a service task whose type Shouwen does not ship is a Temporal activity named by
// that type, scheduled on a job task queue. A worker in any Temporal SDK registers an activity of
// that name on that queue, takes one JobInput and returns an object of variables. README
// ("External job workers") documents it for people writing workers; keep the two in step.

/** The queue jobs go to when neither the deployment (JOB_TASK_QUEUE) nor the task (shouwen:jobTaskQueue) names one. */
export const DEFAULT_JOB_TASK_QUEUE = 'shouwen-jobs';

/** Attempts when the diagram gives no `zeebe:taskDefinition retries` (Camunda's default). */
export const DEFAULT_JOB_RETRIES = 3;

/**
 * How long a job may wait for a worker to take it before it becomes an incident (a worker that
 * is not running, or registered on another queue, is seen on the case page instead of a case
 * that waits without a word; the deployment may change it with JOB_WORKER_WAIT_SECONDS); and how
 * long one attempt may run once taken.
 */
export const JOB_WORKER_WAIT_SECONDS = 600;
export const JOB_START_TO_CLOSE = '5 minutes';

/** What a job worker's activity receives (its only argument). */
export interface JobInput {
  /** `<caseId>/<elementId>/<n>`: the same on every retry of this job, new each time the task runs again. Use it to make side effects idempotent. */
  jobKey: string;
  /** The `zeebe:taskDefinition type` (also the activity's name). */
  type: string;
  caseId: string;
  processKey: string;
  processVersion: number;
  businessKey: string;
  elementId: string;
  elementName: string | null;
  /** The input mappings' results; without input mappings, every case variable (Camunda's default). */
  variables: Record<string, unknown>;
  /** zeebe:taskHeaders, as written in the diagram. */
  headers: Record<string, string>;
  /** Attempts allowed (retries); the SDK's activity info tells which attempt this is. */
  retries: number;
}

/** What it returns: variables, written through the output mappings (or merged into the case without them). */
export type JobResult = Record<string, unknown> | null | undefined;
