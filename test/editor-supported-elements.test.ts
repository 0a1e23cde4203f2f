import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions';
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../bpmn/compile';
import { elementKey, isSupportedElement, SUPPORTED_ELEMENT_KEYS, type ElementScope, type ElementTarget } from '../web/src/pages/Processes/Editor/supportedElements';
import { CREATE_TARGETS, keepSupported } from '../web/src/pages/Processes/Editor/supportedOnly';
import { bpmnXml, flow } from './bpmn-xml';
import { readFileSync } from 'node:fs';

// The editor's list of element kinds it offers, checked against the compiler: every kind bpmn-js can
// create (its replace menu's catalog, plus what only the palette creates) is put in a small diagram and
// compiled; the kind is supported when the compiler reports nothing saying it is not.

/** Problems that mean "Shouwen does not run this kind", as opposed to "fill in this field". */
const UNSUPPORTED = new Set([
  'bpmn.element.unsupported',
  'bpmn.event.unsupportedTrigger',
  'bpmn.eventSubProcess.unsupportedTrigger',
  'bpmn.eventSubProcess.errorNonInterrupting',
  'bpmn.boundary.unsupportedHost',
  'bpmn.boundary.errorNonInterrupting',
  'bpmn.compensation.unsupported',
]);

const tag = (type: string) => `bpmn:${type.slice(5, 6).toLowerCase()}${type.slice(6)}`;
const definition = (t: ElementTarget) => (t.eventDefinitionType ? `<${tag(t.eventDefinitionType)}/>` : '');
const interior = '<bpmn:startEvent id="in_s"/><bpmn:endEvent id="in_e"/>' + flow('in_f', 'in_s', 'in_e');

/** The target as the element `X`, in the smallest diagram where bpmn-js would let it sit. */
function diagrams(t: ElementTarget, scope: ElementScope): string[] {
  const start = '<bpmn:startEvent id="s"/>';
  const end = '<bpmn:endEvent id="e"/>';
  const around = (x: string) => bpmnXml('p', `${start}${x}${end}${flow('f1', 's', 'X')}${flow('f2', 'X', 'e')}`);
  const attrs = [
    t.cancelActivity === false ? ' cancelActivity="false"' : '',
    scope === 'eventSubProcess' && t.isInterrupting === false ? ' isInterrupting="false"' : '',
    t.triggeredByEvent ? ' triggeredByEvent="true"' : '',
  ].join('');
  const x = (inner = '') => `<${tag(t.type)} id="X"${attrs}>${definition(t)}${inner}</${tag(t.type)}>`;
  switch (t.type) {
    case 'bpmn:StartEvent':
      return scope === 'eventSubProcess'
        ? [bpmnXml('p', `${start}${end}${flow('f1', 's', 'e')}<bpmn:subProcess id="esp" triggeredByEvent="true">${x()}<bpmn:endEvent id="in_e"/>${flow('in_f', 'X', 'in_e')}</bpmn:subProcess>`)]
        : [bpmnXml('p', `${x()}${end}${flow('f1', 'X', 'e')}`)];
    case 'bpmn:EndEvent':
      return [bpmnXml('p', `${start}${x()}${flow('f1', 's', 'X')}`)];
    case 'bpmn:BoundaryEvent':
      // the trigger decides the hosts it may sit on; a kind is offered when some host takes it
      return ['userTask', 'serviceTask'].map((host) =>
        bpmnXml('p', `${start}<bpmn:${host} id="h"/>${end}${flow('f1', 's', 'h')}${flow('f2', 'h', 'e')}${x().replace('id="X"', 'id="X" attachedToRef="h"')}<bpmn:endEvent id="e2"/>${flow('f3', 'X', 'e2')}`),
      );
    case 'bpmn:SubProcess':
    case 'bpmn:AdHocSubProcess':
    case 'bpmn:Transaction':
      if (t.triggeredByEvent) {
        const timerStart = '<bpmn:startEvent id="in_s"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="in_e"/>';
        return [bpmnXml('p', `${start}${end}${flow('f1', 's', 'e')}${x(timerStart + flow('in_f', 'in_s', 'in_e'))}`)];
      }
      return [around(x(interior))];
    case 'bpmn:Participant':
      return [
        bpmnXml('p', `${start}${end}${flow('f1', 's', 'e')}`).replace('<bpmn:process', '<bpmn:collaboration id="c"><bpmn:participant id="X" processRef="p"/></bpmn:collaboration><bpmn:process'),
      ];
    case 'bpmn:Lane':
      return [bpmnXml('p', `<bpmn:laneSet id="ls"><bpmn:lane id="X"><bpmn:flowNodeRef>s</bpmn:flowNodeRef><bpmn:flowNodeRef>e</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>${start}${end}${flow('f1', 's', 'e')}`)];
    case 'bpmn:DataObjectReference':
      return [bpmnXml('p', `${start}${end}${flow('f1', 's', 'e')}<bpmn:dataObject id="do"/><bpmn:dataObjectReference id="X" dataObjectRef="do"/>`)];
    case 'bpmn:DataStoreReference':
    case 'bpmn:Group':
    case 'bpmn:TextAnnotation':
      return [bpmnXml('p', `${start}${end}${flow('f1', 's', 'e')}${x()}`)];
    default:
      return [around(x())];
  }
}

