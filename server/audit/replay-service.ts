import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
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

type History = Awaited<ReturnType<ReturnType<TemporalAccess['client']['workflow']['getHandle']>['fetchHistory']>>;

export function createReplayService(temporal: TemporalAccess) {
  let bundle: Promise<string> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const code = () => (bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS, logger: quiet }).then((b) => b.code));

  function replayHistory(caseId: string, history: History): Promise<ReplayResult> {
    const run = queue.then(async () => {
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
  }

  return {
    async replay(caseId: string): Promise<ReplayResult> {
      return replayHistory(caseId, await temporal.client.workflow.getHandle(caseId).fetchHistory());
    },
    /** The history as Temporal's JSON (what an export carries) and the verdict of replaying exactly that. */
    async replayForExport(caseId: string): Promise<{ history: { events: unknown[] }; replay: ReplayResult }> {
      const history = await temporal.client.workflow.getHandle(caseId).fetchHistory();
      return { history: JSON.parse(historyToJSON(history)) as { events: unknown[] }, replay: await replayHistory(caseId, history) };
    },
  };
}

export type ReplayService = ReturnType<typeof createReplayService>;
