import { condition, sleep } from '@temporalio/workflow';
import type { Interpreter } from '../interpreter';

// 试运行 (issue 18 §8): a sandbox run lets its owner fire a waiting timer now instead of waiting a
// day. Only a run started with `sandbox: true` waits this way; every other case keeps the plain
// `sleep` it always had (same commands, same number of async hops: recorded histories replay).

/** Waits `ms` at the timer `elementId`; in a sandbox run, also ends early when its owner fires it. */
export function timerSleep(engine: Interpreter, elementId: string, ms: number): Promise<void> {
  if (!engine.input.sandbox) return sleep(ms);
  return firableWait(engine, elementId, ms);
}

async function firableWait(engine: Interpreter, elementId: string, ms: number): Promise<void> {
  engine.waitingTimers.set(elementId, (engine.waitingTimers.get(elementId) ?? 0) + 1);
  try {
    await condition(() => engine.firedTimers.has(elementId), ms);
  } finally {
    const left = (engine.waitingTimers.get(elementId) ?? 1) - 1;
    if (left > 0) engine.waitingTimers.set(elementId, left);
    else engine.waitingTimers.delete(elementId);
    // One request fires every token waiting there in this activation, none that arrives later.
    if (!engine.waitingTimers.has(elementId)) engine.firedTimers.delete(elementId);
  }
}
