import type { CompileContext } from './context';
import type { IoMapping } from '../model';
import { errorCodeOf, ioMappings, messageOf, timerCycle, timerDefinition } from './expressions';
import { bool, describe, expressionBody, extension, idOf, label, list, ref, str, typeName, withArticle, type ModdleElement } from './moddle';
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

export function mapStartEvent(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const def = singleDefinition(ctx, el);
  if (def === undefined) return undefined;
  if (def !== null) return unsupportedTrigger(ctx, el, def);
  return { type: 'startEvent', ...noneStartExtras(ctx, el) };
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

/** A none intermediate throw event is a milestone on the timeline; message and signal throws are not supported yet. */
export function mapThrowEvent(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const def = singleDefinition(ctx, el);
  if (def === undefined) return undefined;
  if (def === null) {
    noMessageExtras(ctx, el);
    return { type: 'intermediateThrowEvent' };
  }
  return unsupportedTrigger(ctx, el, def);
}
