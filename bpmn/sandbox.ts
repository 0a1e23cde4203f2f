// 试运行 (issue 18 §8): where sandbox runs live. Their own task queue (the worker serves it with
// activities that write nothing, activities/sandbox.ts) and their own workflow ids, which name
// the owner: the API builds the id from the caller, so nobody can address another's run.

/** The queue sandbox runs of a deployment whose cases run on `taskQueue` use. */
export const sandboxTaskQueue = (taskQueue: string): string => `${taskQueue}-sandbox`;

export const SANDBOX_ID_PREFIX = 'sandbox:';

/** How long a forgotten sandbox run may live before Temporal ends it. */
export const SANDBOX_LIFETIME = '1 day';

/** The workflow id of `ownerId`'s run `runId` of `processKey` (parts encoded: ':' cannot occur in them). */
export const sandboxWorkflowId = (ownerId: string, processKey: string, runId: string): string =>
  `${SANDBOX_ID_PREFIX}${encodeURIComponent(ownerId)}:${encodeURIComponent(processKey)}:${encodeURIComponent(runId)}`;
