import type { FormJsSchema } from '../../../../../contract';

// The forms a diagram uses, as the 表单 drawer and the form picker see them. Pure: the modeler's
// elements come in as plain values, so the rules are tested without a browser.

/** A user task or start event and the form it names (zeebe:formDefinition formId, or the older formKey). */
export interface FormUse {
  elementId: string;
  /** `userTask` or `startEvent`: an unnamed step is said by its kind. */
  elementType?: string;
  name: string;
  formId: string;
}

/** One row of the drawer: a form, the steps that show it, and whether it was changed in this session. */
export interface FormRow {
  formId: string;
  uses: FormUse[];
  /** Named by a step but not among the forms at hand: deploy refuses the diagram (bpmn.userTask.unknownForm). */
  missing: boolean;
  edited: boolean;
}

/** Rows for every form at hand or named by a step, those in use first, each group by id. */
export function formRows(forms: Readonly<Record<string, FormJsSchema>>, uses: readonly FormUse[], edited: ReadonlySet<string>): FormRow[] {
  const ids = new Set([...Object.keys(forms), ...uses.map((u) => u.formId)]);
  return [...ids]
    .map((formId) => ({ formId, uses: uses.filter((u) => u.formId === formId), missing: !Object.hasOwn(forms, formId), edited: edited.has(formId) }))
    .sort((a, b) => Number(b.uses.length > 0) - Number(a.uses.length > 0) || a.formId.localeCompare(b.formId));
}

/**
 * A form as people know it (form-js schemas carry no title): by the steps that show it, each by name
 * else by kind (「受理投诉」的表单, 未命名的人工任务的表单), never by its id; a form no step shows yet
 * is said so. `step` names a step as a sentence does (web/src/lib/problems.ts elementLabel).
 */
export function formLabel(uses: readonly FormUse[], step: (use: FormUse) => string, t: (key: 'formEditor.formOf' | 'formEditor.formUnused', vars?: Record<string, string>) => string): string {
  return uses.length ? t('formEditor.formOf', { steps: [...new Set(uses.map(step))].join('、') }) : t('formEditor.formUnused');
}

/** What a form id may be: the API's key limit (1–100 characters), and letters, digits, `-`, `_`, `.` so it reads in the XML and in URLs. */
export const FORM_ID_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;

/** Why a typed id cannot be a new form's, or null when it can. */
export function formIdProblem(id: string, existing: Iterable<string>): 'formId.empty' | 'formId.invalid' | 'formId.taken' | null {
  const trimmed = id.trim();
  if (!trimmed) return 'formId.empty';
  if (!FORM_ID_PATTERN.test(trimmed)) return 'formId.invalid';
  for (const e of existing) if (e === trimmed) return 'formId.taken';
  return null;
}

/** A suggestion for a new form's id: `<process>-form-N`, the first N not taken. */
export function suggestFormId(processKey: string | undefined, existing: Iterable<string>): string {
  const taken = new Set(existing);
  const base = `${(processKey ?? 'process').replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z]+/, '') || 'process'}-form`;
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new, empty form: form-js's own default type, with the id the diagram links it by. */
export function emptyForm(formId: string): FormJsSchema {
  return { type: 'default', id: formId, components: [] };
}

/**
 * The forms sent with validate and deploy: those at hand (the base version's and any created or
 * edited here). The server keeps only the ones the diagram's steps name, so an unused new form is
 * not stored; a form edited here replaces the base version's for the new version only.
 */
export function formsToSend(base: Readonly<Record<string, FormJsSchema>>, edits: Readonly<Record<string, FormJsSchema>>): Record<string, FormJsSchema> {
  return { ...base, ...edits };
}
