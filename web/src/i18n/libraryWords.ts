import type { Lang } from './messages';
import { storedLang } from './storedLang';

// Words antd's building blocks write into the page themselves, in English whatever the locale:
// accessible names a screen reader says (the table's select-all box, a number field's step
// buttons, a segmented switch, a dialog's close button). The console's build rewrites each such
// literal in the library into a call to `libraryWord` (web/libraryWordsPlugin.ts), so they follow
// the console's language like its own strings.

export const LIBRARY_WORDS = {
  'Select all': { 'zh-CN': '全选本页', en: 'Select all' },
  'Custom selection': { 'zh-CN': '自定义选择', en: 'Custom selection' },
  'Increase Value': { 'zh-CN': '增加', en: 'Increase value' },
  'Decrease Value': { 'zh-CN': '减少', en: 'Decrease value' },
  'segmented control': { 'zh-CN': '切换', en: 'Switch' },
  Close: { 'zh-CN': '关闭', en: 'Close' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LibraryWord = keyof typeof LIBRARY_WORDS;

let current: Lang = storedLang();

/** Called by the i18n provider whenever the console's language changes. */
export function setLibraryLanguage(lang: Lang): void {
  current = lang;
}

/** The console's word for a library's English literal (the literal itself if unknown). */
export function libraryWord(english: string): string {
  const words = (LIBRARY_WORDS as Record<string, Record<Lang, string>>)[english];
  return words?.[current] ?? english;
}

/**
 * antd names every icon for screen readers by its English file name (`role="img"
 * aria-label="home"` beside the menu's 首页). Icons here are drawn beside words that say what they
 * mean, so a screen reader should skip them: hidden, unless the caller names the icon itself.
 */
export function iconA11y(props: Record<string, unknown>): Record<string, unknown> {
  return props['aria-label'] === undefined && props['aria-labelledby'] === undefined ? { 'aria-hidden': true } : { role: 'img' };
}
