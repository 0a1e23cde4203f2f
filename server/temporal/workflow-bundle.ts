import { fileURLToPath } from 'node:url';

/** The workflows every Shouwen worker, replayer and test bundles. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

/**
 * Modules the workflow bundle evaluates once per worker thread instead of once per case
 * (Temporal's `preloadModules`; the reusable V8 context shares them, deep-frozen, across runs).
 *
 * Without it every new run — each case's first activation, and every case evicted from the cache
 * and brought back — evaluated FEEL's whole module graph again (feelin, its lezer grammar,
 * temporal-polyfill, safe-regex2, and feel-budget's three FEEL evaluations at load): about 16 %
 * of the workflow thread's time at B1 concurrency 8 (bench/results/engine-profile-2026-12-01.md,
 * thirteenth session).
 *
 * Only modules with no per-run state may be listed. feel-eval.ts's graph qualifies: its one
 * mutable module variable (feel-budget's `meter`) is set and restored around a synchronous
 * evaluation, which no other run can interleave; feelin's zone-validity Set and
 * temporal-polyfill's caches are memos of pure functions; feel-budget wraps feelin's prototypes
 * once (it must be shared with feelin, or a per-run copy would find them wrapped by another run
 * and meter nothing). Anything else of ours (the interpreter, activity proxies) stays per run.
 */
export const WORKFLOW_PRELOAD_MODULES = [fileURLToPath(new URL('../../bpmn/feel-eval.ts', import.meta.url))];

/** What bundleWorkflowCode and a worker's bundlerOptions are given, wherever the bundle is built. */
export const WORKFLOW_BUNDLE_OPTIONS = { workflowsPath: WORKFLOWS_PATH, preloadModules: WORKFLOW_PRELOAD_MODULES };
