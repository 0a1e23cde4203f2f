import type { FormJsSchema } from '../../../contract';

// A stored code (severity "serious", department "quality") shown as the label the step's form
// offered for it (严重, 质量管理部): the forms deployed with the process are the vocabulary.

interface Component {
  key?: string;
  values?: { value?: unknown; label?: string }[];
  components?: Component[];
}

function* walk(components: Component[] | undefined): Generator<Component> {
  for (const c of components ?? []) {
    yield c;
    yield* walk(c.components);
  }
}

/** The label of `value` for the field `key` in any of the forms; the value itself when none names it. */
export function formOptionLabel(forms: Record<string, FormJsSchema> | undefined, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  for (const form of Object.values(forms ?? {})) {
    for (const c of walk((form as { components?: Component[] }).components)) {
      const option = c.key === key ? c.values?.find((v) => v.value === value) : undefined;
      if (option?.label) return option.label;
    }
  }
  return String(value);
}
