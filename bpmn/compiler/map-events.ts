import type { CompileContext } from './context';
import type { IoMapping, ThrowDefinition } from '../model';
import { asFeel, errorCodeOf, ioMappings, messageOf, timerCycle, timerDefinition } from './expressions';
import { bool, describe, expressionBody, extension, idOf, label, list, ref, str, typeName, withArticle, type ModdleElement } from './moddle';
import { startTimer } from './map-start-timer';
import type { ElementBody } from './types';
import { formOf } from './map-tasks';

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `bpmn:MessageEventDefinition` → `message`. */
function kindOf(def: ModdleElement): string {
  return typeName(def).replace(/EventDefinition$/, '');
}

/** The single event definition, or reports why there is not exactly one. */
function singleDefinition(ctx: CompileContext, el: ModdleElement): ModdleElement | null | undefined {
  const defs = list(el, 'eventDefinitions');
  if (defs.length > 1) {
    ctx.report(el, `${describe(el)} has several triggers (${defs.map(kindOf).join(', ')}), which is not supported by Shouwen.`, { code: 'bpmn.event.manyTriggers', params: { count: defs.length } });
    return undefined;
  }
  return defs[0] ?? null;
}

function unsupportedTrigger(ctx: CompileContext, el: ModdleElement, def: ModdleElement): undefined {
  ctx.report(el, `${describe(el)} with ${withArticle(kindOf(def))} trigger is not supported by Shouwen.`, { code: 'bpmn.event.unsupportedTrigger', params: { trigger: kindOf(def) } });
  return undefined;
}

/** A message variable name: the only kind of output source a message catch event takes. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * What a message catch event accepts and from whom: its zeebe:ioMapping outputs (each a plain
 * message variable name, so the API can tell which variables the message may carry without
 * evaluating FEEL) and shouwen:candidateGroups / candidateScope, the roles that may register it.
 */
function messageCatchOf(ctx: CompileContext, el: ModdleElement): { outputs?: IoMapping[]; senderGroups?: string[]; senderScope?: 'ancestors' } {
  const io = ioMappings(ctx, el);
  if (io.inputs.length) ctx.report(el, 'Input mappings on a message catch event are not supported by Shouwen; map the message variables with outputs.', { code: 'bpmn.messageCatch.inputs' });
  const outputs = io.outputs.filter((o) => {
    if (PLAIN_NAME.test(o.source)) return true;
    ctx.report(el, `Output mapping to "${o.target}" must name one message variable (e.g. "=signedBy"), so the message's accepted variables are known; "${o.source}" is an expression.`, { code: 'bpmn.messageCatch.outputExpression', params: { target: o.target, source: o.source } });
    return false;
  });
  const groups = (str(el, 'candidateGroups') ?? '').split(',').map((g) => g.trim()).filter((g) => g !== '');
  const scope = str(el, 'candidateScope')?.trim();
  if (scope && scope !== 'unit' && scope !== 'ancestors') ctx.report(el, `Candidate scope "${scope}" is not known to Shouwen; use "unit" or "ancestors".`, { code: 'bpmn.candidateScope.unknown', params: { scope } });
  if (scope === 'ancestors' && !groups.length) ctx.report(el, 'Candidate scope "ancestors" widens where candidate groups may be held, but the event has no candidate group.', { code: 'bpmn.candidateScope.noGroup' });
  return {
    ...(outputs.length && { outputs }),
    ...(groups.length && { senderGroups: groups }),
    ...(scope === 'ancestors' && groups.length && { senderScope: 'ancestors' as const }),
  };
}

/** Mappings and senders mean something on a message trigger only; elsewhere they would be ignored silently. */
function noMessageExtras(ctx: CompileContext, el: ModdleElement): void {
  if (extension(el, 'zeebe:IoMapping')) ctx.report(el, `Input/output mappings on ${withArticle(label(el).toLowerCase())} are supported by Shouwen on message events only.`, { code: 'bpmn.event.ioMapping' });
  if (str(el, 'candidateGroups') !== undefined || str(el, 'candidateScope') !== undefined) {
    ctx.report(el, 'shouwen:candidateGroups on an event says who may send its message; this event has no message trigger.', { code: 'bpmn.event.sendersWithoutMessage' });
  }
}

