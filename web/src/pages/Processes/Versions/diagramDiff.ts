import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import shouwenModdle from '../../../../../bpmn/shouwen-moddle.json';

/**
 * What changed between two versions of a diagram (issue 18 §4–5), for the deploy dialog and the
 * versions page: elements added, removed and changed, each changed one with its properties before
 * and after. bpmn-js-differ says which elements differ and which only moved; the properties are
 * compared here because the differ reports them swapped and misses nested ones (a candidate group
 * inside zeebe:assignmentDefinition, a documentation text).
 */

export type ChangeKind = 'added' | 'removed' | 'changed';
export interface PropertyChange {
  /** `name`, `documentation`, `dueWorkingDays`, `zeebe:AssignmentDefinition.candidateGroups` … */
  property: string;
  before: string | null;
  after: string | null;
}
export interface ElementChange {
  id: string;
  kind: ChangeKind;
  /** `userTask`, `sequenceFlow` … (what elementTypeLabel words). */
  type: string;
  /** The element's name (the version that has it; the new one when both do); null when unnamed. */
  name: string | null;
  properties: PropertyChange[];
}
export interface DiagramDiff {
  changes: ElementChange[];
  /** Elements only moved or resized on the canvas: coloured, not listed. */
  moved: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- moddle elements are dynamic objects
type Moddle = any;

const moddle = () => new BpmnModdle({ zeebe: zeebeModdle, shouwen: shouwenModdle });

export async function parseDefinitions(xml: string): Promise<Moddle> {
  const { rootElement } = await moddle().fromXML(xml);
  return rootElement;
}

/** Element kinds listed as changes; diagram shapes, labels and event definitions belong to their element. */
const TRACKED = ['bpmn:FlowElement', 'bpmn:Lane', 'bpmn:Participant', 'bpmn:RootElement', 'bpmn:Artifact'];
const tracked = (e: Moddle) => typeof e?.$instanceOf === 'function' && TRACKED.some((t) => e.$instanceOf(t));

/** Children and back-references, not properties of the element itself. */
const SKIPPED = new Set(['$type', '$parent', 'id', 'di', 'flowElements', 'laneSets', 'childLaneSet', 'artifacts', 'incoming', 'outgoing', 'flowNodeRef', 'lanes', 'participants', 'messageFlows', 'rootElements', 'diagrams']);
/** Properties naming another element: compared by what they point at, not its contents. */
const REFERENCES = new Set(['sourceRef', 'targetRef', 'default', 'attachedToRef', 'messageRef', 'errorRef', 'signalRef', 'escalationRef', 'processRef', 'dataObjectRef', 'categoryValueRef']);

function collect(root: Moddle): Map<string, Moddle> {
  const found = new Map<string, Moddle>();
  const seen = new Set<Moddle>();
  const walk = (v: Moddle) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v.$type === 'string' && /^(bpmndi|dc|di):/.test(v.$type)) return;
    if (v.id && tracked(v)) found.set(v.id, v);
    for (const k of Object.keys(v)) if (k !== '$parent' && !REFERENCES.has(k)) walk(v[k]);
  };
  walk(root);
  return found;
}

const refName = (v: Moddle) => (v && typeof v === 'object' ? (v.name as string | undefined) || (v.id as string) : String(v));

