import type { FormJsSchema } from '../../../contract';
import { buildDictionary, type VariableDictionary } from './dictionary';

// A stored code (severity "serious", department "quality") shown as the label the step's form
// offered for it (严重, 质量管理部): the forms deployed with the process are the vocabulary, read
// through the variable dictionary (one per set of forms).

const dictionaries = new WeakMap<object, VariableDictionary>();

/** The label of `value` for the field `key` in any of the forms; the value itself when none names it. */
export function formOptionLabel(forms: Record<string, FormJsSchema> | undefined, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (!forms) return String(value);
  let dict = dictionaries.get(forms);
  if (!dict) dictionaries.set(forms, (dict = buildDictionary(forms)));
  return dict.get(key)?.options?.get(value) ?? String(value);
}
