// Which element kinds the editor offers: those Shouwen's compiler maps (bpmn/compiler/map-elements.ts,
// map-events.ts; README "What a diagram can use"). Anything else could be drawn but never deployed,
// so the palette, context pad and replace menu leave it out. test/editor-supported-elements.test.ts
// compiles every kind bpmn-js can create and fails when this list and the compiler disagree.

/** What bpmn-js's ReplaceOptions say an entry creates. */
export interface ElementTarget {
  type: string;
  eventDefinitionType?: string;
  triggeredByEvent?: boolean;
  /** false on a non-interrupting boundary event */
  cancelActivity?: boolean;
  /** false on a non-interrupting start event of an event sub-process */
  isInterrupting?: boolean;
}

/** Where the element sits: a start event inside an event sub-process takes other triggers than a process's. */
export type ElementScope = 'process' | 'eventSubProcess';

const SUPPORTED = new Set([
  // start events of a process: none, timer (a Schedule), message, signal
  'bpmn:StartEvent',
  'bpmn:StartEvent+Timer',
  'bpmn:StartEvent+Message',
  'bpmn:StartEvent+Signal',
  // start events of an event sub-process, interrupting or not (an error always interrupts)
  'eventSubProcess:bpmn:StartEvent+Timer',
  'eventSubProcess:bpmn:StartEvent+Message',
  'eventSubProcess:bpmn:StartEvent+Signal',
  'eventSubProcess:bpmn:StartEvent+Error',
  'eventSubProcess:bpmn:StartEvent+Timer~',
  'eventSubProcess:bpmn:StartEvent+Message~',
  'eventSubProcess:bpmn:StartEvent+Signal~',
  'bpmn:EndEvent',
  'bpmn:EndEvent+Terminate',
  'bpmn:EndEvent+Error',
  'bpmn:EndEvent+Message',
  'bpmn:EndEvent+Signal',
  'bpmn:IntermediateThrowEvent',
  'bpmn:IntermediateThrowEvent+Message',
  'bpmn:IntermediateThrowEvent+Signal',
  'bpmn:IntermediateCatchEvent+Timer',
  'bpmn:IntermediateCatchEvent+Message',
  'bpmn:IntermediateCatchEvent+Signal',
  'bpmn:BoundaryEvent+Timer',
  'bpmn:BoundaryEvent+Message',
  'bpmn:BoundaryEvent+Signal',
  'bpmn:BoundaryEvent+Error',
  'bpmn:BoundaryEvent+Timer~',
  'bpmn:BoundaryEvent+Message~',
  'bpmn:BoundaryEvent+Signal~',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask',
  'bpmn:CallActivity',
  'bpmn:ReceiveTask',
  'bpmn:SubProcess',
  'bpmn:SubProcess(event)',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
  // no behaviour, but allowed in a diagram: pools and lanes, data, artifacts
  'bpmn:Participant',
  'bpmn:Lane',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:Group',
  'bpmn:TextAnnotation',
]);

/** `bpmn:BoundaryEvent+Timer~`: type, trigger, `~` when non-interrupting, `(event)` for an event sub-process. */
export function elementKey(target: ElementTarget, scope: ElementScope = 'process'): string {
  const trigger = target.eventDefinitionType ? `+${target.eventDefinitionType.replace(/^bpmn:(\w+)EventDefinition$/, '$1')}` : '';
  const isStart = target.type === 'bpmn:StartEvent';
  const inEventSubProcess = isStart && scope === 'eventSubProcess';
  const nonInterrupting = target.cancelActivity === false || (inEventSubProcess && target.isInterrupting === false) ? '~' : '';
  const event = target.type === 'bpmn:SubProcess' && target.triggeredByEvent ? '(event)' : '';
  return `${inEventSubProcess ? 'eventSubProcess:' : ''}${target.type}${event}${trigger}${nonInterrupting}`;
}

export const isSupportedElement = (target: ElementTarget, scope: ElementScope = 'process') => SUPPORTED.has(elementKey(target, scope));

/** Every supported key, for the test that checks them against the compiler. */
export const SUPPORTED_ELEMENT_KEYS: ReadonlySet<string> = SUPPORTED;
