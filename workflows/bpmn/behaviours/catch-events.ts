import { CancellationScope, condition, uuid4 } from '@temporalio/workflow';
import { isPatched, MESSAGE_SUBSCRIPTIONS_PATCH } from '../patch-level';
import { parseIsoDateTime, parseIsoDuration } from '../../../bpmn/duration';
import { nextCronFire, parseCron } from '../../../bpmn/cron';
import type { IoMapping, TimerDefinition } from '../../../bpmn/model';
import { mailboxNameOf } from '../../../bpmn/mailbox';
import type { OpenSubscriptionInput } from '../../../activities/messages';
import { engineActivities } from '../activity-options';
import { ProcessIncident } from '../errors';
import type { Interpreter } from '../interpreter';

// What catch events wait for: timers (ISO 8601, working days or working hours, the latter computed by an
// activity so a calendar update cannot change history) and messages from the case's mailbox.

type WorkingTimer = Extract<TimerDefinition, { kind: 'workingDays' | 'workingHours' }>;

/** When a working-time interval that begins at `from` ends, as the calendar activity answers (recorded in history). */
function workingDue(timer: WorkingTimer, from: string): Promise<string> {
  return timer.kind === 'workingDays' ? engineActivities.addWorkingDays({ from, days: timer.days }) : engineActivities.addWorkingHours({ from, hours: timer.hours });
}

/** How long a timer runs from now. */
export async function timerMs(engine: Interpreter, elementId: string, timer: TimerDefinition): Promise<number> {
  // Only models compiled with shouwen:workingTime (or a working-days due) have these kinds: older histories never reach here.
  if (timer.kind === 'workingDays' || timer.kind === 'workingHours') return Math.max(0, Date.parse(await workingDue(timer, new Date().toISOString())) - Date.now());
  if (timer.kind === 'cron') {
    const cron = parseCron(timer.cron);
    const next = cron.ok ? nextCronFire(cron.fields, Date.now()) : undefined;
    if (next === undefined) throw new ProcessIncident(elementId, `cron "${timer.cron}" matches no coming date`);
    return Math.max(0, next - Date.now());
  }
  const text = timer.iso ?? String(engine.feel(elementId, timer.expression ?? 'null'));
  const ms = timer.kind === 'duration' ? parseIsoDuration(text) : (parseIsoDateTime(text) ?? NaN) - Date.now();
  if (ms === undefined || Number.isNaN(ms)) throw new ProcessIncident(elementId, `timer value "${text}" is not a valid ISO 8601 ${timer.kind}`);
  return Math.max(0, ms);
}

/**
 * The waits of a time cycle, one per call. A working-time interval counts from the previous fire's
 * due time, not from when the workflow woke, so a Friday 16:00 R3/PT4H is Friday 20:00, then the
 * next working day's 00:00, 04:00 — never a weekend hour, and no drift by the wake-up delay.
 * Clock and cron cycles wait from now, as they always did (recorded histories keep their timers).
 */
export function cycleWaits(engine: Interpreter, elementId: string, timer: TimerDefinition): () => Promise<number> {
  if (timer.kind !== 'workingDays' && timer.kind !== 'workingHours') return () => timerMs(engine, elementId, timer);
  let from = new Date().toISOString();
  return async () => {
    from = await workingDue(timer, from);
    return Math.max(0, Date.parse(from) - Date.now());
  };
}

type CatchTrigger = { kind: 'message'; messageName: string; correlationKey?: string | undefined } | { kind: 'signal'; signalName: string };

