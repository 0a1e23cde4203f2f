import type { FormJsSchema } from '../../../../../contract';
import type { MessageKey } from '../../../i18n/messages';
import type { ChangeKind } from './diagramDiff';

/**
 * What changed in the forms between two versions (issue 18 §4–5), beside the diagram diff: forms
 * added, removed or changed, and in a changed form its fields added, removed and changed, each by
 * its label with the properties an owner sets before → after. Pure: the deploy dialog and the
 * version comparison pass the forms each version uses.
 */

export interface FieldPropertyChange {
  /** `label`, `type`, `required`, `options` … (FIELD_PROPERTIES). */
  property: FieldProperty;
  before: string | null;
  after: string | null;
}
export interface FieldChange {
  kind: ChangeKind;
  /** The field's label (or its text, key or id when it has none), the version that has it; the new one when both do. */
  label: string;
  type: string;
  required: boolean;
  properties: FieldPropertyChange[];
}
export interface FormChange {
  formId: string;
  kind: ChangeKind;
  /** The steps showing the form (the newer version's when it has the form). */
  steps: string[];
  fields: FieldChange[];
}

/** The forms of one version and, per form id, the names of the steps that show it. */
export interface VersionForms {
  forms: Readonly<Record<string, unknown>>;
  uses: Readonly<Record<string, readonly string[]>>;
}

type Component = Record<string, unknown>;

const FIELD_PROPERTIES = ['label', 'type', 'required', 'options', 'description', 'defaultValue', 'text', 'readonly', 'disabled', 'limits', 'pattern'] as const;
export type FieldProperty = (typeof FIELD_PROPERTIES)[number];

const text = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** Every component of a form, groups and dynamic lists opened, in order. */
function componentsOf(form: unknown): Component[] {
  const out: Component[] = [];
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const c of list as Component[]) {
      if (!c || typeof c !== 'object') continue;
      out.push(c);
      walk(c.components);
    }
  };
  walk((form as FormJsSchema | null)?.components);
  return out;
}

/** A field is the same field across versions when its key (the variable it writes) is; a field without one by its id. */
const identity = (c: Component) => (typeof c.key === 'string' && c.key ? `key:${c.key}` : typeof c.id === 'string' ? `id:${c.id}` : null);
const validateOf = (c: Component) => (c.validate && typeof c.validate === 'object' ? (c.validate as Record<string, unknown>) : {});
const isRequired = (c: Component) => validateOf(c).required === true;

/** A field's name as a person reads it: its label, else the start of its text, else its key or id. */
export function fieldName(c: Component): string {
  if (typeof c.label === 'string' && c.label.trim()) return c.label.trim();
  if (typeof c.text === 'string' && c.text.trim()) {
    const first = c.text.trim().split('\n')[0]!;
    return first.length > 30 ? `${first.slice(0, 30)}…` : first;
  }
  return String(c.key ?? c.id ?? c.type ?? '');
}

/** The properties compared, flat and as text (options by their labels, in order). */
function propertiesOf(c: Component): Record<FieldProperty, string | null> {
  const v = validateOf(c);
  const options = Array.isArray(c.values) ? (c.values as Component[]).map((o) => String(o.label ?? o.value ?? '')).join('、') : null;
  const limits = [v.min !== undefined && `≥ ${String(v.min)}`, v.max !== undefined && `≤ ${String(v.max)}`, v.minLength !== undefined && `≥ ${String(v.minLength)} 字`, v.maxLength !== undefined && `≤ ${String(v.maxLength)} 字`].filter(Boolean).join('，');
  return {
    label: text(c.label),
    type: text(c.type),
    required: isRequired(c) ? 'yes' : 'no',
    options: text(options),
    description: text(c.description),
    defaultValue: text(c.defaultValue),
    text: text(c.text),
    readonly: c.readonly === undefined || c.readonly === false ? null : text(c.readonly),
    disabled: c.disabled === true ? 'yes' : null,
    limits: text(limits),
    pattern: text(v.pattern),
  };
}

function compareFields(before: unknown, after: unknown): FieldChange[] {
  const index = (form: unknown) => {
    const m = new Map<string, Component>();
    for (const c of componentsOf(form)) {
      const id = identity(c);
      if (id && !m.has(id)) m.set(id, c);
    }
    return m;
  };
  const old = index(before);
  const now = index(after);
  const describe = (kind: ChangeKind, c: Component, properties: FieldPropertyChange[] = []): FieldChange => ({ kind, label: fieldName(c), type: String(c.type ?? ''), required: isRequired(c), properties });
  const out: FieldChange[] = [];
  for (const [id, c] of now) if (!old.has(id)) out.push(describe('added', c));
  for (const [id, c] of old) if (!now.has(id)) out.push(describe('removed', c));
  for (const [id, c] of now) {
    const was = old.get(id);
    if (!was) continue;
    const a = propertiesOf(was);
    const b = propertiesOf(c);
    const properties = FIELD_PROPERTIES.filter((p) => a[p] !== b[p]).map((p) => ({ property: p, before: a[p], after: b[p] }));
    if (properties.length) out.push(describe('changed', c, properties));
  }
  return out;
}

