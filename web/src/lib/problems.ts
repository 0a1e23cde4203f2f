import { ApiError, type FieldProblem, type ProblemParams } from '../api/http';
import type { ModelProblem } from '../../../contract';
import { atModelElement, elementTypeLabel as sharedElementTypeLabel, modelElementLabel as sharedModelElementLabel, wordModelProblem, wordWarning } from '../../../contract/model-problem-words';
import { fieldLabel as sharedFieldLabel, fieldProblemLine, fieldWords, LISTS_FIELDS, problemMessageKey as problemKeyFor, wordProblem } from '../../../contract/problem-words';
import { isMessageKey } from '../i18n/catalog';
import type { MessageKey } from '../i18n/messages';

export interface SplitProblems {
  /** Messages per form data path (`contact`, `address.city`) from `body.data.<path>`. */
  data: Record<string, string[]>;
  /** Messages for `body.comment`. */
  comment: string[];
  /** Everything else (`body.outcome`, unknown paths). */
  other: FieldProblem[];
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A field problem as the console shows it: in the user's language when its `code` is known (needs `t`), the server's words otherwise. */
export function fieldMessage(e: FieldProblem, t?: Translate): string {
  return t ? fieldWords(e, t, isMessageKey) : e.message;
}

/** Sorts a problem's `errors` by the part of the request they are about (worded with `t` when given). */
export function splitProblems(errors: readonly FieldProblem[] | undefined, t?: Translate): SplitProblems {
  const out: SplitProblems = { data: {}, comment: [], other: [] };
  for (const e of errors ?? []) {
    if (e.path.startsWith('body.data.')) {
      const key = e.path.slice('body.data.'.length);
      (out.data[key] ??= []).push(fieldMessage(e, t));
    } else if (e.path === 'body.comment') {
      out.comment.push(fieldMessage(e, t));
    } else {
      out.other.push(e);
    }
  }
  return out;
}

/** A known problem `code` in the console's words (the shared rules of contract/problem-words.ts). */
const translateCode = (code: string, params: ProblemParams | undefined, t: Translate): string | undefined => wordProblem(code, params, t, isMessageKey);

/** The console's message for the problem's `code`, when it has one. */
export function problemMessageKey(err: unknown): MessageKey | undefined {
  const code = err instanceof ApiError ? err.problem.code : undefined;
  return code ? problemKeyFor(code, err instanceof ApiError ? err.problem.params : undefined, isMessageKey) : undefined;
}

/**
 * One line for a failed request. With `t`, a known `code` in the user's language (with the
 * parameters it names) and its field problems likewise; otherwise the server's detail (English).
 */
export function describeError(err: unknown, t?: Translate): string {
  if (err instanceof ApiError) {
    const { problem } = err;
    const legacy = { ...(problem.limitMs !== undefined && { seconds: problem.limitMs / 1000 }), ...(problem.limitMb !== undefined && { megabytes: problem.limitMb }) };
    const known = t && problem.code ? translateCode(problem.code, { ...legacy, ...problem.params }, t) : undefined;
    const head = known ?? problem.detail ?? problem.title ?? `HTTP ${err.status}`;
    const fields = (problem.errors ?? []).map((e) => (known && t ? problemLine(e, t) : e.message)).filter((m) => !head.includes(m));
    if (known && !LISTS_FIELDS.includes(problem.code!)) return head;
    return fields.length ? `${head} (${fields.join('; ')})` : head;
  }
  if (t && err instanceof TypeError) return t('problem.network');
  return err instanceof Error ? err.message : String(err);
}

/**
 * `body.changeNote` → `变更说明：`, `body.forms.complaint-register` → `表单（complaint-register）：`; a field
 * the console has no word for keeps its path (`roles.0.unitId：`), the code a form's label sits beside.
 */
export const fieldLabel = (path: string, t: Translate): string => sharedFieldLabel(path, t);

/** A field problem as one line of a list: the field by its label or its words (变更说明：…), never its path (`data.phone`). */
export const problemLine = (e: FieldProblem, t: Translate): string => fieldProblemLine(e, t, isMessageKey);

/** The problem's own sentence without its field list: the known code in the user's language (with `t`), else the server's detail. */
export function problemHeadline(err: ApiError, t: Translate): string | undefined {
  const { code, params, detail, title } = err.problem;
  return (code && translateCode(code, params, t)) || detail || title;
}

/** Messages per top-level body field (`body.customerId` → `customerId`); paths outside `body.` are left out. */
export function bodyFieldErrors(errors: readonly FieldProblem[] | undefined, t?: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors ?? []) {
    if (!e.path.startsWith('body.')) continue;
    const field = e.path.slice('body.'.length).split(/[.#[]/)[0] ?? '';
    if (field) (out[field] ??= []).push(fieldMessage(e, t));
  }
  return out;
}

/**
 * A compiler warning in the console's language: the kinds it knows by `code` are worded here,
 * with the loop's path by name, else kind (`pathElements`); anything else keeps the compiler's own message.
 */
export function describeWarning(w: ModelProblem, t: Translate): string {
  return wordWarning(w, t, isMessageKey) ?? w.message;
}

/** `bpmn:userTask` → 人工任务. */
export const elementTypeLabel = (elementType: string, t: Translate): string => sharedElementTypeLabel(elementType, t, isMessageKey);

/**
 * A compiler problem in the console's language when its `code` is known, with the element's kind in words; the compiler's message otherwise
 * (the shared lookup of contract/model-problem-words.ts, which the API and the CLI word their model problems with).
 */
export const describeModelProblem = (p: ModelProblem, t: Translate): string => wordModelProblem(p, t, isMessageKey);

/** The element a problem is about as people know it: 「客服经理审批」, else 未命名的人工任务 (never its id); undefined for the whole file. */
export const modelElementLabel = (p: ModelProblem, t: Translate): string | undefined => sharedModelElementLabel(p, t, isMessageKey);

/** An element of a process model as the console names it outside the editors: its BPMN type when known (`serviceTask`), its name when it has one. */
export interface ElementRef {
  elementId?: string | undefined;
  elementType?: string | undefined;
  elementName?: string | null | undefined;
}

/** An element in a sentence: 「客服经理审批」, else 未命名的人工任务 (未命名的元素 when its kind is unknown); never its id (`modelElementLabel`'s words). */
export const elementLabel = (e: ElementRef, t: Translate): string =>
  modelElementLabel({ elementId: e.elementId || '-', elementType: e.elementType || 'other', ...(e.elementName && { elementName: e.elementName }), message: '' }, t) ?? '';

/** An element on its own (a table cell, a link, a list): its bare name, else its kind as `elementLabel` words it. */
export const elementText = (e: ElementRef, t: Translate): string => e.elementName || elementLabel(e, t);

/** A compiler problem as one line, after the element it is about (「客服经理审批」：…), for lists without the diagram beside. */
export const describeModelProblemLine = (p: ModelProblem, t: Translate): string => atModelElement(p, describeModelProblem(p, t), t, isMessageKey);

/** The diagram problems of a refused deployment (422 `errors[]` carry elementId/elementType); [] for other errors. */
export function modelProblemsOf(err: unknown): ModelProblem[] {
  if (!(err instanceof ApiError) || err.status !== 422) return [];
  return (err.problem.errors ?? []).map((e) => {
    const x = e as FieldProblem & Partial<ModelProblem>;
    return { elementId: x.elementId ?? '', elementType: x.elementType ?? '', ...(x.elementName && { elementName: x.elementName }), message: x.message, ...(x.code && { code: x.code }), ...(x.params && { params: x.params }) };
  });
}
