// The console's language as the user last chose it (zh-CN unless they chose English): read by the
// i18n provider at start and by every API request, so problems the console does not word itself
// come back from the server in the same language. Kept apart from the catalogs (no strings here).

export type StoredLang = 'zh-CN' | 'en';

export const LANG_STORAGE_KEY = 'shouwen.lang';

export function storedLang(): StoredLang {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}
