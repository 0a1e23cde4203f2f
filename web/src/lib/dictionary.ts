import type { FormJsSchema } from '../../../contract';
import { SERVICE_TASK_OUTPUTS, serviceOutput, type OutputField, type OutputSpec, type RecordOutput, type Words } from '../../../bpmn/service-task-outputs';

// The variable dictionary: what a process version's deployed forms say about each variable they
// capture (its label, its option labels, whether it is a date, money or a yes/no), so a case's data
// reads as the person who typed it saw it, not as raw keys, codes and UTC timestamps. What the
// shipped service tasks write is worded by their catalog (bpmn/service-task-outputs.ts) instead.
//
// Money: a number field is money when its form says so: a ¥/￥/元 prefix or suffix adorner, a
// label ending in （元）, or a custom property `money` (form-js "Custom properties", any value but
// "false"); or when its key ends in Amount/Fee/Price/Cost (`compensationAmount`, `fee`). A variable
// no form describes is money by the same key rule when its value is a number (`amount`).

export type VariableKind = 'text' | 'number' | 'money' | 'percent' | 'boolean' | 'date' | 'datetime' | 'time' | 'options' | 'list' | 'record' | 'records';

export interface DictionaryEntry {
  key: string;
  label: string;
  kind: VariableKind;
  /** Option code → label (select, radio, checklist, taglist). */
  options?: ReadonlyMap<unknown, string>;
  /** A shipped service task's output: its words in both languages, its codes and record fields (bpmn/service-task-outputs.ts). */
  output?: OutputSpec;
  /** False when the diagram labels the output itself (a step's summary): `label` is then shown in every language. */
  outputLabel?: boolean;
  /** The name of the decision or script step whose result this is, when nothing else names the variable. */
  resultOf?: string;
}

/** Variables in the forms' order (the first form naming a key wins). */
export type VariableDictionary = ReadonlyMap<string, DictionaryEntry>;

export type Lang = 'zh-CN' | 'en';

interface Component {
  type?: string;
  key?: string;
  label?: string;
  subtype?: string;
  values?: { value?: unknown; label?: string }[];
  appearance?: { prefixAdorner?: string; suffixAdorner?: string };
  properties?: Record<string, unknown>;
  components?: Component[];
}

const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview', 'group', 'dynamiclist']);
const MONEY_ADORNER = /^\s*(¥|￥|元|CNY|RMB)\s*$/i;
const MONEY_NAME = /(amount|fee|price|cost)$/i;
const MONEY_LABEL = /[（(]\s*元\s*[）)]\s*$/;

function* walk(components: Component[] | undefined): Generator<Component> {
  for (const c of components ?? []) {
    if (c.key && c.type && !DISPLAY_ONLY.has(c.type)) yield c;
    yield* walk(c.components);
  }
}

function kindOf(c: Component): VariableKind {
  switch (c.type) {
    case 'number': {
      const money = c.properties?.money;
      const adorned = [c.appearance?.prefixAdorner, c.appearance?.suffixAdorner].some((a) => a && MONEY_ADORNER.test(a));
      const said = adorned || MONEY_LABEL.test(c.label ?? '') || (money !== undefined && money !== 'false' && money !== false);
      return said || MONEY_NAME.test(c.key ?? '') ? 'money' : 'number';
    }
    case 'checkbox':
      return 'boolean';
    case 'datetime':
      return c.subtype === 'date' ? 'date' : c.subtype === 'time' ? 'time' : 'datetime';
    case 'select':
    case 'radio':
      return 'options';
    case 'checklist':
    case 'taglist':
      return 'list';
    default:
      return 'text';
  }
}

/**
 * The dictionary of `forms` (taken in the order given: pass them in the order their steps come),
 * of `extraLabels` (labels the diagram gives variables no form captures, e.g. a decision
 * summary's `amount:申请金额`) and of what the version's service tasks (`serviceTypes`) write.
 */