/** A nested value as comparable text: moddle's own bookkeeping and ids of nested definitions left out. */
function plain(v: Moddle): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  if (v.$type) out.$type = v.$type;
  for (const k of Object.keys(v).sort()) {
    if (k === '$parent' || k === '$type' || k === 'id' || k === 'di') continue;
    if (k === '$attrs') {
      const attrs = Object.entries(v.$attrs ?? {}).filter(([a]) => !a.startsWith('xmlns'));
      if (attrs.length) out.$attrs = Object.fromEntries(attrs);
      continue;
    }
    out[k] = REFERENCES.has(k) ? refName(v[k]) : plain(v[k]);
  }
  return out;
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** One element's properties, flat: extension values by their type and attribute, the rest by name. */
export function propertiesOf(e: Moddle): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const k of Object.keys(e)) {
    if (SKIPPED.has(k) || REFERENCES.has(k)) continue;
    const v = e[k];
    if (k === '$attrs') {
      for (const [a, value] of Object.entries(v ?? {})) if (!a.startsWith('xmlns')) out.set(a, text(value));
    } else if (k === 'documentation') {
      out.set('documentation', text(((v ?? []) as Moddle[]).map((d) => d.text ?? '').join('\n')));
    } else if (k === 'extensionElements') {
      for (const ext of (v?.values ?? []) as Moddle[]) {
        const p = plain(ext) as Record<string, unknown>;
        const simple = Object.entries(p).filter(([a]) => a !== '$type');
        if (simple.every(([, value]) => value === null || typeof value !== 'object')) for (const [a, value] of simple) out.set(`${ext.$type}.${a}`, text(value));
        else out.set(ext.$type, text(p));
      }
    } else if (k === 'conditionExpression' || k === 'loopCharacteristics' || k === 'eventDefinitions') {
      const p = plain(v);
      out.set(k, text(k === 'conditionExpression' ? ((p as { body?: string } | null)?.body ?? p) : p));
    } else out.set(k, text(plain(v)));
  }
  // moddle keeps resolved references out of the enumerable keys
  for (const k of REFERENCES) if (e[k]) out.set(k, (e[k].id as string | undefined) ?? String(e[k]));
  return out;
}

/** References compare by id (a renamed target is not a changed flow) and show by the target's name. */
function compareProperties(before: Moddle, after: Moddle, old: Map<string, Moddle>, now: Map<string, Moddle>): PropertyChange[] {
  const a = propertiesOf(before);
  const b = propertiesOf(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const shown = (v: string | null, property: string, elements: Map<string, Moddle>) => (v !== null && REFERENCES.has(property) ? (elements.get(v)?.name as string | undefined) || v : v);
  return keys
    .map((property) => ({ property, before: a.get(property) ?? null, after: b.get(property) ?? null }))
    .filter((c) => c.before !== c.after)
    .map((c) => ({ ...c, before: shown(c.before, c.property, old), after: shown(c.after, c.property, now) }))
    .sort((x, y) => propertyRank(x.property) - propertyRank(y.property) || x.property.localeCompare(y.property));
}

const propertyRank = (p: string) => (p === 'name' ? 0 : p === 'documentation' ? 2 : 1);
const typeOf = (e: Moddle) => String(e.$type).replace(/^bpmn:/, '').replace(/^./, (c) => c.toLowerCase());
const KIND_ORDER: Record<ChangeKind, number> = { added: 0, changed: 1, removed: 2 };

/** The changes from `before` to `after` (both parsed definitions). */
export function compareDefinitions(before: Moddle, after: Moddle): DiagramDiff {
  const old = collect(before);
  const now = collect(after);
  const differ = diff(before, after);
  const changes: ElementChange[] = [];
  for (const [id, e] of now) if (!old.has(id)) changes.push({ id, kind: 'added', type: typeOf(e), name: e.name || null, properties: [] });
  for (const [id, e] of old) if (!now.has(id)) changes.push({ id, kind: 'removed', type: typeOf(e), name: e.name || null, properties: [] });
  for (const [id, e] of now) {
    const was = old.get(id);
    if (!was) continue;
    const properties = compareProperties(was, e, old, now);
    // The differ may see a change this flat view does not name (kept, with no properties listed).
    if (properties.length || (differ._changed[id] && Object.keys(differ._changed[id].attrs).length)) changes.push({ id, kind: 'changed', type: typeOf(e), name: e.name || was.name || null, properties });
  }
  changes.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || (x.name ?? x.id).localeCompare(y.name ?? y.id, 'zh-CN'));
  const listed = new Set(changes.map((c) => c.id));
  const moved = Object.keys(differ._layoutChanged).filter((id) => !listed.has(id) && now.has(id));
  return { changes, moved };
}

export async function diffDiagrams(beforeXml: string, afterXml: string): Promise<DiagramDiff> {
  const [before, after] = await Promise.all([parseDefinitions(beforeXml), parseDefinitions(afterXml)]);
  return compareDefinitions(before, after);
}
