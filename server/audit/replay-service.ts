import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { TemporalAccess } from '../temporal/client';

// Re-executes a case's recorded history against the workflow code this server runs, so an
// auditor can prove the record and the process logic agree. The workflow bundle is built once
// per process; replays run one at a time so they cannot starve the API.

const WORKFLOWS = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export interface ReplayResult {
  ok: boolean;
  events: number;
  durationMs: number;
  divergence: string | null;
}

export function createReplayService(temporal: TemporalAccess) {
  let bundle: Promise<string> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const code = () => (bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS, logger: quiet }).then((b) => b.code));

  return {
    replay(caseId: string): Promise<ReplayResult> {
      const run = queue.then(async () => {
        const history = await temporal.client.workflow.getHandle(caseId).fetchHistory();
        const started = performance.now();
        const events = history.events?.length ?? 0;
        try {
          await Worker.runReplayHistory({ workflowBundle: { code: await code() } }, history, caseId);
          return { ok: true, events, durationMs: Math.round(performance.now() - started), divergence: null };
        } catch (err) {
          return { ok: false, events, durationMs: Math.round(performance.now() - started), divergence: err instanceof Error ? err.message : String(err) };
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export type ReplayService = ReturnType<typeof createReplayService>;
