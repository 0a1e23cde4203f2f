import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import type { Locale } from 'antd/es/locale';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { interpolate } from './interpolate';
import { LANG_STORAGE_KEY, storedLang } from './storedLang';
import { allZhLoaded, loadAllZh, loadMessages, onAllZhLoaded, zhLoaded } from './catalog';
import { setLibraryLanguage } from './libraryWords';
import type { Lang, MessageKey, Messages } from './messages';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The message for `key`; `{name}` placeholders are replaced from `vars`. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

interface Loaded {
  /** English whole; zh-CN as loaded so far (see catalog.ts). */
  messages: () => Partial<Messages>;
  antd: Locale;
}

const ZH: Loaded = { messages: zhLoaded, antd: zhCN };

const initialLang = (): Lang => storedLang();

// zh-CN's inbox strings and antd locale are in the main bundle; English (messages and antd's locale) comes from its own chunk.
const load = async (lang: Lang): Promise<Loaded> =>
  lang === 'zh-CN' ? ZH : Promise.all([loadMessages(lang), import('antd/es/locale/en_US')]).then(([messages, m]) => ({ messages: () => messages, antd: m.default }));

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [loaded, setLoaded] = useState<Partial<Record<Lang, Loaded>>>({ 'zh-CN': ZH });
  const current = loaded[lang];
  // Strings the inbox asked for before all of zh-CN had loaded were shown empty: show them now.
  const [zhComplete, setZhComplete] = useState(allZhLoaded);
  useEffect(() => (zhComplete ? undefined : onAllZhLoaded(() => setZhComplete(true))), [zhComplete]);
  useEffect(() => {
    if (current) return;
    let cancelled = false;
    void load(lang).then(
      (l) => !cancelled && setLoaded((prev) => ({ ...prev, [lang]: l })),
      // The chunk could not be fetched (offline, a new deployment): stay usable in zh-CN.
      () => !cancelled && setLangState('zh-CN'),
    );
    return () => {
      cancelled = true;
    };
  }, [lang, current]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  // Until English arrives (a local chunk, a few ms) the previous language keeps showing, never raw keys.
  const shown = current ?? loaded['zh-CN']!;
  const value = useMemo<I18n>(() => {
    // The words antd writes itself (libraryWords.ts) follow, before anything renders in the new language.
    setLibraryLanguage(current ? lang : 'zh-CN');
    return {
      lang: current ? lang : 'zh-CN',
      setLang,
      t: (key, vars) => {
        const template = shown.messages()[key];
        if (template !== undefined) return interpolate(template, vars);
        // A zh-CN string outside the inbox's, asked for before the rest arrived: empty until then (a few ms), never the key.
        void loadAllZh().catch(() => undefined);
        return '';
      },
    };
    // zhComplete: a new `t` once all zh-CN strings are here, so what used it renders again.
  }, [lang, current, shown, setLang, zhComplete]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={shown.antd} theme={{ token: { colorPrimary: '#1f6feb' } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
