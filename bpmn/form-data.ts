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

function checkType(field: FormField, value: unknown): string | undefined {
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'checklist':
    case 'taglist':
      return Array.isArray(value) ? undefined : 'must be a list';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)) ? undefined : 'must be a date';
    default:
      return typeof value === 'string' || typeof value === 'number' ? undefined : 'must be text';
  }
}

/** Problems with `data` for `form`; an empty list means the data is acceptable. Unknown keys are allowed (process variables). */
export function validateFormData(form: FormSchema, data: Record<string, unknown>): FormDataProblem[] {
  const problems: FormDataProblem[] = [];
  for (const field of fieldsOf(form.components)) {
    const key = field.key!;
    const value = data[key];
    const name = field.label ? `${field.label} (${key})` : key;
    if (isBlank(value)) {
      if (field.validate?.required) problems.push({ path: key, message: `${name} is required` });
      continue;
    }
    const typeProblem = checkType(field, value);
    if (typeProblem) {
      problems.push({ path: key, message: `${name} ${typeProblem}` });
      continue;
    }
    const v = field.validate ?? {};
    if (typeof value === 'number') {
      if (v.min !== undefined && value < v.min) problems.push({ path: key, message: `${name} must be at least ${v.min}` });
      if (v.max !== undefined && value > v.max) problems.push({ path: key, message: `${name} must be at most ${v.max}` });
    }
    if (typeof value === 'string') {
      if (v.minLength !== undefined && value.length < v.minLength) problems.push({ path: key, message: `${name} needs at least ${v.minLength} characters` });
      if (v.maxLength !== undefined && value.length > v.maxLength) problems.push({ path: key, message: `${name} allows at most ${v.maxLength} characters` });
      if (v.pattern && !matchesPattern(v.pattern, value)) problems.push({ path: key, message: `${name} does not match the expected format` });
    }
    if (field.values && (field.type === 'select' || field.type === 'radio')) {
      if (!field.values.some((o) => o.value === value)) problems.push({ path: key, message: `${name} must be one of ${field.values.map((o) => JSON.stringify(o.value)).join(', ')}` });
    }
  }
  return problems;
}