export function buildDictionary(
  forms: Iterable<FormJsSchema> | Record<string, FormJsSchema> | undefined,
  extraLabels: Record<string, string> = {},
  serviceTypes: Iterable<string> = [],
  results: Record<string, string> = {},
): VariableDictionary {
  const out = new Map<string, DictionaryEntry>();
  const list = forms === undefined ? [] : Symbol.iterator in forms ? [...(forms as Iterable<FormJsSchema>)] : Object.values(forms);
  for (const form of list) {
    for (const c of walk((form as { components?: Component[] }).components)) {
      const key = c.key!;
      if (out.has(key)) continue;
      const options = c.values?.length ? new Map(c.values.filter((v) => v.label).map((v) => [v.value, v.label!] as const)) : undefined;
      out.set(key, { key, label: c.label?.trim() || key, kind: kindOf(c), ...(options && { options }) });
    }
  }
  const labelled = new Set<string>();
  for (const [key, label] of Object.entries(extraLabels)) {
    if (!out.has(key)) out.set(key, { key, label, kind: 'text' });
    labelled.add(key);
  }
  // What a named decision or script step computes, when nothing above names it: 「评定信用等级」的结果.
  for (const [key, step] of Object.entries(results)) if (!out.has(key)) out.set(key, { key, label: step, kind: 'text', resultOf: step });
  // A team's own job type (an external job) writes what it likes: its variables stay under 其他.
  for (const type of serviceTypes) {
    if (!Object.hasOwn(SERVICE_TASK_OUTPUTS, type)) continue;
    for (const key of SERVICE_TASK_OUTPUTS[type as keyof typeof SERVICE_TASK_OUTPUTS]) {
      const output = serviceOutput(key)!;
      const known = out.get(key);
      // A form says what its own field holds; a summary's label only names it, so the value still reads as the task wrote it.
      if (!known) out.set(key, { key, label: output.zh, kind: output.kind, output });
      // A read-only text field showing what the task wrote (档案秘密等级 on a review form) names it the same way: its code still reads in words.
      else if ((labelled.has(key) || (known.kind === 'text' && !known.options)) && !known.output) out.set(key, { ...known, kind: output.kind, output, outputLabel: false });
    }
  }
  return out;
}

const WORDS = {
  'zh-CN': { yes: '是', no: '否', sep: '、' },
  en: { yes: 'Yes', no: 'No', sep: ', ' },
} as const;

const pad = (n: number) => String(n).padStart(2, '0');
const CHINA_OFFSET_MS = 8 * 3600_000; // China has had no daylight saving since 1991.

