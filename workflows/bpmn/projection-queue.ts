import { CancellationScope, condition } from '@temporalio/workflow';
import type { ProjectionWrite } from './projection-batch';

// A case's projection writes, queued and sent as one activity per workflow task (issue 19). Each
// write used to be an activity of its own, awaited where it happened: a one-approval case paid
// four activity tasks and as many extra workflow tasks, most of the Temporal server's CPU per case.
// Now a step queues its writes and the queue sends what one workflow task wrote together, in order;
// the next batch goes only after the previous one is written. Nothing is written before Temporal
// has recorded the workflow task that asked for it (unlike local activities, taken back twice: an
// Update could be lost after its projection was written).
//
// What used to follow a written projection still does: every other activity, child case or
// continue-as-new of the run waits until the queue is empty (`afterWrites`), so a service task, a
// decision or a subscription never sees the database behind the case. Cases started before this
// (no patch marker) write one activity per projection on replay, as recorded.

type Pending = { write: ProjectionWrite; resolve: (result: unknown) => void; reject: (err: unknown) => void };

/**
 * Resolves in the SDK's next pass over blocked conditions. The SDK runs every microtask between two
 * passes, so by then whatever the current step set in motion (a token running on to its next
 * wait, an end after a completion) has queued its writes too. (@temporalio/workflow evaluates a new
 * condition at once and again at each pass; the pass after one that unblocked something always
 * comes.)
 */
export function nextPass(): Promise<void> {
  let asked = false;
  return condition(() => {
    if (asked) return true;
    asked = true;
    return false;
  });
}

export class ProjectionQueue {
  private waiting: Pending[] = [];
  private writing = false;
  private fail!: (err: unknown) => void;
  /**
   * Rejects when a write nobody waited for failed for good (a data error): the run races it, so the
   * case fails as it did when that write was awaited, instead of waiting at a task nobody can see.
   */
  readonly deferredFailure = new Promise<never>((_resolve, reject) => {
    this.fail = reject;
  });

  constructor(private readonly send: (writes: ProjectionWrite[]) => Promise<unknown[]>) {
    // Outside every cancellation scope: a case being cancelled still writes what it did.
    void CancellationScope.nonCancellable(() => this.flush());
  }

  /** Queues a write; resolves with its result once its batch is written. */
  write(write: ProjectionWrite): Promise<unknown> {
    return new Promise((resolve, reject) => this.waiting.push({ write, resolve, reject }));
  }

  /** A queued write nobody waits for (see deferredFailure). */
  defer(written: Promise<unknown>): void {
    written.catch((err: unknown) => this.fail(err));
  }

  /** Nothing queued or being written: what follows may run at once. */
  get idle(): boolean {
    return !this.writing && this.waiting.length === 0;
  }

  /** Resolves once everything queued so far is written (or has failed, which its writer hears). */
  async drained(): Promise<void> {
    if (!this.idle) await condition(() => this.idle);
  }

  private async flush(): Promise<never> {
    for (;;) {
      await condition(() => this.waiting.length > 0);
      await nextPass();
      const batch = this.waiting.splice(0);
      this.writing = true;
      try {
        const results = await this.send(batch.map((p) => p.write));
        batch.forEach((p, i) => p.resolve(results[i]));
      } catch (err) {
        batch.forEach((p) => p.reject(err));
      } finally {
        this.writing = false;
      }
    }
  }
}

/** This run's queue, when it batches (workflow modules are evaluated per run, so this is per run). */
let runQueue: ProjectionQueue | undefined;

export function useProjectionQueue(queue: ProjectionQueue | undefined): void {
  runQueue = queue;
}

export const projectionQueue = (): ProjectionQueue | undefined => runQueue;

/**
 * `call`, once this run's queued projections are written. Called at once (no extra await) when
 * nothing is queued, so runs without a queue schedule their commands exactly as recorded.
 */
export function afterWrites<T>(call: () => Promise<T>): Promise<T> {
  const queue = runQueue;
  return !queue || queue.idle ? call() : queue.drained().then(call);
}
