import { problemMessagesEn } from './problem-messages.en';
import { problemMessagesZh, type ProblemMessageKey } from './problem-messages.zh';
import { fieldProblemLine, fieldWords, interpolate, isProblemMessageKey, LISTS_FIELDS, wordProblem, type ProblemParams, type ProblemTranslate } from './problem-words';

// A whole problem in words, in either language: for the API's problem+json bodies and the CLI.
// Not for the console: it imports both catalogs (the console loads English on demand).

export type ProblemLang = 'zh-CN' | 'en';

const CATALOGS: Record<ProblemLang, Record<ProblemMessageKey, string>> = { 'zh-CN': problemMessagesZh, en: problemMessagesEn };

export const problemTranslator =
  (lang: ProblemLang): ProblemTranslate =>
  (key, vars) =>
    interpolate(CATALOGS[lang][key], vars);

/** The short title for an HTTP status (`409` → 冲突); a status without words gets its class's (请求无效 / 服务器错误). */
export function statusTitle(status: number, lang: ProblemLang): string {
  const key = `problem.status.${status}`;
  const t = problemTranslator(lang);
  return t(isProblemMessageKey(key) ? key : status >= 500 ? 'problem.status.500' : 'problem.status.400');
}

/** A field problem: in `lang` when its `code` is known, the server's (English) words otherwise. */
export const fieldProblemText = (e: { message: string; code?: string; params?: ProblemParams }, lang: ProblemLang): string => fieldWords(e, problemTranslator(lang));

export interface ProblemLike {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
  params?: ProblemParams;
  errors?: ReadonlyArray<{ path: string; message: string; code?: string; params?: ProblemParams }>;
}

/**
 * One line for a problem: its `code` in `lang` (a request or form problem followed by its field
 * problems, each with the field it is about), else the server's own detail (English).
 */
export function problemText(p: ProblemLike, lang: ProblemLang): string {
  const t = problemTranslator(lang);
  const head = p.code ? wordProblem(p.code, p.params, t) : undefined;
  if (head === undefined) return p.detail ?? p.title ?? (p.status ? statusTitle(p.status, lang) : '');
  if (!LISTS_FIELDS.includes(p.code!) || !p.errors?.length) return head;
  const fields = p.errors.map((e) => fieldProblemLine(e, t));
  return lang === 'en' ? `${head} (${fields.join('; ')})` : `${head}（${fields.join('；')}）`;
}
