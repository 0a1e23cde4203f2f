import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ServiceTaskFn } from '../../activities/service-tasks';
import type { DecisionActivities } from '../../activities/decisions';

// The one place the engine's activity options live. They are recorded in every
// ActivityTaskScheduled event, so changing a value changes the histories cases write
// (replay still passes, but the recorded fixtures would no longer match new runs).

/** Projections, the calendar and process lookups: short, retried until they succeed. */
export const engineActivityOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};

/** Every engine activity (projections, calendar, process lookup) through one proxy. */
export const engineActivities = proxyActivities<Activities>(engineActivityOptions);

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