/** The forms that changed from `before` to `after`: only forms a step of that version shows count (the server stores no others). */
export function diffForms(before: VersionForms, after: VersionForms): FormChange[] {
  const used = (v: VersionForms) => new Set(Object.keys(v.forms).filter((id) => (v.uses[id]?.length ?? 0) > 0));
  const old = used(before);
  const now = used(after);
  const steps = (id: string) => [...(after.uses[id] ?? before.uses[id] ?? [])];
  const out: FormChange[] = [];
  for (const id of [...new Set([...old, ...now])].sort()) {
    const kind: ChangeKind | null = !old.has(id) ? 'added' : !now.has(id) ? 'removed' : null;
    if (kind === 'added') out.push({ formId: id, kind, steps: steps(id), fields: compareFields(null, after.forms[id]) });
    else if (kind === 'removed') out.push({ formId: id, kind, steps: steps(id), fields: [] });
    else {
      const fields = compareFields(before.forms[id], after.forms[id]);
      if (fields.length) out.push({ formId: id, kind: 'changed', steps: steps(id), fields });
    }
  }
  return out;
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const TYPE_KEYS: Record<string, MessageKey> = {
  textfield: 'formDiff.type.textfield',
  textarea: 'formDiff.type.textarea',
  number: 'formDiff.type.number',
  datetime: 'formDiff.type.datetime',
  checkbox: 'formDiff.type.checkbox',
  checklist: 'formDiff.type.checklist',
  radio: 'formDiff.type.radio',
  select: 'formDiff.type.select',
  taglist: 'formDiff.type.taglist',
  text: 'formDiff.type.text',
  group: 'formDiff.type.group',
};
const typeName = (type: string | null, t: Translate) => (type && TYPE_KEYS[type] ? t(TYPE_KEYS[type]) : (type ?? t('diff.empty')));

const MAX_VALUE = 80;
function valueText(property: FieldProperty, v: string | null, t: Translate): string {
  if (v === null) return t('diff.empty');
  if (property === 'required' || property === 'disabled') return t(v === 'yes' ? 'formDiff.yes' : 'formDiff.no');
  if (property === 'type') return typeName(v, t);
  return v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v;
}

export interface FormChangeLine {
  formId: string;
  kind: ChangeKind;
  /** 告知协商的表单 (a form is known by the steps that show it; its id is the key only). */
  title: string;
  /** 新增字段「总经理意见」（多行文本，必填）; 字段「协商记录」：标签：… → …. */
  details: string[];
}

/** The form changes as the deploy dialog and the version comparison list them, in the console's language. */
export function formChangeLines(changes: readonly FormChange[], t: Translate): FormChangeLine[] {
  return changes.map((f) => ({
    formId: f.formId,
    kind: f.kind,
    title: t(f.steps.length ? 'formDiff.form' : 'formDiff.formUnused', { steps: f.steps.join('、') }),
    details: f.fields.flatMap((c) => {
      const name = { name: c.label, type: typeName(c.type, t) };
      if (c.kind === 'added') return [t(c.required ? 'formDiff.fieldAddedRequired' : 'formDiff.fieldAdded', name)];
      if (c.kind === 'removed') return [t('formDiff.fieldRemoved', name)];
      return c.properties.map((p) => t('formDiff.fieldChanged', { name: c.label, property: t(`formDiff.prop.${p.property}`), before: valueText(p.property, p.before, t), after: valueText(p.property, p.after, t) }));
    }),
  }));
}

/**
 * Per form id, the names of the steps of a parsed diagram that show it (zeebe:formDefinition formId,
 * or formKey); a step without a name as `unnamed` says its BPMN type (`userTask` → 未命名的人工任务), never by its id.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- moddle elements are dynamic objects
export function formUsesOf(definitions: any, unnamed: (elementType: string) => string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const seen = new Set<unknown>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const walk = (e: any) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    for (const ext of (e.extensionElements?.values ?? []) as { $type?: string; formId?: string; formKey?: string }[]) {
      const id = ext.$type === 'zeebe:FormDefinition' ? (ext.formId ?? ext.formKey) : undefined;
      if (id) (out[id] ??= []).push(e.name ? String(e.name) : unnamed(String(e.$type ?? '').replace(/^bpmn:(.)/, (_: string, c: string) => c.toLowerCase())));
    }
    for (const list of [e.rootElements, e.flowElements]) if (Array.isArray(list)) list.forEach(walk);
  };
  walk(definitions);
  return out;
}