/** A correlation key's value: text or a number (as in Zeebe); anything else (null: a variable not set) is none. */
export function correlationKeyValue(engine: Interpreter, elementId: string, expression: string): string | undefined {
  const value = engine.feel(elementId, expression);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Makes the wait findable by POST /api/messages and signal broadcasts: a message catch with a
 * correlation key, or a signal catch, records (name, key value, case, element) in PostgreSQL; a
 * message buffered there for it comes back at once and goes into the mailbox. Catch events without
 * a correlation key stay reachable by case id only, as before. Decided synchronously, so a wait
 * that subscribes to nothing takes no extra async hop (recorded histories keep their order).
 */
function subscriptionOf(engine: Interpreter, elementId: string, trigger: CatchTrigger): OpenSubscriptionInput | undefined {
  if (trigger.kind === 'message' && !trigger.correlationKey) return undefined;
  if (!isPatched(MESSAGE_SUBSCRIPTIONS_PATCH)) return undefined;
  const correlationKey = trigger.kind === 'message' ? correlationKeyValue(engine, elementId, trigger.correlationKey!) : null;
  // Diagrams written before subscriptions existed may name a key their cases never set: such a
  // wait stays reachable by case id only, as it always was, rather than stopping the case.
  if (correlationKey === undefined) return undefined;
  const subscriptionId = `${engine.caseId}/${elementId}/${uuid4()}`;
  const name = trigger.kind === 'message' ? trigger.messageName : trigger.signalName;
  return { subscriptionId, caseId: engine.caseId, elementId, kind: trigger.kind, name, correlationKey };
}

/**
 * Waits for the message (or signal) `el` catches (taking a buffered one at once). Its variables join
 * the case's: all of them for a catch event without outputs (models compiled before outputs existed),
 * else only what the outputs map.
 */
export async function receive(engine: Interpreter, el: { id: string; trigger: CatchTrigger; outputs?: IoMapping[] | undefined }): Promise<void> {
  const messageName = mailboxNameOf(el.trigger);
  // Only messages are registrable through the case page; a signal is broadcast by the engine.
  const registrable = el.trigger.kind === 'message';
  engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 0) + 1);
  if (registrable) engine.awaiting.set(el.id, (engine.awaiting.get(el.id) ?? 0) + 1);
  let subscription: string | undefined;
  let i = -1;
  try {
    const opening = subscriptionOf(engine, el.id, el.trigger);
    if (opening) {
      subscription = opening.subscriptionId;
      engine.openSubscriptions += 1;
      const buffered = await engineActivities.openMessageSubscription(opening);
      if (buffered) engine.mailbox.push({ messageName, variables: buffered.variables });
    }
    // Two waiting for one name (a catch event and an event sub-process's start) both wake on one
    // message: the first takes it, the other waits for the next.
    while (i < 0) {
      await condition(() => engine.mailbox.some((m) => m.messageName === messageName));
      i = engine.mailbox.findIndex((m) => m.messageName === messageName);
    }
  } finally {
    engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 1) - 1);
    if (registrable) {
      const left = (engine.awaiting.get(el.id) ?? 1) - 1;
      if (left > 0) engine.awaiting.set(el.id, left);
      else engine.awaiting.delete(el.id);
    }
    if (subscription) {
      const subscriptionId = subscription;
      // Also when an interrupting boundary event or a gateway's winner withdrew this wait.
      try {
        await CancellationScope.nonCancellable(() => engineActivities.closeMessageSubscription({ subscriptionId }));
      } finally {
        engine.openSubscriptions -= 1;
      }
    }
  }
  takeVariables(engine, el, engine.mailbox.splice(i, 1)[0]!);
}

function takeVariables(engine: Interpreter, el: { outputs?: IoMapping[] | undefined }, message: { variables: Record<string, unknown> }): void {
  if (!el.outputs) Object.assign(engine.vars, message.variables);
  else for (const o of el.outputs) if (Object.hasOwn(message.variables, o.source)) engine.vars[o.target] = message.variables[o.source];
}

/**
 * A wait that takes every signal of its name while its scope runs (a non-interrupting signal
 * start): one subscription and one waiter for all of them, calling `each` per signal. Closing and
 * reopening the wait after each signal left a gap in which a broadcast found nobody waiting (a
 * signal is never kept). Ends only when its scope cancels it.
 */
export async function receiveEach(engine: Interpreter, el: { id: string; trigger: { kind: 'signal'; signalName: string }; outputs?: IoMapping[] | undefined }, each: () => void): Promise<void> {
  const messageName = mailboxNameOf(el.trigger);
  engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 0) + 1);
  let subscription: string | undefined;
  try {
    const opening = subscriptionOf(engine, el.id, el.trigger);
    if (opening) {
      subscription = opening.subscriptionId;
      engine.openSubscriptions += 1;
      await engineActivities.openMessageSubscription(opening);
    }
    for (;;) {
      let i = -1;
      while (i < 0) {
        await condition(() => engine.mailbox.some((m) => m.messageName === messageName));
        i = engine.mailbox.findIndex((m) => m.messageName === messageName);
      }
      takeVariables(engine, el, engine.mailbox.splice(i, 1)[0]!);
      each();
    }
  } finally {
    engine.waitingFor.set(messageName, (engine.waitingFor.get(messageName) ?? 1) - 1);
    if (subscription) {
      const subscriptionId = subscription;
      try {
        await CancellationScope.nonCancellable(() => engineActivities.closeMessageSubscription({ subscriptionId }));
      } finally {
        engine.openSubscriptions -= 1;
      }
    }
  }
}
