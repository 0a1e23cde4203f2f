import type { FormJsSchema } from '../../../contract';

// The variable dictionary: what a process version's deployed forms say about each variable they
// capture (its label, its option labels, whether it is a date, money or a yes/no), so a case's data
// reads as the person who typed it saw it, not as raw keys, codes and UTC timestamps.
//
// Money: a number field is money when its form says so: a ¥/￥/元 prefix or suffix adorner, a
// label ending in （元）, or a custom property `money` (form-js "Custom properties", any value but
// "false"); or when its key ends in Amount/Fee/Price/Cost (`compensationAmount`, `fee`). A variable
// no form describes is money by the same key rule when its value is a number (`amount`).

export type VariableKind = 'text' | 'number' | 'money' | 'boolean' | 'date' | 'datetime' | 'time' | 'options' | 'list';

export interface DictionaryEntry {
  key: string;
  label: string;
  kind: VariableKind;
  /** Option code → label (select, radio, checklist, taglist). */
  options?: ReadonlyMap<unknown, string>;
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
 * The dictionary of `forms` (taken in the order given: pass them in the order their steps come)
 * and of `extraLabels` (labels the diagram gives variables no form captures, e.g. a decision
 * summary's `amount:申请金额`).
 */
export function buildDictionary(forms: Iterable<FormJsSchema> | Record<string, FormJsSchema> | undefined, extraLabels: Record<string, string> = {}): VariableDictionary {
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
  for (const [key, label] of Object.entries(extraLabels)) {
    if (!out.has(key)) out.set(key, { key, label, kind: 'text' });
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
 * Variables the engine, the API and the shipped service tasks put into cases, which no form
 * captures: their labels, and the labels of their coded values, so the case page and the archive
 * read 投诉编号 · 已登记, never complaintNo · registered.
 */
const ENGINE_VARIABLES: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    businessKey: '业务编号', initiator: '发起人', customerId: '客户编号', outcome: '最近一步的结果', comment: '最近一步的意见',
    complaintNo: '投诉编号', complaintStage: '投诉处理阶段', customerNotified: '已通知客户', customerNotifiedBy: '通知客户方式',
    archiveNo: '档案编号', archivedAt: '归档时间', loanNo: '借阅编号', lent: '已借出', returnedAt: '归还时间', archiveStatus: '档案状态',
    borrowEligible: '符合借阅条件', borrowRefusalReason: '不予借阅的原因', archiveLevel: '档案秘密等级', findingsCount: '发现问题数', findingsText: '发现的问题',
    destroyedAt: '销毁时间', workOrderId: '派工单号', engineerId: '维修工程师', appointmentDeadline: '预约期限', dispatchedAt: '派工时间',
    quotedFee: '报价', fee: '费用', feeBasis: '收费依据', feeScheduleFound: '有收费标准', notifiedAt: '通知时间', number: '编号',
    creditGradeRecorded: '信用等级已记录', overdueCustomers: '逾期客户数', anomalyCasesStarted: '开启的异常案例', anomalyCasesAlreadyOpen: '已有异常案例',
    confidentialityApplied: '生效的秘密等级', confidentialityChanged: '秘密等级已变更', distributedAt: '分发时间',
    customerTier: '客户分类', tierPriorShare: '排在其前的销售额占比', lastVisitOn: '最近服务日期', summaryPeriod: '总结期间', summaryUnits: '总结单位数',
    decisionChange: '决策表变更结果', contentDestroyed: '内容', archiveId: '档案编号', destructionNo: '销毁登记号',
  },
  en: {
    businessKey: 'Business key', initiator: 'Initiator', customerId: 'Customer id', outcome: 'Last step outcome', comment: 'Last step comment',
    complaintNo: 'Complaint no.', complaintStage: 'Complaint stage', customerNotified: 'Customer notified', customerNotifiedBy: 'Notified by',
    archiveNo: 'Archive no.', archivedAt: 'Archived at', loanNo: 'Loan no.', lent: 'Lent', returnedAt: 'Returned at', archiveStatus: 'Archive status',
    borrowEligible: 'Eligible to borrow', borrowRefusalReason: 'Reason for refusal', archiveLevel: 'Archive level', findingsCount: 'Findings', findingsText: 'What was found',
    destroyedAt: 'Destroyed at', workOrderId: 'Work order no.', engineerId: 'Engineer', appointmentDeadline: 'Appointment deadline', dispatchedAt: 'Dispatched at',
    quotedFee: 'Quoted fee', fee: 'Fee', feeBasis: 'Fee basis', feeScheduleFound: 'Fee schedule found', notifiedAt: 'Notified at', number: 'Number',
    creditGradeRecorded: 'Credit grade recorded', overdueCustomers: 'Overdue customers', anomalyCasesStarted: 'Anomaly cases opened', anomalyCasesAlreadyOpen: 'Anomaly cases already open',
    confidentialityApplied: 'Level in force', confidentialityChanged: 'Level changed', distributedAt: 'Distributed at',
    customerTier: 'Customer tier', tierPriorShare: 'Sales share before it', lastVisitOn: 'Last service date', summaryPeriod: 'Period', summaryUnits: 'Units summarised',
    decisionChange: 'Decision change', contentDestroyed: 'Content', archiveId: 'Archive no.', destructionNo: 'Destruction no.',
  },
};

/** The coded values of those variables, by variable. */
const ENGINE_VALUES: Record<Lang, Record<string, Record<string, string>>> = {
  'zh-CN': {
    outcome: { approve: '同意', reject: '驳回', complete: '完成' },
    complaintStage: { registered: '已登记', investigated: '已调查', handling: '处理中' },
    customerNotifiedBy: { email: '邮件', phone: '电话', sms: '短信' },
    archiveStatus: { in_stock: '在库', on_loan: '借出', rectifying: '整改中', destroyed: '已销毁' },
    archiveLevel: { public: '公开', internal: '内部', secret: '秘密', confidential: '机密' },
    confidentialityApplied: { public: '公开', internal: '内部', secret: '秘密', confidential: '机密' },
    decisionChange: { approved: '已批准', rejected: '已驳回', none: '无' },
  },
  en: {
    outcome: { approve: 'Approved', reject: 'Rejected', complete: 'Completed' },
    complaintStage: { registered: 'Registered', investigated: 'Investigated', handling: 'Being handled' },
    customerNotifiedBy: { email: 'Email', phone: 'Phone', sms: 'SMS' },
    archiveStatus: { in_stock: 'In stock', on_loan: 'On loan', rectifying: 'Being rectified', destroyed: 'Destroyed' },
    archiveLevel: { public: 'Public', internal: 'Internal', secret: 'Secret', confidential: 'Confidential' },
    confidentialityApplied: { public: 'Public', internal: 'Internal', secret: 'Secret', confidential: 'Confidential' },
    decisionChange: { approved: 'Approved', rejected: 'Rejected', none: 'None' },
  },
};

/** User id → display name of the people a case names (its initiator, its owner): a variable holding one reads as the name. */
export type People = ReadonlyMap<string, string>;

/** `variables` read through `dict`; `only` limits and orders them (a decision summary's list). */
export function describeVariables(dict: VariableDictionary, variables: Record<string, unknown>, lang: Lang, only?: readonly string[], people?: People): DescribedVariables {
  const keys = only ?? [...dict.keys()].filter((k) => k in variables);
  const row = (key: string): DescribedVariable => {
    const v = variables[key];
    const person = typeof v === 'string' ? people?.get(v) : undefined;
    const coded = dict.has(key) || typeof v !== 'string' ? undefined : ENGINE_VALUES[lang][key]?.[v];
    return { key, label: dict.get(key)?.label ?? ENGINE_VARIABLES[lang][key] ?? key, text: person ?? coded ?? formatVariable(dict.get(key), key, v, lang) };
  };
  const known = keys.filter((k) => dict.has(k)).map(row);
  const shown = new Set(known.map((r) => r.key));
  const rest = only ? only.filter((k) => !shown.has(k)) : Object.keys(variables).filter((k) => !shown.has(k)).sort();
  return { known, other: rest.map(row) };
}

interface ModelLike {
  startEventId?: string;
  elements?: Record<string, { type?: string; formId?: string; outgoing?: string[] }>;
  flows?: Record<string, { target?: string }>;
}

/**
 * A version's forms in the order their steps come (breadth-first from the start), so a key two
 * forms capture (a deadline set, then extended) takes the first step's label; forms no step
 * reaches follow.
 */
export function formsInFlowOrder(model: unknown, forms: Record<string, FormJsSchema> | undefined): FormJsSchema[] {
  const m = (model ?? {}) as ModelLike;
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = m.startEventId ? [m.startEventId] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const el = m.elements?.[id];
    if (el?.formId && !order.includes(el.formId)) order.push(el.formId);
    for (const f of el?.outgoing ?? []) {
      const target = m.flows?.[f]?.target;
      if (target) queue.push(target);
    }
  }
  const all = forms ?? {};
  return [...order.filter((id) => id in all), ...Object.keys(all).filter((id) => !order.includes(id))].map((id) => all[id]!);
}
