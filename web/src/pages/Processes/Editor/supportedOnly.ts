// A bpmn-js module that leaves out of the palette, the context pad and the replace menu every element
// kind Shouwen's engine does not run (supportedElements.ts), so a process owner cannot draw what would
// only be refused at validation. bpmn-js's plain "task" is one of them: the palette and the context
// pad offer a user task and a service task in its place.
import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions';
import { isEventSubProcess } from 'bpmn-js/lib/util/DiUtil';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { isSupportedElement, type ElementScope, type ElementTarget } from './supportedElements';

type Translate = (template: string) => string;
type Element = { type: string; parent?: Element; businessObject?: unknown };
type Entry = { group?: string; className?: string; title?: string; action?: unknown };
type Entries = Record<string, Entry>;
type EventLike = unknown;

interface ElementFactory {
  createShape(attrs: { type: string }): unknown;
}
interface Create {
  start(event: EventLike, shape: unknown, context?: { source: Element }): void;
}
interface AutoPlace {
  append(source: Element, shape: unknown): void;
}
interface Registry<P> {
  registerProvider(priority: number, provider: P): void;
}
interface PopupMenu {
  registerProvider(id: string, priority: number, provider: unknown): void;
}

/** Replace-menu entries by id (ReplaceOptions' action names) and what each creates. */
const REPLACE_TARGETS = new Map<string, ElementTarget>(
  (Object.values(ReplaceOptions) as unknown[])
    .filter((v): v is { actionName: string; target?: ElementTarget }[] => Array.isArray(v))
    .flat()
    .flatMap((o) => (o.target ? [[o.actionName, o.target] as const] : [])),
);

/** What bpmn-js's palette and context pad entries create (PaletteProvider.js, ContextPadProvider.js). */
export const CREATE_TARGETS: Readonly<Record<string, ElementTarget>> = {
  'create.start-event': { type: 'bpmn:StartEvent' },
  'create.intermediate-event': { type: 'bpmn:IntermediateThrowEvent' },
  'create.end-event': { type: 'bpmn:EndEvent' },
  'create.exclusive-gateway': { type: 'bpmn:ExclusiveGateway' },
  'create.task': { type: 'bpmn:Task' },
  'create.data-object': { type: 'bpmn:DataObjectReference' },
  'create.data-store': { type: 'bpmn:DataStoreReference' },
  'create.subprocess-expanded': { type: 'bpmn:SubProcess' },
  'create.participant-expanded': { type: 'bpmn:Participant' },
  'create.group': { type: 'bpmn:Group' },
  'append.end-event': { type: 'bpmn:EndEvent' },
  'append.gateway': { type: 'bpmn:ExclusiveGateway' },
  'append.append-task': { type: 'bpmn:Task' },
  'append.intermediate-event': { type: 'bpmn:IntermediateThrowEvent' },
  'append.receive-task': { type: 'bpmn:ReceiveTask' },
  'append.message-intermediate-event': { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:MessageEventDefinition' },
  'append.timer-intermediate-event': { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' },
  'append.condition-intermediate-event': { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:ConditionalEventDefinition' },
  'append.signal-intermediate-event': { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:SignalEventDefinition' },
  // a task for compensation: Shouwen runs no compensation
  'append.compensation-activity': { type: 'bpmn:Task', eventDefinitionType: 'bpmn:CompensateEventDefinition' },
  'append.text-annotation': { type: 'bpmn:TextAnnotation' },
};

/** Header toggles of the replace menu: only user tasks may be multi-instance, and only in parallel. */
const HEADER_RULES: Readonly<Record<string, (el: Element) => boolean>> = {
  'toggle-parallel-mi': (el) => is(el, 'bpmn:UserTask'),
  'toggle-sequential-mi': () => false,
  'toggle-loop': () => false,
};

/** Entries kept: those creating a supported kind, and everything that creates nothing (tools, delete, connect). */
export function keepSupported(entries: Entries, targets: (id: string) => ElementTarget | undefined, scope: ElementScope = 'process'): Entries {
  return Object.fromEntries(
    Object.entries(entries).filter(([id]) => {
      const target = targets(id);
      return !target || isSupportedElement(target, scope);
    }),
  );
}

const scopeOf = (el: Element): ElementScope => (is(el, 'bpmn:StartEvent') && el.parent && isEventSubProcess(el.parent as never) ? 'eventSubProcess' : 'process');

/** A user task and a service task where bpmn-js would offer its plain task, beside the entry they replace. */
function tasksInsteadOf(entries: Entries, id: string, make: (type: string, className: string, title: string) => Entry, titles: [string, string]): Entries {
  if (!(id in entries)) return entries;
  const out: Entries = {};
  for (const [key, entry] of Object.entries(entries)) {
    if (key !== id) {
      out[key] = entry;
      continue;
    }
    const prefix = id.slice(0, id.indexOf('.'));
    out[`${prefix}.user-task`] = make('bpmn:UserTask', 'bpmn-icon-user', titles[0]);
    out[`${prefix}.service-task`] = make('bpmn:ServiceTask', 'bpmn-icon-service', titles[1]);
  }
  return out;
}

function SupportedOnly(
  this: unknown,
  palette: Registry<unknown>,
  contextPad: Registry<unknown>,
  popupMenu: PopupMenu,
  elementFactory: ElementFactory,
  create: Create,
  autoPlace: AutoPlace,
  translate: Translate,
) {
  const byCreate = (id: string) => CREATE_TARGETS[id];
  // after bpmn-js's own providers (priority 1000): they add the entries, these updaters filter them
  palette.registerProvider(500, {
    getPaletteEntries: () => (entries: Entries) =>
      tasksInsteadOf(
        keepSupported(entries, (id) => (id === 'create.task' ? undefined : byCreate(id))),
        'create.task',
        (type, className, title) => {
          const start = (event: EventLike) => create.start(event, elementFactory.createShape({ type }));
          return { group: 'activity', className, title, action: { dragstart: start, click: start } };
        },
        [translate('Create user task'), translate('Create service task')],
      ),
  });
  contextPad.registerProvider(500, {
    getContextPadEntries: (element: Element) => (entries: Entries) =>
      tasksInsteadOf(
        keepSupported(entries, (id) => (id === 'append.append-task' ? undefined : byCreate(id))),
        'append.append-task',
        (type, className, title) => ({
          group: 'model',
          className,
          title,
          action: {
            dragstart: (event: EventLike) => create.start(event, elementFactory.createShape({ type }), { source: element }),
            click: () => autoPlace.append(element, elementFactory.createShape({ type })),
          },
        }),
        [translate('Append user task'), translate('Append service task')],
      ),
  });
  popupMenu.registerProvider('bpmn-replace', 500, {
    getPopupMenuEntries: (target: Element) => (entries: Entries) => keepSupported(entries, (id) => REPLACE_TARGETS.get(id), scopeOf(target)),
    getPopupMenuHeaderEntries: (target: Element) => (entries: Entries) =>
      Object.fromEntries(Object.entries(entries).filter(([id]) => !HEADER_RULES[id] || HEADER_RULES[id](target))),
  });
}
SupportedOnly.$inject = ['palette', 'contextPad', 'popupMenu', 'elementFactory', 'create', 'autoPlace', 'translate'];

export const SupportedOnlyModule = { __init__: ['shouwenSupportedOnly'], shouwenSupportedOnly: ['type', SupportedOnly] };
