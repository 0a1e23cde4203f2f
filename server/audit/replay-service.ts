import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { TemporalAccess } from '../temporal/client';
import type { Db } from '../../db/pool';
import { recordReplayVerdict } from '../../db/replay-verdicts';

// Re-executes a case's recorded history against the workflow code this server runs, so an
// auditor can prove the record and the process logic agree. The workflow bundle is built once
// per process; replays run one at a time so they cannot starve the API. Every verdict is kept
// (replay_verdict) when a database is given: a divergence found once stays on the auditor's 首页.

const WORKFLOWS = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export interface ReplayResult {
  ok: boolean;
  events: number;
  durationMs: number;
  divergence: string | null;
}

type History = Awaited<ReturnType<ReturnType<TemporalAccess['client']['workflow']['getHandle']>['fetchHistory']>>;

export function createReplayService(temporal: TemporalAccess, db?: Pick<Db, 'query'>) {
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

  const kept = async (caseId: string, r: ReplayResult, source: 'replay' | 'export', checkedBy: string | null) => {
    if (db) await recordReplayVerdict(db, { caseId, ok: r.ok, events: r.events, divergence: r.divergence, source, checkedBy });
    return r;
  };

  return {
    /** Replays the case's history; `checkedBy` is who asked (kept with the verdict). */
    async replay(caseId: string, checkedBy: string | null = null): Promise<ReplayResult> {
      return kept(caseId, await replayHistory(caseId, await temporal.client.workflow.getHandle(caseId).fetchHistory()), 'replay', checkedBy);
    },
    /** The history as Temporal's JSON (what an export carries) and the verdict of replaying exactly that. */
    async replayForExport(caseId: string, checkedBy: string | null = null): Promise<{ history: { events: unknown[] }; replay: ReplayResult }> {
      const history = await temporal.client.workflow.getHandle(caseId).fetchHistory();
      const replay = await kept(caseId, await replayHistory(caseId, history), 'export', checkedBy);
      return { history: JSON.parse(historyToJSON(history)) as { events: unknown[] }, replay };
    },
  };
}

export type ReplayService = ReturnType<typeof createReplayService>;
