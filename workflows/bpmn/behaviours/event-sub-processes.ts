import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import type { ProcessModel, StartEventElement, SubProcessElement } from '../../../bpmn/model';
import { bpmnErrorCode } from '../errors';
import type { Interpreter } from '../interpreter';
import type { ScopeRun } from '../scope-run';
import { startSubProcess } from './call-activities';
import { cycleWaits, receive, receiveEach } from './catch-events';
import { isPatched, SIGNAL_START_KEPT_OPEN_PATCH } from '../patch-level';
import { incidentMessage, waitForOperator } from './incidents';

// Event sub-processes: while a scope (the process, or an embedded sub-process) runs, the timer,
// message and signal start events of its event sub-processes wait beside its tokens, and its error ones catch
// what its tokens throw (after any boundary event had its chance). An interrupting one stops the
// scope's other tokens and runs in their place; a non-interrupting one runs beside them, as often
// as its trigger fires. Either way an instance is a token of the scope, so the scope ends only
// when it does; and when the scope ends, its triggers stop waiting.

interface EventSubProcess {
  esp: SubProcessElement;
  start: StartEventElement & { trigger: NonNullable<StartEventElement['trigger']> };
}

const byModel = new WeakMap<ProcessModel, Map<string | undefined, EventSubProcess[]>>();

/** The event sub-processes directly inside `parentId` (undefined: at process level), in diagram order. */
function eventSubProcessesIn(model: ProcessModel, parentId: string | undefined): EventSubProcess[] {
  let index = byModel.get(model);
  if (!index) {
    index = new Map();
    for (const el of Object.values(model.elements)) {
      if (el.type !== 'subProcess' || !el.triggeredByEvent) continue;
      const start = model.elements[el.startEventId];
      if (start?.type !== 'startEvent' || !start.trigger) continue;
      index.set(el.parentId, [...(index.get(el.parentId) ?? []), { esp: el, start: { ...start, trigger: start.trigger } }]);
    }
    byModel.set(model, index);
  }
  return index.get(parentId) ?? [];
}

/** Arms the event sub-processes of `scope`, which runs the contents of `parentId` (undefined: the process). */
export function armEventSubProcesses(engine: Interpreter, scope: ScopeRun, parentId: string | undefined): void {
  const all = eventSubProcessesIn(engine.model, parentId);
  if (all.length === 0) return;
  const watchers = new CancellationScope();
  const instances = new Set<number>();
  let interrupted = false;

  const begin = (esp: SubProcessElement) => {
    const tokenId = scope.spawn(esp.id, () => startSubProcess(engine, esp).then(() => esp.outgoing));
    if (tokenId !== undefined) instances.add(tokenId);
  };
  const interrupt = (esp: SubProcessElement) => {
    interrupted = true;
    watchers.cancel();
    scope.interrupt();
    begin(esp);
  };

  const errorStarts = all.filter((e) => e.start.trigger.kind === 'error');
  scope.events = {
    caught(err, tokenId) {
      // An error thrown inside one of this scope's event sub-processes goes on up, as does one after an interruption.
      if (interrupted || instances.has(tokenId) || errorStarts.length === 0) return false;
      const thrown = bpmnErrorCode(err);
      if (thrown === null) return false;
      const codeOf = (e: EventSubProcess) => (e.start.trigger.kind === 'error' ? e.start.trigger.errorCode : undefined);
      const catcher = errorStarts.find((e) => codeOf(e) !== undefined && codeOf(e) === thrown.code) ?? errorStarts.find((e) => codeOf(e) === undefined);
      if (!catcher) return false;
      interrupt(catcher.esp);
      return true;
    },
    ended() {
      watchers.cancel();
    },
  };

  for (const { esp, start } of all) {
    const trigger = start.trigger;
    // Errors are caught above.
    if (trigger.kind === 'error') continue;
    const fire = () => (start.interrupting === false ? begin(esp) : interrupt(esp));
    watchers
      .run(async () => {
        // Models compiled before signal starts were allowed have none here: no patch is needed.
        if (trigger.kind === 'signal' && start.interrupting === false && isPatched(SIGNAL_START_KEPT_OPEN_PATCH)) {
          await receiveEach(engine, { ...start, trigger }, fire);
          return;
        }
        if (trigger.kind === 'message' || trigger.kind === 'signal') {
          // A non-interrupting message start takes every one of its name while the scope runs (one
          // that comes while the wait re-arms is buffered and taken when it reopens).
          do {
            await receive(engine, { ...start, trigger });
            fire();
          } while (start.interrupting === false);
          return;
        }
        const times = trigger.cycle ? (trigger.cycle.repetitions ?? Number.POSITIVE_INFINITY) : 1;
        // A snapshot cannot carry a running timer: the case does not continue-as-new while one is armed (continuation.ts).
        engine.armedEventTimers += 1;
        try {
          const next = cycleWaits(engine, start.id, trigger.timer);
          for (let i = 0; i < times && !interrupted; i += 1) {
            await sleep(await timerWait(engine, start, next));
            fire();
          }
        } finally {
          engine.armedEventTimers -= 1;
        }
      })
      .catch((err: unknown) => {
        if (!isCancellation(err)) scope.fail(err);
      });
  }
}

/** How long a timer start waits; a value that is no timer is an incident at the start event, retried once resolved (as at a catch event). */
async function timerWait(engine: Interpreter, start: StartEventElement, next: () => Promise<number>): Promise<number> {
  for (;;) {
    try {
      return await next();
    } catch (err) {
      const message = incidentMessage(err);
      if (message === null) throw err;
      await waitForOperator(engine, start, message);
    }
  }
}
