import { isModelProblem, localizeModelProblems, modelProblemLine, refusalErrorText } from '../../contract/model-problem-text';
import { problemText, statusTitle, type ProblemLang, type ProblemLike } from '../../contract/problem-text';

// The API's problems speak the user's language: zh-CN unless the request's Accept-Language prefers
// English. The words come from the catalog the console uses (contract/problem-messages.*), by the
// problem's `code` and `params`; those, and every `errors[].code/params/path`, stay as they are.
// A refused diagram's `errors[]` are the compiler's model problems (their `elementId`/`elementType`
// beside): worded from the shared model catalog (contract/model-problem-messages.*), as the editor
// words them, each after the element it is about by its name (in English too: never by its id).

export type { ProblemLang };

/** Longest Accept-Language value looked at (a header is capped by Node anyway; this keeps the parse small). */
const MAX_HEADER = 512;

/**
 * The language an Accept-Language header asks for: the first supported one by preference
 * (`en`, `en-US;q=0.9`, `fr, en;q=0.5` → English; `zh-CN,en;q=0.8`, none, `*` → zh-CN).
 */
export function problemLanguage(header: string | string[] | undefined): ProblemLang {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).slice(0, MAX_HEADER);
  const ranges = value
    .split(',')
    .map((part, i) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(a)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranges) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'zh-CN';
}

/** A problem+json body as the API writes it. */
export interface ProblemBody extends ProblemLike {
  status: number;
  title: string;
  detail: string;
  [member: string]: unknown;
}

/**
 * The body in `lang`: the title by status, the detail from the code (the server's English detail
 * when the catalog has no words for it), each field problem's message likewise (a compiler problem's
 * by its model code). English keeps the server's own words, which were written in English; a
 * compiler problem's after the element's name.
 */
export function localizeProblem<T extends ProblemBody>(body: T, lang: ProblemLang): T {
  if (lang === 'en') {
    if (!Array.isArray(body.errors) || !body.errors.some(isModelProblem)) return body;
    return { ...body, errors: body.errors.map((e) => (isModelProblem(e) ? { ...e, message: modelProblemLine(e, lang) } : e)) };
  }
  return {
    ...body,
    title: statusTitle(body.status, lang),
    detail: problemText(body, lang),
    // A field problem without a code of its own is worded by the problem's (the server's English for the field otherwise).
    ...(Array.isArray(body.errors) && {
      errors: body.errors.map((e) => ({ ...e, message: refusalErrorText(e.code || !body.code ? e : { ...e, code: body.code, ...(body.params && { params: body.params }) }, lang) })),
    }),
  };
}

/**
 * A check's or a deployment's model problems and warnings (the 200 bodies of validate and deploy) in
 * `lang`, as a refusal's `errors[]` are: only `message` changes.
 */
export { localizeModelProblems };