/** `2026-12-02 21:37` in China time, or undefined when `value` is not a timestamp with a time. */
export function chinaDateTime(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  // A timestamp without offset is taken as China time (what a person in China typed).
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+08:00`);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** ¥5,000.00 in either language. */
export function formatMoney(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(n);
}

const optionLabel = (entry: DictionaryEntry | undefined, v: unknown) => entry?.options?.get(v) ?? scalar(v);

function scalar(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** One value as a person reads it: option labels, China time, money, 是/否. */
export function formatVariable(entry: DictionaryEntry | undefined, key: string, value: unknown, lang: Lang): string {
  const w = WORDS[lang];
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : optionLabel(entry, v))).join(w.sep) : '—';
  const kind = entry?.kind;
  if (typeof value === 'number') {
    if (entry?.options?.has(value)) return entry.options.get(value)!;
    if (kind === 'money' || ((!entry || kind === 'text') && MONEY_NAME.test(key))) return formatMoney(value, lang);
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(value);
  }
  if (typeof value === 'string') {
    if (entry?.options?.has(value)) return entry.options.get(value)!;
    if (kind === 'date') return value.slice(0, 10);
    if (kind === 'time') return value.slice(0, 5);
    return chinaDateTime(value) ?? value;
  }
  return JSON.stringify(value);
}

const isRecordOutput = (spec: OutputSpec): spec is RecordOutput => spec.kind === 'record' || spec.kind === 'records';
const say = (words: Words, lang: Lang) => (lang === 'en' ? words.en : words.zh);
const RECORD_WORDS = {
  'zh-CN': { fields: '，', records: '；', open: '（', close: '）' },
  en: { fields: ', ', records: '; ', open: ' (', close: ')' },
} as const;

/** A value no catalog kind fits (a task's older shape): its parts as text, never its field names or JSON. */
function plain(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => plain(x, lang)).join(WORDS[lang].sep) : '—';
  if (typeof v === 'object') return Object.values(v).map((x) => plain(x, lang)).join(' ');
  if (typeof v === 'boolean') return v ? WORDS[lang].yes : WORDS[lang].no;
  return String(v);
}

function formatField(spec: OutputField, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  const coded = (x: unknown) => (typeof x === 'string' && spec.kind !== 'text' && 'options' in spec && spec.options?.[x] ? say(spec.options[x], lang) : plain(x, lang));
  switch (spec.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? (v ? WORDS[lang].yes : WORDS[lang].no) : plain(v, lang);
    case 'money':
      return typeof v === 'number' ? formatMoney(v, lang) : plain(v, lang);
    case 'number':
      return typeof v === 'number' ? new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(v) : plain(v, lang);
    case 'percent':
      return typeof v === 'number' ? new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(v) : plain(v, lang);
    case 'date':
      return typeof v === 'string' ? v.slice(0, 10) : plain(v, lang);
    case 'datetime':
      return typeof v === 'string' ? (chinaDateTime(v) ?? v) : plain(v, lang);
    case 'options':
      return coded(v);
    case 'list':
      return Array.isArray(v) ? (v.length ? v.map(coded).join(WORDS[lang].sep) : '—') : coded(v);
    default:
      return plain(v, lang);
  }
}

/** One record as `档案 DA-1（保管期限至 2019-01-01，状态 在库）`: each field by its words, the hidden ones and the empty ones left out. */
function formatRecord(spec: RecordOutput, row: unknown, lang: Lang): string {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return plain(row, lang);
  const r = row as Record<string, unknown>;
  const w = RECORD_WORDS[lang];
  const part = (name: string) => {
    const field = spec.fields[name];
    const v = r[name];
    return field && !field.hidden && v !== null && v !== undefined && v !== '' ? `${say(field, lang)} ${formatField(field, v, lang)}` : undefined;
  };
  const rest = Object.keys(spec.fields).filter((f) => f !== spec.lead).map(part).filter((p): p is string => p !== undefined);
  const lead = spec.lead ? part(spec.lead) : undefined;
  if (!lead) return rest.join(w.fields) || '—';
  return rest.length ? `${lead}${w.open}${rest.join(w.fields)}${w.close}` : lead;
}

/** A service task's output as a person reads it: its codes named, 是/否, money, China time, its records as lines of words. */
export function formatOutput(spec: OutputSpec, value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  if (!isRecordOutput(spec)) return formatField(spec, value, lang);
  if (spec.kind === 'record' || !Array.isArray(value)) return formatRecord(spec, value, lang);
  return value.length ? value.map((row) => formatRecord(spec, row, lang)).join(RECORD_WORDS[lang].records) : '—';
}

export interface DescribedVariable {
  key: string;
  label: string;
  text: string;
}

export interface DescribedVariables {
  /** Variables a form (or the diagram) names, in the dictionary's order. */
  known: DescribedVariable[];
  /** Everything else (其他), by name. */
  other: DescribedVariable[];
}

/**
 * Variables the engine and the API put into cases, which no form captures: their labels, and the
 * labels of their coded values. What the shipped service tasks write has its words in
 * bpmn/service-task-outputs.ts.
 */
const ENGINE_VARIABLES: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    businessKey: '业务编号', initiator: '发起人', outcome: '最近一步的结果', comment: '最近一步的意见',
    contentDestroyed: '内容', archiveId: '档案编号', destructionNo: '销毁登记号',
  },
  en: {
    businessKey: 'Business key', initiator: 'Initiator', outcome: 'Last step outcome', comment: 'Last step comment',
    contentDestroyed: 'Content', archiveId: 'Archive no.', destructionNo: 'Destruction no.',
  },
};

/** The coded values of those variables, by variable. */
const ENGINE_VALUES: Record<Lang, Record<string, Record<string, string>>> = {
  'zh-CN': { outcome: { approve: '同意', reject: '驳回', complete: '完成' } },
  en: { outcome: { approve: 'Approved', reject: 'Rejected', complete: 'Completed' } },
};

/** User id → display name of the people a case names (its initiator, its owner): a variable holding one reads as the name. */
export type People = ReadonlyMap<string, string>;

const RESULT_OF: Record<Lang, (step: string) => string> = {
  'zh-CN': (step) => `「${step}」的结果`,
  en: (step) => `Result of “${step}”`,
};

/**
 * A record no catalog describes (a decision's result with several outputs: `{creditGrade, creditLimit}`):
 * each field by the dictionary's label and format where it knows the name, else by the name as 其他
 * names a variable; never JSON.
 */
function formatObject(dict: VariableDictionary, value: Record<string, unknown>, lang: Lang, depth: number): string {
  const w = RECORD_WORDS[lang];
  const parts = Object.entries(value)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => {
      const entry = dict.get(k);
      return `${entry?.label ?? ENGINE_VARIABLES[lang][k] ?? k} ${formatAny(dict, entry, k, v, lang, depth + 1)}`;
    });
  return parts.length ? parts.join(w.fields) : '—';
}

/** formatVariable, with records and lists of records read through `dict` (at most three levels deep, then as text). */
function formatAny(dict: VariableDictionary, entry: DictionaryEntry | undefined, key: string, v: unknown, lang: Lang, depth = 0): string {
  if (depth > 3) return plain(v, lang);
  if (Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null)) {
    return v.length ? v.map((x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? formatObject(dict, x as Record<string, unknown>, lang, depth) : formatVariable(entry, key, x, lang))).join(RECORD_WORDS[lang].records) : '—';
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return formatObject(dict, v as Record<string, unknown>, lang, depth);
  return formatVariable(entry, key, v, lang);
}

/** `variables` read through `dict`; `only` limits and orders them (a decision summary's list). */
export function describeVariables(dict: VariableDictionary, variables: Record<string, unknown>, lang: Lang, only?: readonly string[], people?: People): DescribedVariables {
  const keys = only ?? [...dict.keys()].filter((k) => k in variables);
  const row = (key: string): DescribedVariable => {
    const v = variables[key];
    const entry = dict.get(key);
    const person = typeof v === 'string' ? people?.get(v) : undefined;
    // A shipped task's output the version's dictionary lacks (written by a task of another version) still reads in words.
    const output = entry ? entry.output : serviceOutput(key);
    if (output) return { key, label: entry?.outputLabel === false ? entry.label : say(output, lang), text: person ?? formatOutput(output, v, lang) };
    const coded = entry || typeof v !== 'string' ? undefined : ENGINE_VALUES[lang][key]?.[v];
    const label = entry?.resultOf ? RESULT_OF[lang](entry.resultOf) : (entry?.label ?? ENGINE_VARIABLES[lang][key] ?? key);
    return { key, label, text: person ?? coded ?? formatAny(dict, entry, key, v, lang) };
  };
  const known = keys.filter((k) => dict.has(k)).map(row);
  const shown = new Set(known.map((r) => r.key));
  const rest = only ? only.filter((k) => !shown.has(k)) : Object.keys(variables).filter((k) => !shown.has(k)).sort();
  return { known, other: rest.map(row) };
}

interface ModelLike {
  startEventId?: string;
  elements?: Record<string, { type?: string; formId?: string; taskType?: string; outgoing?: string[] }>;
  flows?: Record<string, { target?: string }>;
}

/** The model's elements breadth-first from the start, then those no path reaches. */
function inFlowOrder(model: unknown) {
  const m = (model ?? {}) as ModelLike;
  const order: string[] = [];
  const queue = m.startEventId ? [m.startEventId] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (order.includes(id)) continue;
    order.push(id);
    for (const f of m.elements?.[id]?.outgoing ?? []) {
      const target = m.flows?.[f]?.target;
      if (target) queue.push(target);
    }
  }
  const elements = m.elements ?? {};
  return [...order, ...Object.keys(elements).filter((id) => !order.includes(id))].flatMap((id) => (elements[id] ? [elements[id]] : []));
}

/**
 * A version's forms in the order their steps come (breadth-first from the start), so a key two
 * forms capture (a deadline set, then extended) takes the first step's label; forms no step
 * reaches follow.
 */
export function formsInFlowOrder(model: unknown, forms: Record<string, FormJsSchema> | undefined): FormJsSchema[] {
  const all = forms ?? {};
  const order = [...new Set(inFlowOrder(model).flatMap((el) => (el.formId && el.formId in all ? [el.formId] : [])))];
  return [...order, ...Object.keys(all).filter((id) => !order.includes(id))].map((id) => all[id]!);
}

/** What each named decision or script step writes (its result variable → the step's name), for buildDictionary's `results`; the first step naming one wins. */
export function resultStepsInFlowOrder(model: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of inFlowOrder(model) as Array<{ type?: string; name?: string; resultVariable?: string }>) {
    if ((el.type === 'businessRuleTask' || el.type === 'scriptTask') && el.resultVariable && el.name?.trim()) out[el.resultVariable] ??= el.name.trim();
  }
  return out;
}

/** The service-task types a version's steps run, in the order the steps come (for buildDictionary). */
export function serviceTypesInFlowOrder(model: unknown): string[] {
  return [...new Set(inFlowOrder(model).flatMap((el) => (el.type === 'serviceTask' && el.taskType ? [el.taskType] : [])))];
}
