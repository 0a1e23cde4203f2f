// Loaded on demand (dynamic import from TaskForm) so form-js stays out of the inbox bundle.
import { Form, getSchemaVariables } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import flatpickr from 'flatpickr';
import { Mandarin } from 'flatpickr/dist/l10n/zh.js';
import type { FormJsSchema } from '../../../../contract';
import type { Lang, MessageKey } from '../../i18n/messages';
import { translateFormJsMessage, translateFormJsText } from '../../lib/formJsI18n';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What the controller needs of the console's language; read at each use, so a language switch applies to the next message. */
export interface FormJsLanguage {
  lang: Lang;
  t: Translate;
}

// flatpickr (form-js's date picker) takes its month and weekday names from one global default.
const english = { ...flatpickr.l10ns.default };
const localizeDatePicker = (lang: Lang) => flatpickr.localize(lang === 'zh-CN' ? { ...english, ...Mandarin } : english);

interface Validator {
  validateField(field: unknown, value: unknown): string[];
  validateFieldInstance(instance: unknown, value: unknown): string[];
}

/** Wraps the viewer's validator so the messages it puts under fields are in the console's language. */
const translatedValidation = (language: () => FormJsLanguage) => {
  function TranslatedValidation(validator: Validator) {
    const field = validator.validateField.bind(validator);
    const instance = validator.validateFieldInstance.bind(validator);
    const translate = (messages: string[]) => messages.map((m) => translateFormJsMessage(m, language().t));
    validator.validateField = (f, v) => translate(field(f, v));
    validator.validateFieldInstance = (i, v) => translate(instance(i, v));
  }
  TranslatedValidation.$inject = ['validator'];
  return { __init__: ['translatedValidation'], translatedValidation: ['type', TranslatedValidation] };
};

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
  private readonly observer: MutationObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly language: () => FormJsLanguage,
  ) {
    localizeDatePicker(language().lang);
    this.form = new Form({ container, additionalModules: [translatedValidation(language)] });
    // The viewer's placeholders and buttons ("Select", "Search", "Add new") are literals in its
    // components: translate them in the DOM as they are rendered.
    this.observer = new MutationObserver(() => this.translateTexts());
    this.observer.observe(container, { subtree: true, childList: true, characterData: true });
  }

  private translateTexts(): void {
    const { t } = this.language();
    const walker = document.createTreeWalker(this.container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // A label or text the form's author wrote stays as written, even if it reads "Search".
      if (node.parentElement?.closest('label, .fjs-form-field-text, .fjs-form-field-html')) continue;
      const translated = node.nodeValue && translateFormJsText(node.nodeValue, t);
      if (translated && translated !== node.nodeValue) node.nodeValue = translated;
    }
    for (const el of this.container.querySelectorAll<HTMLElement>('[placeholder], [title]')) {
      for (const attr of ['placeholder', 'title']) {
        const value = el.getAttribute(attr);
        const translated = value && translateFormJsText(value, t);
        if (translated && translated !== value) el.setAttribute(attr, translated);
      }
    }
  }

  async load(schema: FormJsSchema, variables: Record<string, unknown>, readOnly: boolean): Promise<void> {
    await this.form.importSchema(schema, pickFormData(schema, variables));
    this.setReadOnly(readOnly);
    this.translateTexts();
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
    this.observer.disconnect();
    this.form.destroy();
  }
}
