import type { Lang } from '../../../i18n/messages';
import { ZH_FORM_PICKER } from './editorTranslations.forms.zh';
import { ZH_EDITOR } from './editorTranslations.zh';

const ZH = { ...ZH_EDITOR, ...ZH_FORM_PICKER };

/**
 * The `translate` service bpmn-js and its properties panel say everything through: in zh-CN every
 * template the editor's packages use (editorTranslations.zh.ts, kept complete by a test); in en the
 * packages' own English. `{name}` is filled from `replacements` in both.
 */
export function editorTranslate(lang: Lang) {
  return (template: string, replacements: Record<string, string> = {}) =>
    (lang === 'zh-CN' ? (ZH[template] ?? template) : template).replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
}
