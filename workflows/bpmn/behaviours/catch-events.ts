import { condition } from '@temporalio/workflow';
import { parseIsoDateTime, parseIsoDuration } from '../../../bpmn/duration';
import type { IoMapping, TimerDefinition } from '../../../bpmn/model';
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

/**
 * Waits for the message `el` catches (taking a buffered one at once). Its variables join the
 * case's: all of them for a catch event without outputs (models compiled before outputs existed),
 * else only what the outputs map.
 */
export async function receive(engine: Interpreter, el: { id: string; trigger: { messageName: string }; outputs?: IoMapping[] | undefined }): Promise<void> {
  const messageName = el.trigger.messageName;
  engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 0) + 1);
  engine.awaiting.set(el.id, (engine.awaiting.get(el.id) ?? 0) + 1);
  let i = -1;
  try {
    // Two waiting for one name (a catch event and an event sub-process's start) both wake on one
    // message: the first takes it, the other waits for the next.
    while (i < 0) {
      await condition(() => engine.mailbox.some((m) => m.messageName === messageName));
      i = engine.mailbox.findIndex((m) => m.messageName === messageName);
    }
  } finally {
    engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 1) - 1);
    const left = (engine.awaiting.get(el.id) ?? 1) - 1;
    if (left > 0) engine.awaiting.set(el.id, left);
    else engine.awaiting.delete(el.id);
  }
  const [message] = engine.mailbox.splice(i, 1);
  if (!el.outputs) Object.assign(engine.vars, message!.variables);
  else for (const o of el.outputs) if (Object.hasOwn(message!.variables, o.source)) engine.vars[o.target] = message!.variables[o.source];
}
