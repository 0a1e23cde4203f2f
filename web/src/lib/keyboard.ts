const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'month', 'time', 'week']);

/** True when keys typed now belong to a text field (inputs, text areas, selects, editable content, form-js fields). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type) || target.getAttribute('role') === 'combobox';
  return target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'textbox';
}

const INTERACTIVE =
  'a[href], button, input, select, textarea, summary, [role="button"], [role="tab"], [role="link"], [role="menuitem"], [role="option"], [role="checkbox"], [role="switch"], [role="radio"], [role="combobox"], [contenteditable="true"]';

/** True when Enter on `target` already means something (a link, button, tab …): list shortcuts leave it alone. */
export function isInteractiveTarget(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(INTERACTIVE) !== null;
}

/** True for keys pressed inside a dialog or drawer: page shortcuts must not fire behind it. */
export function insideOverlay(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.ant-modal-wrap, .ant-modal, .ant-drawer, [role="dialog"]') !== null;
}

export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

/** A normalized chord: `j`, `?`, `Enter`, `Alt+ArrowDown`, `Shift+A` …; null for IME composition and Ctrl/⌘ chords. */
export function chordOf(e: KeyLike): string | null {
  if (e.isComposing || e.key === 'Process' || e.key === 'Unidentified' || e.key === 'Dead') return null;
  if (e.ctrlKey || e.metaKey) return null;
  if (e.altKey) return `Alt+${e.key}`;
  if (/^[a-z]$/i.test(e.key)) return e.shiftKey ? `Shift+${e.key.toUpperCase()}` : e.key.toLowerCase();
  return e.key;
}
