import type { ProcessElement } from '../model';
import type { CompileContext } from './context';
import { asFeel } from './expressions';
import { mapBoundaryEvent, mapEndEvent, mapEventSubProcessStart, mapIntermediateCatchEvent, mapReceiveTask, mapStartEvent, mapThrowEvent } from './map-events';
import { mapBusinessRuleTask, mapCallActivity, mapScriptTask, mapServiceTask, mapUserTask } from './map-tasks';
import { bool, describe, expressionBody, extensions, idOf, label, list, ref, str, typeName, withArticle, type ModdleElement } from './moddle';
import type { ElementBody, GraphFlow, GraphNode } from './types';

export interface MappedProcess {
  /** Supported elements that mapped cleanly; incoming/outgoing are filled in by the graph checks. */
  readonly elements: Record<string, ProcessElement>;
  readonly flows: GraphFlow[];
  /** Every flow node, supported or not, so one unsupported element does not cascade into graph problems. */
  readonly nodes: GraphNode[];
  readonly startEventId?: string;
}

type Mapper = (ctx: CompileContext, el: ModdleElement) => ElementBody | undefined;

const gateway =
  (type: 'exclusiveGateway' | 'inclusiveGateway' | 'parallelGateway'): Mapper =>
  (_ctx, el) => {
    const defaultFlow = type === 'parallelGateway' ? undefined : str(ref(el, 'default'), 'id');
    return { type, ...(defaultFlow && { defaultFlow }) };
  };

const MAPPERS: Record<string, Mapper> = {
  'bpmn:StartEvent': mapStartEvent,
  'bpmn:EndEvent': mapEndEvent,
  'bpmn:UserTask': mapUserTask,
  'bpmn:ServiceTask': mapServiceTask,
  'bpmn:ScriptTask': mapScriptTask,
  'bpmn:BusinessRuleTask': mapBusinessRuleTask,
  'bpmn:CallActivity': mapCallActivity,
  'bpmn:ExclusiveGateway': gateway('exclusiveGateway'),
  'bpmn:InclusiveGateway': gateway('inclusiveGateway'),
  'bpmn:ParallelGateway': gateway('parallelGateway'),
  'bpmn:IntermediateCatchEvent': mapIntermediateCatchEvent,
  'bpmn:ReceiveTask': mapReceiveTask,
  'bpmn:EventBasedGateway': () => ({ type: 'eventBasedGateway' }),
  'bpmn:IntermediateThrowEvent': mapThrowEvent,
  'bpmn:BoundaryEvent': mapBoundaryEvent,
};

/** Data objects and stores carry no behaviour in Zeebe; lanes and artifacts are not flow elements at all. */
const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/** zeebe extensions each element type honours; anything else would silently change nothing, so it is reported. */
const ALLOWED_EXTENSIONS: Record<string, readonly string[]> = {
  userTask: ['zeebe:AssignmentDefinition', 'zeebe:FormDefinition', 'zeebe:TaskSchedule', 'zeebe:UserTask', 'zeebe:PriorityDefinition', 'zeebe:IoMapping', 'zeebe:TaskHeaders'],
  serviceTask: ['zeebe:TaskDefinition', 'zeebe:IoMapping', 'zeebe:JobPriorityDefinition', 'zeebe:TaskHeaders'],
  // The none and message start events' outputs, the none start event's form; the start mapper refuses them on other triggers.
  startEvent: ['zeebe:IoMapping', 'zeebe:FormDefinition'],
  // A job-worker script task is reported by the script mapper with a clearer message.
  scriptTask: ['zeebe:Script', 'zeebe:TaskDefinition'],
  callActivity: ['zeebe:CalledElement', 'zeebe:IoMapping'],
  receiveTask: ['zeebe:IoMapping'],
  businessRuleTask: ['zeebe:CalledDecision'],
  // Only a message trigger uses them; the event mappers report them on other triggers.
  intermediateCatchEvent: ['zeebe:IoMapping'],
  boundaryEvent: ['zeebe:IoMapping'],
  // A throw event's inputs (and a Camunda job type, warned about).
  intermediateThrowEvent: ['zeebe:IoMapping', 'zeebe:TaskDefinition'],
  endEvent: ['zeebe:IoMapping', 'zeebe:TaskDefinition'],
};
const HARMLESS_EXTENSIONS = ['zeebe:Properties'];
const EXTENSION_NAMES: Record<string, string> = {
  'zeebe:IoMapping': 'Input/output mappings',
  'zeebe:TaskHeaders': 'Task headers',
  'zeebe:ExecutionListeners': 'Execution listeners',
  'zeebe:TaskListeners': 'Task listeners',
  'zeebe:LinkedResources': 'Linked resources',
};
/** Prefixes bpmn-moddle knows; it already warns about unknown attributes in these namespaces. */
const KNOWN_PREFIXES = new Set(['xmlns', 'xsi', 'bpmn', 'bpmndi', 'dc', 'di', 'zeebe', 'shouwen', 'bioc', 'color']);

