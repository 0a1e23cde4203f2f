// Validates the data a person submits for a task against the task's form (a form-js schema),
// in pure code so the workflow's Update validator can run it deterministically.
import { formatTextLimit } from './pattern-cost';

export interface FormField {
  type: string;
  key?: string;
  label?: string;
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  values?: Array<{ value: unknown; label?: string }>;
  /** Numbers: at most this many digits after the point (form-js checks it in the browser too). */
  decimalDigits?: number;
  /** datetime fields: date, time or datetime. */
  subtype?: string;
  /** Dates: not before today in China time (form-js's date picker starts at today). */
  disallowPassedDates?: boolean;
  components?: FormField[];
  /** form-js custom properties (the form editor's 自定义属性): OPINION_PROPERTY marks the decision's opinion. */
  properties?: Record<string, string>;
}

export interface FormSchema {
  id?: string;
  type?: string;
  components: FormField[];
}

export interface FormDataProblem {
  path: string;
  message: string;
  /** `form.<rule>` and what the rule names, for the console to word it (the field's label is `params.label`). */
  code: string;
  params: Record<string, string | number>;
}

/** Field types that carry no data (layout and display only). */
const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview']);

/**
 * A form's pattern, or undefined: a pattern deployed before patterns were checked (see form-patterns.ts) and not even
 * a regular expression refuses every value instead of failing the step.
 */
function formatOf(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

export function fieldsOf(components: FormField[]): FormField[] {
  return components.flatMap((c) => (c.components ? fieldsOf(c.components) : DISPLAY_ONLY.has(c.type) || !c.key ? [] : [c]));
}

/**
 * The custom property ("true") that makes a text field of a step's form the decision's opinion (审核意见, 审批意见 …):
 * the approver writes it once, in the task page's 意见 box, which is the task's comment and fills the field (a process
 * variable that later steps read). Before, such a step showed two boxes for one opinion, and a rejection needed the
 * page's box however much the form's said.
 */
export const OPINION_PROPERTY = 'shouwen:opinion';

/** The form's opinion field, if it declares one (the first text field or text area with OPINION_PROPERTY). */
export function opinionField(form: { components: unknown[] } | null | undefined): FormField | undefined {
  if (!form) return undefined;
  return fieldsOf(form.components as FormField[]).find((f) => (f.type === 'textarea' || f.type === 'textfield') && f.properties?.[OPINION_PROPERTY] === 'true');
}

/** The form without its opinion field, as the task page shows an open step's form (the 意见 box stands for it). */
export function withoutOpinionField<F extends { components: unknown[] }>(form: F): F {
  const field = opinionField(form);
  if (!field) return form;
  const drop = (components: FormField[]): FormField[] =>
    components.filter((c) => c !== field).map((c) => (c.components ? { ...c, components: drop(c.components) } : c));
  return { ...form, components: drop(form.components as FormField[]) };
}

/**
 * A completion with its opinion given once: a comment fills the opinion field left blank, and the field a blank comment
 * (an API client may send either). Without an opinion field, unchanged.
 */
export function withOpinion<B extends { comment?: string | undefined; data?: Record<string, unknown> | undefined }>(form: { components: unknown[] } | null | undefined, body: B): B {
  const field = opinionField(form);
  if (!field?.key) return body;
  const given = body.data?.[field.key];
  const comment = body.comment?.trim() ? body.comment : typeof given === 'string' && given.trim() ? given : body.comment;
  const data = comment?.trim() && (typeof given !== 'string' || !given.trim()) ? { ...body.data, [field.key]: comment } : body.data;
  return { ...body, ...(comment === undefined ? {} : { comment }), ...(data === undefined ? {} : { data }) };
}

/**
 * Beyond this a number is no longer stored exactly (99999999999999999999 becomes 1e20): refused even
 * where the form sets no maximum.
 */
export const LARGEST_FORM_NUMBER = Number.MAX_SAFE_INTEGER;
/** Dates a form accepts at all; a year outside is a typing slip (0226, 20266), not a date. */
export const FORM_YEARS = { min: 1900, max: 2199 } as const;

/** China has one offset and no daylight saving: its calendar day is UTC+8's. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const chinaDay = (epochMs: number) => new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** The calendar day a form's date value names: a date as written, a date-time on China's calendar. */
function dayOf(value: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // Round trip: 2026-02-30 parses (as 3 March) but is no calendar day.
    const at = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value ? value : undefined;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : chinaDay(at);
}

/** Digits after the decimal point of a finite number, as it is written (1e-7 has 7). */
function decimals(value: number): number {
  const [mantissa = '', exponent] = String(value).toLowerCase().split('e');
  const after = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, after - Number(exponent ?? 0));
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

type Expected = 'number' | 'boolean' | 'list' | 'date' | 'text';
const TYPE_WORDS: Record<Expected, string> = { number: 'a number', boolean: 'true or false', list: 'a list', date: 'a date', text: 'text' };

/** What kind of value the field wanted, when `value` is not one. */
function checkType(field: FormField, value: unknown): Expected | undefined {
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'number';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'boolean';
    case 'checklist':
    case 'taglist':
      return Array.isArray(value) ? undefined : 'list';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)) ? undefined : 'date';
    default:
      return typeof value === 'string' || typeof value === 'number' ? undefined : 'text';
  }
}

