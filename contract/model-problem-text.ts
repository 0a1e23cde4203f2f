import { modelProblemMessagesEn } from './model-problem-messages.en';
import { modelProblemMessagesZh, type ModelProblemMessageKey } from './model-problem-messages.zh';
import { atModelElement, wordModelProblem, type ModelProblemLike } from './model-problem-words';
import { fieldProblemText, type ProblemLang, type ProblemLike } from './problem-text';
import { interpolate } from './problem-words';

// A compiler problem in words, for the API and the CLI (the console words them with its own catalog,
// which spreads the same model-problem-messages.*): zh-CN from the shared catalog by its `code`;
// English is the compiler's own message, as the API and the CLI said it before they spoke Chinese.
// Read without the diagram beside, each starts with the element it is about, by its name (never
// its id, which stays in `elementId` for the editors): 「客服经理审批」：… / “客服经理审批”: …

const isModelProblemMessageKey = (key: string): key is ModelProblemMessageKey => Object.hasOwn(modelProblemMessagesZh, key);

const sayZh = (key: ModelProblemMessageKey, vars?: Record<string, string | number>) => interpolate(modelProblemMessagesZh[key], vars);
const sayEn = (key: ModelProblemMessageKey, vars?: Record<string, string | number>) => interpolate(modelProblemMessagesEn[key], vars);

/** The problem's sentence in `lang`: the catalog's words for its code in zh-CN (the compiler's message for a code without words), the compiler's message in English. */
export const modelProblemText = (p: ModelProblemLike, lang: ProblemLang): string => (lang === 'en' ? p.message : wordModelProblem(p, sayZh, isModelProblemMessageKey));

/** The problem as one line in `lang`: the element it is about by its name (else its kind), then its sentence. */
export const modelProblemLine = (p: ModelProblemLike, lang: ProblemLang): string =>
  atModelElement(p, modelProblemText(p, lang), lang === 'en' ? sayEn : sayZh, isModelProblemMessageKey);

/** The problems with their `message` as lines in `lang`; everything else (code, params, elementId …) as it was. */
export const localizeModelProblems = <T extends ModelProblemLike>(problems: readonly T[], lang: ProblemLang): T[] => problems.map((p) => ({ ...p, message: modelProblemLine(p, lang) }));

/** Whether a field problem of a refusal is a compiler problem (a refused deploy's `errors[]` carry the element's type). */
export const isModelProblem = (e: object): e is ModelProblemLike =>
  typeof (e as { elementType?: unknown }).elementType === 'string' && typeof (e as { elementId?: unknown }).elementId === 'string' && typeof (e as { message?: unknown }).message === 'string';

/** One `errors[]` item of a refusal in `lang`: a compiler problem as its line, any other by its problem code. */
export const refusalErrorText = (e: NonNullable<ProblemLike['errors']>[number], lang: ProblemLang): string => (isModelProblem(e) ? modelProblemLine(e, lang) : fieldProblemText(e, lang));
