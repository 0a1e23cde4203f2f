// Loaded on demand (dynamic import from TaskForm) so form-js stays out of the inbox bundle.
import { Form, getSchemaVariables } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import type { FormJsSchema } from '../../../../contract';

type Errors = Record<string, unknown>;

interface FieldInstance {
  id: string;
  valuePath: Array<string | number>;
}

/** The variables of `variables` the form reads (its field keys plus names used in its expressions and templates). */
export function pickFormData(schema: FormJsSchema, variables: Record<string, unknown>): Record<string, unknown> {
  const names = getSchemaVariables(schema) as string[];
  return Object.fromEntries(names.filter((n) => Object.hasOwn(variables, n)).map((n) => [n, variables[n]]));
}

/** A form-js viewer created once per container: import schemas into it, read submit results, show server errors. */
export class FormJsController {
  private readonly form: Form;
  private readOnly = false;

  constructor(private readonly container: HTMLElement) {
    this.form = new Form({ container });
  }

  async load(schema: FormJsSchema, variables: Record<string, unknown>, readOnly: boolean): Promise<void> {
    await this.form.importSchema(schema, pickFormData(schema, variables));
    this.setReadOnly(readOnly);
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.form.setProperty('readOnly', readOnly);
  }

  /** Validates every field (errors appear next to them) and returns the data; a read-only form submits nothing. */
  submit(): { data: Record<string, unknown>; errorCount: number } {
    if (this.readOnly) return { data: {}, errorCount: 0 };
    const { data, errors } = this.form.submit();
    return { data, errorCount: Object.keys(errors as Errors).length };
  }

  /**
   * Shows the server's messages on the fields whose data path (`contact`, `address.city`) they name.
   * Returns the paths no field of this form carries (the caller lists those elsewhere).
   */
  showErrors(byPath: Record<string, string[]>): string[] {
    const instances = this.form.get<{ getAllKeyed(): FieldInstance[] }>('formFieldInstanceRegistry').getAllKeyed();
    const errors: Errors = { ...(this.form._getState().errors as Errors) };
    const unmapped: string[] = [];
    for (const [path, messages] of Object.entries(byPath)) {
      const match = instances.find((i) => i.valuePath.join('.') === path) ?? instances.find((i) => String(i.valuePath.at(-1)) === path.split('.').at(-1));
      if (match) errors[match.id] = messages;
      else unmapped.push(path);
    }
    // form-js keeps field errors in its state keyed by field id; this is how its own validate() shows them.
    this.form._setState({ errors });
    return unmapped;
  }

  /** Moves keyboard focus to the first field showing an error. */
  focusFirstError(): void {
    const field = this.container.querySelector<HTMLElement>('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select, .fjs-has-errors [tabindex]');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  }

  destroy(): void {
    this.form.destroy();
  }
}