/** A signal's name (bpmn:Signal name), fixed: a signal is broadcast by name within the deployment. */
function signalOf(ctx: CompileContext, el: ModdleElement, def: ModdleElement): { signalName: string } | undefined {
  const name = str(ref(def, 'signalRef'), 'name')?.trim();
  if (!name) {
    ctx.report(el, 'Signal event has no signal name: no signal could ever reach it.', { code: 'bpmn.signal.noName' });
    return undefined;
  }
  if (asFeel(name) !== undefined) {
    ctx.report(el, `Signal names given as FEEL ("${name}") are not supported by Shouwen; use a fixed name.`, { code: 'bpmn.signal.feelName', params: { name } });
    return undefined;
  }
  return { signalName: name };
}

/**
 * A message or signal throw (intermediate or end): the message's variables are the event's input
 * mappings. Camunda 8 hands such an event to a job worker (zeebe:taskDefinition); Shouwen publishes
 * it itself, so a job type there is never called, which the owner is told.
 */
function throwOf(ctx: CompileContext, el: ModdleElement, def: ModdleElement): { throw: ThrowDefinition } | undefined {
  const io = ioMappings(ctx, el);
  if (io.outputs.length) ctx.report(el, 'Output mappings on a throw event are not supported by Shouwen; its input mappings are the variables it sends.', { code: 'bpmn.throw.outputs' });
  const inputs = io.inputs.length ? { inputs: io.inputs } : {};
  const job = str(extension(el, 'zeebe:TaskDefinition'), 'type');
  if (job !== undefined) {
    ctx.warn(el, `Shouwen publishes this event's ${kindOf(def)} itself; the job type "${job}" is not called.`, { code: 'bpmn.throw.jobIgnored', params: { taskType: job } });
  }
  if (def.$type === 'bpmn:MessageEventDefinition') {
    const message = messageOf(ctx, el, def);
    return message && { throw: { kind: 'message', ...message, ...inputs } };
  }
  const signal = signalOf(ctx, el, def);
  return signal && { throw: { kind: 'signal', ...signal, ...inputs } };
}

const THROWN = ['bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition'];

/**
 * A none start event, or a process-level message start event (POST /api/messages or a message
 * throw starts a case there; outputs and senders as on a catch event) or signal start event (a
 * signal throw starts one; the case takes every variable of the signal).
 */
export function mapStartEvent(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const def = singleDefinition(ctx, el);
  if (def === undefined) return undefined;
  if (def === null) {
    if (str(el, 'candidateGroups') !== undefined || str(el, 'candidateScope') !== undefined) {
      ctx.report(el, 'shouwen:candidateGroups on an event says who may send its message; this event has no message trigger.', { code: 'bpmn.event.sendersWithoutMessage' });
    }
    return { type: 'startEvent', ...noneStartExtras(ctx, el), ...manualStartOf(ctx, el) };
  }
  // Nobody fills a form when a schedule, a message or a signal starts the case.
  if (extension(el, 'zeebe:FormDefinition') !== undefined) {
    ctx.report(el, 'A form on a timer, message or signal start event is never shown: nobody starts such a case by hand. Put the form on the plain start event or on a task.', { code: 'bpmn.startEvent.formWithoutPerson' });
  }
  if (def.$type === 'bpmn:TimerEventDefinition') {
    noMessageExtras(ctx, el);
    const timer = startTimer(ctx, el, def);
    return timer && { type: 'startEvent', timer };
  }
  if (def.$type === 'bpmn:MessageEventDefinition') {
    const message = messageOf(ctx, el, def);
    return message && { type: 'startEvent', trigger: { kind: 'message', messageName: message.messageName }, ...messageCatchOf(ctx, el) };
  }
  if (def.$type === 'bpmn:SignalEventDefinition') {
    // Who may broadcast it through POST /api/signals and what it may carry, as for a message start.
    const signal = signalOf(ctx, el, def);
    return signal && { type: 'startEvent', trigger: { kind: 'signal', ...signal }, ...messageCatchOf(ctx, el) };
  }
  return unsupportedTrigger(ctx, el, def);
}

