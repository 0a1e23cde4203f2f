import type { ProcessElement } from '../model';
import type { CompileContext } from './context';
import { asFeel } from './expressions';
import { mapBoundaryEvent, mapEndEvent, mapIntermediateCatchEvent, mapReceiveTask, mapStartEvent, mapThrowEvent } from './map-events';
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
  // The none start event's outputs and form; the start mapper refuses them on other triggers.
  startEvent: ['zeebe:IoMapping', 'zeebe:FormDefinition'],
  // A job-worker script task is reported by the script mapper with a clearer message.
  scriptTask: ['zeebe:Script', 'zeebe:TaskDefinition'],
  callActivity: ['zeebe:CalledElement', 'zeebe:IoMapping'],
  receiveTask: ['zeebe:IoMapping'],
  businessRuleTask: ['zeebe:CalledDecision'],
  // Only a message trigger uses them; the event mappers report them on other triggers.
  intermediateCatchEvent: ['zeebe:IoMapping'],
  boundaryEvent: ['zeebe:IoMapping'],
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

/** Maps one process or sub-process level and returns its none start event. */
function mapScope(
  ctx: CompileContext,
  container: ModdleElement,
  parentId: string | undefined,
  out: { elements: Record<string, ProcessElement>; flows: GraphFlow[]; nodes: GraphNode[] },
): string | undefined {
  const noneStarts: string[] = [];
  let anyStart = false;
  for (const el of list(container, 'flowElements')) {
    if (IGNORED.has(el.$type)) continue;
    if (el.$type === 'bpmn:SequenceFlow') {
      out.flows.push(mapFlow(ctx, el));
      continue;
    }
    const id = idOf(el);
    const name = str(el, 'name');
    const isSubProcess = el.$type === 'bpmn:SubProcess' && !bool(el, 'triggeredByEvent');
    if (el.$type === 'bpmn:SubProcess' && !isSubProcess) {
      ctx.report(el, `Event sub-process${name ? ` "${name}"` : ''} (${id}) is not supported by Shouwen.`, { code: 'bpmn.eventSubProcess.unsupported', params: { name: name ?? id } });
      continue;
    }
    const isStart = el.$type === 'bpmn:StartEvent';
    anyStart ||= isStart;
    const attachedTo = str(ref(el, 'attachedToRef'), 'id');
    out.nodes.push({ id, type: typeName(el), ...(name && { name }), ...(parentId && { parentId }), ...(attachedTo && { attachedTo }), isStart });

    const mapper = MAPPERS[el.$type];
    if (!isSubProcess && !mapper) {
      ctx.report(el, `${describe(el)} is not supported by Shouwen.`, { code: 'bpmn.element.unsupported' });
      continue;
    }
    checkCommon(ctx, el);
    let body: ElementBody | undefined;
    if (isSubProcess) {
      const startEventId = mapScope(ctx, el, id, out);
      body = startEventId ? { type: 'subProcess', startEventId } : undefined;
    } else {
      body = mapper!(ctx, el);
    }
    if (!body) continue;
    if (body.type === 'startEvent') noneStarts.push(id);
    const element = { id, ...(name && { name }), ...(parentId && { parentId }), incoming: [], outgoing: [], ...body };
    out.elements[id] = element as ProcessElement;
  }

  const scope = parentId === undefined ? { id: idOf(container), type: 'process' } : container;
  const what = parentId === undefined ? 'Process' : 'Sub-process';
  if (!anyStart) {
    ctx.report(scope, `${what} has no start event: no case could ever start ${parentId === undefined ? 'it' : 'inside it'}.`, { code: 'bpmn.process.noStart' });
  } else if (noneStarts.length > 1) {
    ctx.report(scope, `${what} has ${noneStarts.length} start events (${noneStarts.join(', ')}); Shouwen needs exactly one plain start event.`, { code: 'bpmn.process.manyStarts', params: { count: noneStarts.length } });
  }
  return noneStarts.length === 1 ? noneStarts[0] : undefined;
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
function checkCommon(ctx: CompileContext, el: ModdleElement): void {
  const type = typeName(el);
  const kind = label(el).toLowerCase();
  const allowed = ALLOWED_EXTENSIONS[type] ?? [];
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