/**
 * Problems with `data` for `form`; an empty list means the data is acceptable. Unknown keys are
 * allowed (process variables). `now` (epoch ms) is what "today" means for dates that may not be in
 * the past; the workflow passes its own clock, so a replay decides the same.
 */
export function validateFormData(form: FormSchema, data: Record<string, unknown>, now: number = Date.now()): FormDataProblem[] {
  const problems: FormDataProblem[] = [];
  for (const field of fieldsOf(form.components)) {
    const key = field.key!;
    const value = data[key];
    const name = field.label ? `${field.label} (${key})` : key;
    const label = field.label ?? key;
    const add = (rule: string, message: string, params: Record<string, string | number> = {}) =>
      problems.push({ path: key, message: `${name} ${message}`, code: `form.${rule}`, params: { label, ...params } });
    if (isBlank(value)) {
      if (field.validate?.required) add('required', 'is required');
      continue;
    }
    const expected = checkType(field, value);
    if (expected) {
      add('type', `must be ${TYPE_WORDS[expected]}`, { expected });
      continue;
    }
    const v = field.validate ?? {};
    if (typeof value === 'number') {
      if (v.min !== undefined && value < v.min) add('min', `must be at least ${v.min}`, { min: v.min });
      else if (v.max !== undefined && value > v.max) add('max', `must be at most ${v.max}`, { max: v.max });
      else if (Math.abs(value) > LARGEST_FORM_NUMBER) add('tooLarge', `is too large to be stored exactly (at most ${LARGEST_FORM_NUMBER})`, { max: LARGEST_FORM_NUMBER });
      else if (field.decimalDigits !== undefined && decimals(value) > field.decimalDigits) {
        if (field.decimalDigits === 0) add('wholeNumber', 'must be a whole number');
        else add('decimals', `allows at most ${field.decimalDigits} decimal places`, { n: field.decimalDigits });
      }
    }
    if (field.type === 'datetime' && field.subtype !== 'time' && typeof value === 'string') {
      const day = dayOf(value);
      const year = day ? Number(day.slice(0, 4)) : NaN;
      if (!day || year < FORM_YEARS.min || year > FORM_YEARS.max) {
        add('dateRange', `must be a date between ${FORM_YEARS.min} and ${FORM_YEARS.max}`, { min: FORM_YEARS.min, max: FORM_YEARS.max });
        continue;
      }
      const today = chinaDay(now);
      if (field.disallowPassedDates && day < today) add('pastDate', `may not be before today (${today})`, { today });
    }
    if (typeof value === 'string') {
      if (v.minLength !== undefined && value.length < v.minLength) add('minLength', `needs at least ${v.minLength} characters`, { n: v.minLength });
      if (v.maxLength !== undefined && value.length > v.maxLength) add('maxLength', `allows at most ${v.maxLength} characters`, { n: v.maxLength });
      else if (v.pattern) {
        const format = formatOf(v.pattern);
        // Not run on a value longer than its format's bound where V8's linear fallback cannot take it (counts over 16) and it
        // backtracks polynomially (^[a-z]{0,17}[a-z]*[a-z]*@$: seconds on the worker). Deploy warns of such a format.
        const longest = format ? formatTextLimit(v.pattern) : Infinity;
        if (value.length > longest) add('patternTooLong', `is too long to be checked against its format (at most ${longest} characters)`, { n: longest });
        else if (!format?.test(value)) add('pattern', 'does not match the expected format');
      }
    }
    if (field.values && (field.type === 'select' || field.type === 'radio')) {
      const options = field.values.map((o) => o.label ?? String(o.value));
      if (!field.values.some((o) => o.value === value)) add('option', `must be one of ${field.values.map((o) => JSON.stringify(o.value)).join(', ')}`, { options: options.join('、') });
    }
  }
  return problems;
}