async function compilerAccepts(t: ElementTarget, scope: ElementScope) {
  for (const xml of diagrams(t, scope)) {
    const r = await compileBpmn(xml);
    const refusals = r.problems.filter((p) => p.code && UNSUPPORTED.has(p.code));
    if (!refusals.length) return true;
  }
  return false;
}

type Option = { actionName: string; target?: ElementTarget };
const menus = (Object.entries(ReplaceOptions) as [string, unknown][]).filter((e): e is [string, Option[]] => Array.isArray(e[1]));
const targets = new Map<string, { target: ElementTarget; scope: ElementScope }>();
for (const [menu, options] of menus)
  for (const o of options) {
    if (!o.target) continue; // flows: sequence, default, conditional, all supported
    const scope: ElementScope = menu === 'EVENT_SUB_PROCESS_START_EVENT' ? 'eventSubProcess' : 'process';
    targets.set(elementKey(o.target, scope), { target: o.target, scope });
  }
// created from the palette or context pad only
for (const type of ['bpmn:Lane', 'bpmn:Group', 'bpmn:TextAnnotation']) targets.set(type, { target: { type }, scope: 'process' });

describe('the editor offers exactly the elements the compiler runs', () => {
  it('reads bpmn-js\'s catalog of element kinds', () => {
    expect(targets.size).toBeGreaterThan(60);
    expect(targets.has('bpmn:ManualTask')).toBe(true);
  });

  it.each([...targets.keys()].sort())('%s', async (key) => {
    const { target, scope } = targets.get(key)!;
    expect(isSupportedElement(target, scope)).toBe(await compilerAccepts(target, scope));
  });

  it('lists no kind bpmn-js cannot create (a typo would hide a supported element)', () => {
    expect([...SUPPORTED_ELEMENT_KEYS].filter((k) => !targets.has(k))).toEqual([]);
  });

  it('tells the kinds apart: a plain task, an escalation, a non-interrupting error are left out', () => {
    expect(isSupportedElement({ type: 'bpmn:Task' })).toBe(false);
    expect(isSupportedElement({ type: 'bpmn:UserTask' })).toBe(true);
    expect(isSupportedElement({ type: 'bpmn:EndEvent', eventDefinitionType: 'bpmn:EscalationEventDefinition' })).toBe(false);
    expect(isSupportedElement({ type: 'bpmn:StartEvent', eventDefinitionType: 'bpmn:ErrorEventDefinition', isInterrupting: false }, 'eventSubProcess')).toBe(false);
    expect(isSupportedElement({ type: 'bpmn:StartEvent', eventDefinitionType: 'bpmn:ErrorEventDefinition', isInterrupting: true }, 'eventSubProcess')).toBe(true);
  });
});

describe('the palette and the context pad', () => {
  const sources = ['palette/PaletteProvider.js', 'context-pad/ContextPadProvider.js'].map((f) => readFileSync(new URL(`../node_modules/bpmn-js/lib/features/${f}`, import.meta.url), 'utf8')).join('\n');
  const ids = new Set([...sources.matchAll(/'((?:create|append)\.[a-z-]+)':/g)].map((m) => m[1]!));

  it('knows what every create and append entry of bpmn-js creates (a new one would slip through unfiltered)', () => {
    expect(ids.size).toBeGreaterThan(15);
    expect([...ids].filter((id) => !(id in CREATE_TARGETS)).sort()).toEqual([]);
    expect(Object.keys(CREATE_TARGETS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('keeps tools and supported kinds, drops the rest', () => {
    const entries = Object.fromEntries(['hand-tool', 'create.start-event', 'create.task', 'append.condition-intermediate-event', 'append.compensation-activity', 'append.timer-intermediate-event', 'delete'].map((id) => [id, { title: id }]));
    expect(Object.keys(keepSupported(entries, (id) => CREATE_TARGETS[id]))).toEqual(['hand-tool', 'create.start-event', 'append.timer-intermediate-event', 'delete']);
  });
});
