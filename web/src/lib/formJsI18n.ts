import type { MessageKey } from '../i18n/messages';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

// form-js 1.23 has no translate hook for its viewer: its validation messages and a few labels are
// English literals. These patterns are those literals (node_modules/@bpmn-io/form-js-viewer), so an
// upgrade that rewords one shows it in English again rather than breaking the form.
const VALIDATION: ReadonlyArray<[RegExp, MessageKey, ...string[]]> = [
  [/^Field is required\.$/, 'formjs.required'],
  [/^Field must have minimum value of (.+)\.$/, 'formjs.min', 'min'],
  [/^Field must have maximum value of (.+)\.$/, 'formjs.max', 'max'],
  [/^Field must have minimum length of (\d+)\.$/, 'formjs.minLength', 'n'],
  [/^Field must have maximum length of (\d+)\.$/, 'formjs.maxLength', 'n'],
  [/^Field must match pattern (.+)\.$/, 'formjs.pattern', 'pattern'],
  [/^Field must be a valid +international phone number\..*$/, 'formjs.phone'],
  [/^Field must be a valid email\.$/, 'formjs.email'],
  [/^Value is not a number\.$/, 'formjs.notNumber'],
  [/^Value is expected to be an integer\.$/, 'formjs.integer'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, 'formjs.decimals', 'n'],
  [/^Please select a valid value, the two nearest valid values are (\S+) and (\S+)\.$/, 'formjs.increment', 'below', 'above'],
  [/^Date and time must both be entered\.$/, 'formjs.dateAndTime'],
];

/** A form-js validation message in the console's language; anything unknown (a diagram's own patternErrorMessage) as it is. */
export function translateFormJsMessage(message: string, t: Translate): string {
  for (const [pattern, key, ...names] of VALIDATION) {
    const m = pattern.exec(message);
    if (m) return t(key, Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ''])));
  }
  return message;
}

/** The viewer's own fixed texts (placeholders, buttons, empty states), by their English literal. */
const UI: Readonly<Record<string, MessageKey>> = {
  Select: 'formjs.select',
  Search: 'formjs.search',
  'Add new': 'formjs.addNew',
  'Nothing to show.': 'formjs.nothingToShow',
  Browse: 'formjs.browse',
  'Remove tag': 'formjs.removeTag',
};

/** The translation of one of the viewer's fixed texts, or undefined when `text` is not one. */
export function translateFormJsText(text: string, t: Translate): string | undefined {
  const key = Object.hasOwn(UI, text.trim()) ? UI[text.trim()] : undefined;
  return key && t(key);
}
