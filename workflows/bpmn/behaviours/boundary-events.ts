import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { BoundaryEventElement } from '../../../bpmn/model';
import { bpmnErrorCode } from '../errors';
import type { Flows, HostElement, Interpreter } from '../interpreter';
import type { ScopeRun } from '../scope-run';
import { cycleWaits, receive, timerMs } from './catch-events';
import { timerSleep } from './sandbox-timers';

// Boundary events: the host runs in its own cancellation scope, raced against its timer and
// message boundaries; an interrupting one cancels the host, a non-interrupting one starts a
// token beside it; error boundaries catch BPMN errors the host throws.

/** Runs a host activity raced against its boundary events. */
export async function withBoundaries(engine: Interpreter, el: HostElement, scope: ScopeRun): Promise<Flows> {
  const attached = engine.boundaries.get(el.id) ?? [];
  const watched = attached.filter((b) => b.trigger.kind !== 'error');
  if (attached.length === 0) return engine.runHost(el);

  const host = new CancellationScope();
  const watchers = new CancellationScope();
  let interruptedBy: BoundaryEventElement | undefined;
  const fireBeside = (b: BoundaryEventElement) => {
    engine.completedCounts[b.id] = (engine.completedCounts[b.id] ?? 0) + 1;
    for (const f of b.outgoing) scope.spawn(engine.target(f));
  };
  for (const b of watched) {
    watchers
      .run(async () => {
        // A time cycle (non-interrupting only) fires every interval while the host runs, up to its repetitions.
        if (b.trigger.kind === 'timer' && b.trigger.cycle) {
          const times = b.trigger.cycle.repetitions ?? Number.POSITIVE_INFINITY;
          const next = cycleWaits(engine, b.id, b.trigger.timer);
          for (let i = 0; i < times; i += 1) {
            await timerSleep(engine, b.id, await next());
            fireBeside(b);
          }
          return;
        }
        if (b.trigger.kind === 'timer') await timerSleep(engine, b.id, await timerMs(engine, b.id, b.trigger.timer));
        else if (b.trigger.kind === 'message' || b.trigger.kind === 'signal') await receive(engine, { ...b, trigger: b.trigger });
        if (b.cancelActivity) {
          if (!interruptedBy) {
            interruptedBy = b;
            host.cancel();
          }
        } else {
          fireBeside(b);
        }
      })
      .catch((err: unknown) => {
        if (!isCancellation(err)) throw err;
      });
  }
  try {
    const flows = await host.run(() => engine.runHost(el));
    watchers.cancel();
    return flows;
  } catch (err) {
    watchers.cancel();
    if (interruptedBy && isCancellation(err)) return leaveVia(engine, interruptedBy);
    const code = bpmnErrorCode(err);
    if (code !== null) {
      const catcher = attached.find((b) => b.trigger.kind === 'error' && (b.trigger.errorCode === undefined || b.trigger.errorCode === code.code));
      if (catcher) return leaveVia(engine, catcher);
    }
    throw err;
  }
}

function leaveVia(engine: Interpreter, boundary: BoundaryEventElement): string[] {
  engine.completedCounts[boundary.id] = (engine.completedCounts[boundary.id] ?? 0) + 1;
  return boundary.outgoing;
}
