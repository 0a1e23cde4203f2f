import { condition } from '@temporalio/workflow';
import { parseIsoDateTime, parseIsoDuration } from '../../../bpmn/duration';
import type { TimerDefinition } from '../../../bpmn/model';
import { engineActivities } from '../activity-options';
import { ProcessIncident } from '../errors';
import type { Interpreter } from '../interpreter';

// What catch events wait for: timers (ISO 8601 or working days, the latter computed by an
// activity so a calendar update cannot change history) and messages from the case's mailbox.

/** How long a timer runs from now. */
export async function timerMs(engine: Interpreter, elementId: string, timer: TimerDefinition): Promise<number> {
  if (timer.kind === 'workingDays') {
    const due = await engineActivities.addWorkingDays({ from: new Date().toISOString(), days: timer.days });
    return Math.max(0, Date.parse(due) - Date.now());
  }
  const text = timer.iso ?? String(engine.feel(elementId, timer.expression ?? 'null'));
  const ms = timer.kind === 'duration' ? parseIsoDuration(text) : (parseIsoDateTime(text) ?? NaN) - Date.now();
  if (ms === undefined || Number.isNaN(ms)) throw new ProcessIncident(elementId, `timer value "${text}" is not a valid ISO 8601 ${timer.kind}`);
  return Math.max(0, ms);
}

/** Waits for a message of this name (taking a buffered one at once); its variables join the case's. */
export async function receive(engine: Interpreter, messageName: string): Promise<void> {
  engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 0) + 1);
  try {
    await condition(() => engine.mailbox.some((m) => m.messageName === messageName));
  } finally {
    engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 1) - 1);
  }
  const i = engine.mailbox.findIndex((m) => m.messageName === messageName);
  const [message] = engine.mailbox.splice(i, 1);
  Object.assign(engine.vars, message!.variables);
}
