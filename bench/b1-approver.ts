import { ApplicationFailure, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { listenForLiveEvents, LIVE_CHANNEL, type LiveListener } from '../db/live-events';
import type { Db } from '../db/pool';
import { TaskFailure } from '../workflows/bpmn/task-failures';

// B1's approver does what a person with the inbox open does: it learns that the task arrived from
// the live events (PostgreSQL NOTIFY, as the console does; a poll of the task row every second is
// the fallback), then sends the completeTask Update once. It used to send the Update in a loop
// from the moment the case started: each refusal ("task not open") cost the worker a workflow
// task — thousands per round at concurrency 8 — and a final failure was resent forever.

export interface ApproverCounts {
  /** completeTask Updates sent (resends included). */
  updates: number;
  /** Refused because the task was not open yet (then sent again shortly). */
  notOpen: number;
  /** Resent after the 30 s deadline passed without an answer. */
  deadlines: number;
  /** Tasks found by the fallback poll rather than by an event. */
  polled: number;
}

export const newCounts = (): ApproverCounts => ({ updates: 0, notOpen: 0, deadlines: 0, polled: 0 });

export interface TaskArrivals {
  /** Resolves once the task's row is written (call before starting the case, so no event is missed). */
  waitFor(taskId: string, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export async function listenForTasks(db: Db, counts: ApproverCounts): Promise<TaskArrivals> {
  const waiting = new Map<string, () => void>();
  const arrived = (taskId: string) => {
    waiting.get(taskId)?.();
    waiting.delete(taskId);
  };
  const poll = async () => {
    if (!waiting.size) return;
    const { rows } = await db.query<{ id: string }>('SELECT id FROM task WHERE id = ANY($1::text[])', [[...waiting.keys()]]);
    for (const r of rows) {
      counts.polled++;
      arrived(r.id);
    }
  };
  let ready: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (ready = resolve));
  const listener: LiveListener = listenForLiveEvents(
    db,
    (e) => {
      if (e.k === 'task') arrived(e.t);
      else if (e.k === 'case' && e.c === 'bench:b1-listening') ready();
    },
    () => void poll().catch(() => undefined),
  );
  // The LISTEN is in place once our own NOTIFY comes back.
  for (let i = 0; i < 100; i++) {
    await db.query(`SELECT pg_notify($1, $2)`, [LIVE_CHANNEL, JSON.stringify({ k: 'case', c: 'bench:b1-listening' })]);
    if (await Promise.race([listening.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 100))])) break;
  }
  const fallback = setInterval(() => void poll().catch(() => undefined), 1_000);
  return {
    waitFor(taskId, signal) {
      return new Promise<void>((resolve, reject) => {
        const abort = () => {
          waiting.delete(taskId);
          reject(signal!.reason as Error);
        };
        signal?.addEventListener('abort', abort, { once: true });
        waiting.set(taskId, () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        });
      });
    },
    async close() {
      clearInterval(fallback);
      await listener.close();
    },
  };
}

export interface UpdateSender {
  withDeadline<T>(deadline: number, fn: () => Promise<T>): Promise<T>;
  executeUpdate(caseId: string, updateId: string, args: [unknown]): Promise<unknown>;
}

/** The 30 s passed without an answer: gRPC's DEADLINE_EXCEEDED, or the SDK's wrapper for it (the deadline cancels the call). */
const isDeadlineExceeded = (err: unknown) =>
  err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || (err as { code?: number })?.code === 4 || /deadline/i.test(String((err as Error)?.message ?? ''));
const isNotOpen = (err: unknown) => err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === TaskFailure.notOpen;

/**
 * Approves an open task. The same update id every time: a resend after a lost reply is the same
 * Update, and Temporal answers it with the first one's outcome. Resent only when that can change
 * the answer — a deadline passed, or the task was not open yet (the hand-written case opens it a
 * moment after its row is written) — and never once `signal` is aborted; any other failure is final.
 */
export async function approve(sender: UpdateSender, caseId: string, taskId: string, counts: ApproverCounts, signal?: AbortSignal): Promise<void> {
  for (;;) {
    signal?.throwIfAborted();
    counts.updates++;
    try {
      await sender.withDeadline(Date.now() + 30_000, () => sender.executeUpdate(caseId, `bench:${taskId}`, [{ taskId, userId: 'zj.cs_manager', outcome: 'approve' }]));
      return;
    } catch (err) {
      if (isDeadlineExceeded(err)) {
        counts.deadlines++;
        continue;
      }
      if (!isNotOpen(err)) throw err;
      counts.notOpen++;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
