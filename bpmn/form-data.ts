// Validates the data a person submits for a task against the task's form (a form-js schema),
// in pure code so the workflow's Update validator can run it deterministically.

export interface FormField {
  type: string;
  key?: string;
  label?: string;
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  values?: Array<{ value: unknown; label?: string }>;
  components?: FormField[];
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
 * A form's pattern test that cannot throw: a pattern deployed before patterns were checked (see
 * form-patterns.ts) and not even a regular expression refuses every value instead of failing the step.
 */
function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
}

export function fieldsOf(components: FormField[]): FormField[] {
  return components.flatMap((c) => (c.components ? fieldsOf(c.components) : DISPLAY_ONLY.has(c.type) || !c.key ? [] : [c]));
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

/** Problems with `data` for `form`; an empty list means the data is acceptable. Unknown keys are allowed (process variables). */
export function validateFormData(form: FormSchema, data: Record<string, unknown>): FormDataProblem[] {
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
      if (v.max !== undefined && value > v.max) add('max', `must be at most ${v.max}`, { max: v.max });
    }
    if (typeof value === 'string') {
      if (v.minLength !== undefined && value.length < v.minLength) add('minLength', `needs at least ${v.minLength} characters`, { n: v.minLength });
      if (v.maxLength !== undefined && value.length > v.maxLength) add('maxLength', `allows at most ${v.maxLength} characters`, { n: v.maxLength });
      if (v.pattern && !matchesPattern(v.pattern, value)) add('pattern', 'does not match the expected format');
    }
    if (field.values && (field.type === 'select' || field.type === 'radio')) {
      const options = field.values.map((o) => o.label ?? String(o.value));
      if (!field.values.some((o) => o.value === value)) add('option', `must be one of ${field.values.map((o) => JSON.stringify(o.value)).join(', ')}`, { options: options.join('、') });
    }
  }
  return problems;
}