/** shouwen:manualStart="false": a process-level none start only the system uses (written only then). */
function manualStartOf(ctx: CompileContext, el: ModdleElement): { manualStart?: false } {
  if (bool(el, 'manualStart') !== false) return {};
  if (el.$parent?.$type === 'bpmn:SubProcess') {
    ctx.report(el, 'shouwen:manualStart says whether people may start the process; a sub-process\'s start event is never started by anyone.', { code: 'bpmn.startEvent.manualStartInSubProcess' });
    return {};
  }
  return { manualStart: false };
}

/**
 * A process's none start event may carry a form (the 新建 dialog shows it) and output mappings
 * (applied to the start variables); Camunda allows no input mappings there. A sub-process's start
 * has no one to fill a form and no variables of its own.
 */
function noneStartExtras(ctx: CompileContext, el: ModdleElement): { outputs?: IoMapping[]; formId?: string } {
  const hasIo = extension(el, 'zeebe:IoMapping') !== undefined;
  const hasForm = extension(el, 'zeebe:FormDefinition') !== undefined;
  if (!hasIo && !hasForm) return {};
  if (el.$parent?.$type === 'bpmn:SubProcess') {
    ctx.report(el, 'A form or input/output mappings on the start event of a sub-process are not supported by Shouwen; put them on the process\'s start event or on a task.', { code: 'bpmn.startEvent.subProcessExtras' });
    return {};
  }
  const { inputs, outputs } = ioMappings(ctx, el);
  if (inputs.length) ctx.report(el, 'Input mappings on a start event are not supported (Camunda allows outputs only); map the start variables with outputs.', { code: 'bpmn.startEvent.inputs' });
  const form = formOf(ctx, el);
  return { ...(outputs.length && { outputs }), ...form };
}

export function mapEndEvent(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const def = singleDefinition(ctx, el);
  if (def === undefined) return undefined;
  if (def !== null && THROWN.includes(def.$type)) {
    const thrown = throwOf(ctx, el, def);
    return thrown && { type: 'endEvent', kind: 'none', ...thrown };
  }
  noMessageExtras(ctx, el);
  if (def === null) return { type: 'endEvent', kind: 'none' };
  if (def.$type === 'bpmn:TerminateEventDefinition') return { type: 'endEvent', kind: 'terminate' };
  if (def.$type === 'bpmn:ErrorEventDefinition') {
    const code = errorCodeOf(ctx, el, def);
    if (code === null) ctx.report(el, 'Error end event does not reference an error: give it an error with an error code.', { code: 'bpmn.errorEnd.noError' });
    return code ? { type: 'endEvent', kind: 'error', errorCode: code } : undefined;
  }
  return unsupportedTrigger(ctx, el, def);
}

export function mapIntermediateCatchEvent(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const def = singleDefinition(ctx, el);
  if (def === undefined) return undefined;
  if (def === null) {
    ctx.report(el, 'Intermediate catch event has no trigger: say whether it waits for a timer or a message.', { code: 'bpmn.catch.noTrigger' });
    return undefined;
  }
  if (def.$type === 'bpmn:TimerEventDefinition') {
    noMessageExtras(ctx, el);
    const timer = timerDefinition(ctx, el, def);
    return timer && { type: 'intermediateCatchEvent', trigger: { kind: 'timer', timer } };
  }
  if (def.$type === 'bpmn:MessageEventDefinition') {
    const message = messageOf(ctx, el, def);
    const accepts = messageCatchOf(ctx, el);
    return message && { type: 'intermediateCatchEvent', trigger: { kind: 'message', ...message }, ...accepts };
  }
  if (def.$type === 'bpmn:SignalEventDefinition') {
    const signal = signalOf(ctx, el, def);
    const accepts = messageCatchOf(ctx, el);
    return signal && { type: 'intermediateCatchEvent', trigger: { kind: 'signal', ...signal }, ...accepts };
  }
  return unsupportedTrigger(ctx, el, def);
}

