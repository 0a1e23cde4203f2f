import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TemporalAccess } from '../temporal/client';
import type { Db } from '../../db/pool';
import { recordReplayVerdict } from '../../db/replay-verdicts';
import { openReplaySession, warmUpHistory, type ReplaySession } from './replay-session';
import { WORKFLOW_BUNDLE_OPTIONS } from '../temporal/workflow-bundle';

// Re-executes a case's recorded history against the workflow code this server runs, so an
// auditor can prove the record and the process logic agree. The workflow bundle is built once
// per process and one replay worker kept on it (replay-session.ts); `warm()` — called by the API
// program as it starts — builds both in the background, so the first 重放验证 does not wait for
// them. Replays run one at a time so they cannot starve the API. Every verdict is kept
// (replay_verdict) when a database is given: a divergence found once stays on the auditor's 首页.

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export interface ReplayResult {
  ok: boolean;
  events: number;
  durationMs: number;
  divergence: string | null;
}

type History = Awaited<ReturnType<ReturnType<TemporalAccess['client']['workflow']['getHandle']>['fetchHistory']>>;

/** `workflowCode`: a bundle built elsewhere (tests, the bench); otherwise built here on first need. */
export function createReplayService(temporal: TemporalAccess, db?: Pick<Db, 'query'>, workflowCode?: () => Promise<string>) {
  let bundle: Promise<string> | undefined;
  let session: ReplaySession | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const code = () => (bundle ??= workflowCode ? workflowCode() : bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quiet }).then((b) => b.code));
  const openSession = () => (session ??= openReplaySession(code()));

  /** One at a time, on the kept worker; a worker that failed is dropped and the next replay opens another. */
  function onWorker(item: Parameters<ReplaySession['replay']>[0]): Promise<Error | undefined> {
    const run = queue.then(async () => {
      const current = openSession();
      try {
        return await current.replay(item);
      } catch (err) {
        if (session === current) session = undefined;
        void current.close();
        throw err;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  async function replayHistory(caseId: string, history: History): Promise<ReplayResult> {
    const started = performance.now();
    const events = history.events?.length ?? 0;
    let divergence: Error | undefined;
    try {
      divergence = await onWorker({ history, workflowId: caseId });
    } catch (err) {
      divergence = err instanceof Error ? err : new Error(String(err));
    }
    const durationMs = Math.round(performance.now() - started);
    return divergence ? { ok: false, events, durationMs, divergence: divergence.message } : { ok: true, events, durationMs, divergence: null };
  }

  const kept = async (caseId: string, r: ReplayResult, source: 'replay' | 'export', checkedBy: string | null) => {
    if (db) await recordReplayVerdict(db, { caseId, ok: r.ok, events: r.events, divergence: r.divergence, source, checkedBy });
    return r;
  };

  let warming: Promise<void> | undefined;
  return {
    /**
     * Builds the bundle and the replay worker and replays a warm-up history through it, in the
     * background (the API program calls it once it listens); resolves when done, never rejects
     * (a failure here shows again, and is reported, on the first real replay).
     */
    warm(): Promise<void> {
      return (warming ??= onWorker(warmUpHistory()).then(
        () => undefined,
        () => undefined,
      ));
    },
    /** Stops the replay worker (app close). */
    async close(): Promise<void> {
      await queue;
      await session?.close();
      session = undefined;
    },
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