export function mapProcess(ctx: CompileContext, process: ModdleElement): MappedProcess {
  const out = { elements: {} as Record<string, ProcessElement>, flows: [] as GraphFlow[], nodes: [] as GraphNode[] };
  const startEventId = mapScope(ctx, process, undefined, out);
  return { ...out, ...(startEventId && { startEventId }) };
}

/** Maps one process or sub-process level and returns its none start event (an event sub-process: its one triggered start). */
function mapScope(
  ctx: CompileContext,
  container: ModdleElement,
  parentId: string | undefined,
  out: { elements: Record<string, ProcessElement>; flows: GraphFlow[]; nodes: GraphNode[] },
  eventScope = false,
): string | undefined {
  const noneStarts: string[] = [];
  const timerStarts: string[] = [];
  const triggeredStarts: string[] = [];
  let anyStart = false;
  for (const el of list(container, 'flowElements')) {
    if (IGNORED.has(el.$type)) continue;
    if (el.$type === 'bpmn:SequenceFlow') {
      out.flows.push(mapFlow(ctx, el));
      continue;
    }
    const id = idOf(el);
    const name = str(el, 'name');
    const isSubProcess = el.$type === 'bpmn:SubProcess';
    const isEventSubProcess = isSubProcess && bool(el, 'triggeredByEvent') === true;
    const isStart = el.$type === 'bpmn:StartEvent';
    anyStart ||= isStart;
    const attachedTo = str(ref(el, 'attachedToRef'), 'id');
    out.nodes.push({ id, type: typeName(el), ...(name && { name }), ...(parentId && { parentId }), ...(attachedTo && { attachedTo }), isStart, ...(isEventSubProcess && { eventSubProcess: true }) });

    const mapper = eventScope && isStart ? mapEventSubProcessStart : MAPPERS[el.$type];
    if (!isSubProcess && !mapper) {
      ctx.report(el, `${describe(el)} is not supported by Shouwen.`, { code: 'bpmn.element.unsupported' });
      continue;
    }
    // A message start of an event sub-process declares what its message carries, as a catch event does.
    checkCommon(ctx, el, eventScope && isStart ? ['zeebe:IoMapping'] : []);
    let body: ElementBody | undefined;
    if (isSubProcess) {
      const startEventId = mapScope(ctx, el, id, out, isEventSubProcess);
      body = startEventId ? { type: 'subProcess', startEventId, ...(isEventSubProcess && { triggeredByEvent: true as const }) } : undefined;
    } else {
      body = mapper!(ctx, el);
    }
    if (!body) continue;
    // An event sub-process's one start event (with its trigger) is the start of its scope.
    if (eventScope && body.type === 'startEvent') noneStarts.push(id);
    else if (body.type === 'startEvent' && body.timer === undefined && !body.trigger) noneStarts.push(id);
    else if (body.type === 'startEvent' && body.timer !== undefined) {
      if (parentId !== undefined) {
        ctx.report(el, 'A timer start event starts a whole case; inside a sub-process use a plain start event.', { code: 'bpmn.timerStart.inSubProcess' });
        continue;
      }
      timerStarts.push(id);
    } else if (body.type === 'startEvent' && parentId !== undefined) {
      ctx.report(el, 'A message or signal start event belongs at process level or in an event sub-process; an embedded sub-process starts with a plain start event.', { code: 'bpmn.start.triggerInSubProcess' });
      continue;
    } else if (body.type === 'startEvent') triggeredStarts.push(id);
    const element = { id, ...(name && { name }), ...(parentId && { parentId }), incoming: [], outgoing: [], ...body };
    out.elements[id] = element as ProcessElement;
  }

  const scope = parentId === undefined ? { id: idOf(container), type: 'process' } : container;
  const what = parentId === undefined ? 'Process' : 'Sub-process';
  if (!anyStart) {
    ctx.report(scope, `${what} has no start event: no case could ever start ${parentId === undefined ? 'it' : 'inside it'}.`, { code: 'bpmn.process.noStart' });
  } else if (eventScope) {
    if (noneStarts.length > 1) ctx.report(scope, `Event sub-process has ${noneStarts.length} start events (${noneStarts.join(', ')}); Shouwen needs exactly one, with a timer, message or error trigger.`, { code: 'bpmn.eventSubProcess.manyStarts', params: { count: noneStarts.length } });
  } else if (noneStarts.length > 1) {
    ctx.report(scope, `${what} has ${noneStarts.length} start events (${noneStarts.join(', ')}); Shouwen needs exactly one plain start event.`, { code: 'bpmn.process.manyStarts', params: { count: noneStarts.length } });
  }
  // Without a plain start event the process begins only on a schedule (the API then refuses to
  // start it by hand) or by message or signal; the model still names one start.
  return noneStarts.length === 1 ? noneStarts[0] : noneStarts.length === 0 ? (timerStarts.sort()[0] ?? triggeredStarts[0]) : undefined;
}

