// Temporal server settings Shouwen runs with, for the dev server (`npm start`, tests, bench) and
// the rehearsal's cluster alike.
//
// history.transferProcessorMaxPollRPS: the history service reads its transfer queue (the tasks that
// hand a workflow task or an activity to matching) at most 20 times a second per shard by default.
// The dev server has one shard, so once the limiter's burst was spent every workflow task waited
// up to 50 ms before a worker could take it: a case with three service tasks and an approval took
// ≈ 350 ms at concurrency 1, ≈ 70 ms with the limit raised (measured 1 Dec with Temporal CLI 1.5.1;
// bench/results/engine-profile-2026-12-01.md). The reader still reads only when tasks are waiting.
//
// system.enableActivityEagerExecution: an activity the workflow task schedules on the worker's own
// task queue comes back in the answer to that workflow task instead of going through matching
// (add to the queue, a poll, a start record). Every projection write is such an activity. Off by
// default in the server; on, the dev server spent ≈ 12 % less CPU per one-approval case and its
// profile lost the start-record and matching paths (1 Dec, engine-profile-2026-12-01.md).
export const TEMPORAL_DYNAMIC_CONFIG: Readonly<Record<string, number | boolean | string>> = {
  'history.transferProcessorMaxPollRPS': 1000,
  'system.enableActivityEagerExecution': true,
};

// The dev server only (`npm start`, tests, bench: one shard, SQLite), not a cluster's yaml:
// history.{transfer,visibility}ProcessorUpdateAckInterval: how often the history service records
// how far it has processed its transfer and visibility queues (30 s by default). Deleting a closed
// case's history (过期销毁, DeleteWorkflowExecution) waits until both recorded levels have passed the
// case's close tasks, so a history disappeared 15–30 s after the delete; at 1 s it is gone in about
// a second (test/integration/processes/archive-purge: 37 s → 3.4 s, 1 Dec). On one shard that is
// at most a small SQLite write a second per queue; on a cluster it would be one per shard per queue.
export const DEV_SERVER_DYNAMIC_CONFIG: Readonly<Record<string, number | boolean | string>> = {
  ...TEMPORAL_DYNAMIC_CONFIG,
  'history.transferProcessorUpdateAckInterval': '1s',
  'history.visibilityProcessorUpdateAckInterval': '1s',
};

/** `--dynamic-config-value key=value` arguments for `temporal server start-dev`. */
export const devServerDynamicConfigArgs = (): string[] => Object.entries(DEV_SERVER_DYNAMIC_CONFIG).flatMap(([k, v]) => ['--dynamic-config-value', `${k}=${JSON.stringify(v)}`]);

/**
 * A cluster's dynamicconfig.yaml: the settings above, and search attributes seen at once after they
 * are registered (the rehearsal registers them and starts cases straight away). The rehearsal
 * writes it; docker-compose.yml mounts the same text from deploy/temporal-dynamicconfig.yaml
 * (test/docker-compose.test.ts compares the two).
 */
export const clusterDynamicConfigYaml = (): string =>
  Object.entries({ 'system.forceSearchAttributesCacheRefreshOnRead': true, ...TEMPORAL_DYNAMIC_CONFIG })
    .map(([k, v]) => `${k}:\n  - value: ${JSON.stringify(v)}\n`)
    .join('');
