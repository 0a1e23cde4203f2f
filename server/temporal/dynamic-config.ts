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

/** `--dynamic-config-value key=value` arguments for `temporal server start-dev`. */
export const devServerDynamicConfigArgs = (): string[] => Object.entries(TEMPORAL_DYNAMIC_CONFIG).flatMap(([k, v]) => ['--dynamic-config-value', `${k}=${JSON.stringify(v)}`]);

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