function mapFlow(ctx: CompileContext, el: ModdleElement): GraphFlow {
  const raw = expressionBody(el, 'conditionExpression');
  const condition = raw === undefined ? undefined : (asFeel(raw) ?? raw);
  if (condition !== undefined) ctx.checkFeel(el, condition, { kind: 'condition' });
  const name = str(el, 'name');
  const source = str(ref(el, 'sourceRef'), 'id');
  const target = str(ref(el, 'targetRef'), 'id');
  return {
    id: idOf(el),
    ...(name && { name }),
    ...(source && { source }),
    ...(target && { target }),
    ...(condition && { condition }),
  };
}

/** What every supported flow node must not carry: behaviour Shouwen would otherwise silently skip. */
function checkCommon(ctx: CompileContext, el: ModdleElement, alsoAllowed: readonly string[]): void {
  const type = typeName(el);
  const kind = label(el).toLowerCase();
  const allowed = [...(ALLOWED_EXTENSIONS[type] ?? []), ...alsoAllowed];
  for (const ext of extensions(el)) {
    if (allowed.includes(ext.$type) || HARMLESS_EXTENSIONS.includes(ext.$type)) continue;
    const what = EXTENSION_NAMES[ext.$type] ?? `Extensions of type <${ext.$type}>`;
    ctx.report(el, `${what} on ${withArticle(kind)} are not supported by Shouwen and would be ignored.`, { code: 'bpmn.extension.unsupported', params: { extension: ext.$type } });
  }
  for (const attr of Object.keys(el.$attrs ?? {})) {
    const prefix = attr.includes(':') ? attr.slice(0, attr.indexOf(':')) : undefined;
    if (prefix === undefined || KNOWN_PREFIXES.has(prefix)) continue;
    ctx.report(el, `Attribute "${attr}" on ${withArticle(kind)} is not a Camunda 8 property; Shouwen does not understand it and would ignore it.`, { code: 'bpmn.attribute.unknown', params: { attr } });
  }
  if (ref(el, 'loopCharacteristics') && type !== 'userTask') {
    ctx.report(el, `Multi-instance on ${withArticle(kind)} is not supported by Shouwen; only user tasks can be multi-instance.`, { code: 'bpmn.multiInstance.notUserTask' });
  }
  if (bool(el, 'isForCompensation')) {
    ctx.report(el, 'Compensation is not supported by Shouwen.', { code: 'bpmn.compensation.unsupported' });
  }
}