const TIMER_OR_MESSAGE_HOSTS = ['userTask', 'serviceTask', 'businessRuleTask', 'subProcess', 'callActivity'];
const ERROR_HOSTS = ['serviceTask', 'businessRuleTask', 'subProcess', 'callActivity'];

export function mapBoundaryEvent(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const host = ref(el, 'attachedToRef');
  const def = singleDefinition(ctx, el);
  if (!host) {
    ctx.report(el, 'Boundary event is not attached to any activity.', { code: 'bpmn.boundary.unattached' });
    return undefined;
  }
  if (def === undefined) return undefined;
  if (def === null) {
    ctx.report(el, 'Boundary event has no trigger: say whether it reacts to a timer, a message or an error.', { code: 'bpmn.boundary.noTrigger' });
    return undefined;
  }
  const hostType = typeName(host);
  const attachedTo = idOf(host);
  const cancelActivity = bool(el, 'cancelActivity') ?? true;
  const hostNotAllowed = (kind: string, allowed: string[]): undefined => {
    const hosts = allowed.map((t) => label(t).toLowerCase()).join(', ');
    ctx.report(el, `${capitalize(withArticle(kind))} boundary event on ${withArticle(label(host).toLowerCase())} is not supported by Shouwen; attach it to one of: ${hosts}.`, {
      code: 'bpmn.boundary.unsupportedHost',
      params: { trigger: kind, hostType: hostType },
    });
    return undefined;
  };

  if (def.$type !== 'bpmn:MessageEventDefinition') noMessageExtras(ctx, el);
  if (def.$type === 'bpmn:ErrorEventDefinition') {
    if (!ERROR_HOSTS.includes(hostType)) return hostNotAllowed('error', ERROR_HOSTS);
    if (!cancelActivity) {
      ctx.report(el, 'An error boundary event always interrupts the activity; it cannot be non-interrupting.', { code: 'bpmn.boundary.errorNonInterrupting' });
      return undefined;
    }
    const code = errorCodeOf(ctx, el, def);
    if (code === undefined) return undefined;
    return {
      type: 'boundaryEvent',
      attachedTo,
      cancelActivity,
      trigger: { kind: 'error', ...(code !== null && { errorCode: code }) },
    };
  }
  if (def.$type === 'bpmn:TimerEventDefinition') {
    if (!TIMER_OR_MESSAGE_HOSTS.includes(hostType)) return hostNotAllowed('timer', TIMER_OR_MESSAGE_HOSTS);
    if (!cancelActivity && expressionBody(def, 'timeCycle') !== undefined) {
      const repeating = timerCycle(ctx, el, def);
      return repeating && { type: 'boundaryEvent', attachedTo, cancelActivity, trigger: { kind: 'timer', ...repeating } };
    }
    const timer = timerDefinition(ctx, el, def);
    return timer && { type: 'boundaryEvent', attachedTo, cancelActivity, trigger: { kind: 'timer', timer } };
  }
  if (def.$type === 'bpmn:MessageEventDefinition') {
    if (!TIMER_OR_MESSAGE_HOSTS.includes(hostType)) return hostNotAllowed('message', TIMER_OR_MESSAGE_HOSTS);
    const message = messageOf(ctx, el, def);
    const accepts = messageCatchOf(ctx, el);
    return message && { type: 'boundaryEvent', attachedTo, cancelActivity, trigger: { kind: 'message', ...message }, ...accepts };
  }
  if (def.$type === 'bpmn:SignalEventDefinition') {
    if (!TIMER_OR_MESSAGE_HOSTS.includes(hostType)) return hostNotAllowed('signal', TIMER_OR_MESSAGE_HOSTS);
    const signal = signalOf(ctx, el, def);
    const accepts = messageCatchOf(ctx, el);
    return signal && { type: 'boundaryEvent', attachedTo, cancelActivity, trigger: { kind: 'signal', ...signal }, ...accepts };
  }
  return unsupportedTrigger(ctx, el, def);
}

