import type { Lang } from '../../i18n/messages';
import { ZH_DMN } from './dmnTranslations.zh';

/** dmn-js's `translate` service: zh-CN from dmnTranslations.zh.ts, the packages' own English in en; `{name}` filled in both. */
export function dmnTranslate(lang: Lang) {
  return (template: string, replacements: Record<string, string> = {}) =>
    (lang === 'zh-CN' ? (ZH_DMN[template] ?? template) : template).replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
}