/**
 * A receive task waits for its message exactly as a message catch event does (Zeebe treats them
 * alike), so it becomes one in the model: the API, the console's 登记 button and the sender rules
 * work on it unchanged.
 */
export function mapReceiveTask(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const message = messageOf(ctx, el, el);
  const accepts = messageCatchOf(ctx, el);
  return message && { type: 'intermediateCatchEvent', trigger: { kind: 'message', ...message }, ...accepts };
}

/** A none intermediate throw event is a milestone on the timeline; a message or signal throw publishes. */
export function mapThrowEvent(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const def = singleDefinition(ctx, el);
  if (def === undefined) return undefined;
  if (def === null) {
    noMessageExtras(ctx, el);
    return { type: 'intermediateThrowEvent' };
  }
  if (THROWN.includes(def.$type)) {
    const thrown = throwOf(ctx, el, def);
    return thrown && { type: 'intermediateThrowEvent', ...thrown };
  }
  return unsupportedTrigger(ctx, el, def);
}

/**
 * The start event of an event sub-process: a timer (duration, date, or on a non-interrupting one
 * a cycle), a message, a signal, or an error caught in the enclosing scope. `isInterrupting` (default true)
 * says whether it stops the rest of that scope.
 */
export function mapEventSubProcessStart(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const def = singleDefinition(ctx, el);
  if (def === undefined) return undefined;
  if (def === null) {
    ctx.report(el, 'The start event of an event sub-process needs a trigger (timer, message or error); a plain start event would never start it.', { code: 'bpmn.eventSubProcess.noneStart' });
    return undefined;
  }
  const interrupting = bool(el, 'isInterrupting') ?? true;
  if (def.$type !== 'bpmn:MessageEventDefinition' && def.$type !== 'bpmn:SignalEventDefinition') noMessageExtras(ctx, el);
  if (def.$type === 'bpmn:ErrorEventDefinition') {
    if (!interrupting) {
      ctx.report(el, 'An error start event always interrupts its scope; it cannot be non-interrupting.', { code: 'bpmn.eventSubProcess.errorNonInterrupting' });
      return undefined;
    }
    const code = errorCodeOf(ctx, el, def);
    return code === undefined ? undefined : { type: 'startEvent', trigger: { kind: 'error', ...(code !== null && { errorCode: code }) }, interrupting };
  }
  if (def.$type === 'bpmn:TimerEventDefinition') {
    if (expressionBody(def, 'timeCycle') !== undefined) {
      if (interrupting) {
        ctx.report(el, 'A repeating timer (time cycle) cannot start an interrupting event sub-process: it would fire once. Make it non-interrupting, or use a duration or a date.', { code: 'bpmn.eventSubProcess.interruptingCycle' });
        return undefined;
      }
      const repeating = timerCycle(ctx, el, def);
      return repeating && { type: 'startEvent', trigger: { kind: 'timer', ...repeating }, interrupting };
    }
    const timer = timerDefinition(ctx, el, def);
    return timer && { type: 'startEvent', trigger: { kind: 'timer', timer }, interrupting };
  }
  if (def.$type === 'bpmn:MessageEventDefinition') {
    const message = messageOf(ctx, el, def);
    const accepts = messageCatchOf(ctx, el);
    return message && { type: 'startEvent', trigger: { kind: 'message', ...message }, interrupting, ...accepts };
  }
  if (def.$type === 'bpmn:SignalEventDefinition') {
    // Reached by thrown signals and POST /api/signals while its scope runs; senders and outputs as on a signal catch.
    const signal = signalOf(ctx, el, def);
    const accepts = messageCatchOf(ctx, el);
    return signal && { type: 'startEvent', trigger: { kind: 'signal', ...signal }, interrupting, ...accepts };
  }
  ctx.report(el, `An event sub-process started by ${withArticle(kindOf(def))} event is not supported by Shouwen; use a timer, message, signal or error start event.`, {
    code: 'bpmn.eventSubProcess.unsupportedTrigger',
    params: { trigger: kindOf(def) },
  });
  return undefined;
}
