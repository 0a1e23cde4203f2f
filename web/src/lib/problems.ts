import { ApiError, type FieldProblem } from '../api/http';
import type { ModelProblem } from '../../../contract';
import type { MessageKey } from '../i18n/messages';

export interface SplitProblems {
  /** Messages per form data path (`contact`, `address.city`) from `body.data.<path>`. */
  data: Record<string, string[]>;
  /** Messages for `body.comment`. */
  comment: string[];
  /** Everything else (`body.outcome`, unknown paths). */
  other: FieldProblem[];
}

/** Sorts a problem's `errors` by the part of the request they are about. */
export function splitProblems(errors: readonly FieldProblem[] | undefined): SplitProblems {
  const out: SplitProblems = { data: {}, comment: [], other: [] };
  for (const e of errors ?? []) {
    if (e.path.startsWith('body.data.')) {
      const key = e.path.slice('body.data.'.length);
      (out.data[key] ??= []).push(e.message);
    } else if (e.path === 'body.comment') {
      out.comment.push(e.message);
    } else {
      out.other.push(e);
    }
  }
  return out;
}

/** Problem codes the console says in its own words (the server's detail is English). */
const CODE_MESSAGES = {
  'db.timeout': 'problem.dbTimeout',
  'idempotency.key_reused': 'problem.idempotencyKeyReused',
  'idempotency.in_progress': 'problem.idempotencyInProgress',
  'compile.busy': 'problem.compileBusy',
  'compile.timeout': 'problem.compileTimeout',
  'compile.tooLarge': 'problem.compileTooLarge',
  'compile.unavailable': 'problem.compileUnavailable',
} as const satisfies Record<string, MessageKey>;

/** The console's message for the problem's `code`, when it has one. */
export function problemMessageKey(err: unknown): MessageKey | undefined {
  const code = err instanceof ApiError ? err.problem.code : undefined;
  return code && Object.hasOwn(CODE_MESSAGES, code) ? CODE_MESSAGES[code as keyof typeof CODE_MESSAGES] : undefined;
}

/** One line for a failed request: the problem's detail (or title, or with `t` its known code in the user's language, with the limit it names), then its field messages. */
export function describeError(err: unknown, t?: (key: MessageKey, vars?: Record<string, string | number>) => string): string {
  const known = t && problemMessageKey(err);
  if (known && err instanceof ApiError) {
    const { limitMs, limitMb } = err.problem;
    return t(known, { ...(limitMs !== undefined && { seconds: limitMs / 1000 }), ...(limitMb !== undefined && { megabytes: limitMb }) });
  }
  if (err instanceof ApiError) {
    const head = err.problem.detail ?? err.problem.title ?? `HTTP ${err.status}`;
    const fields = (err.problem.errors ?? []).map((e) => e.message).filter((m) => !head.includes(m));
    return fields.length ? `${head} (${fields.join('; ')})` : head;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Messages per top-level body field (`body.customerId` → `customerId`); paths outside `body.` are left out. */
export function bodyFieldErrors(errors: readonly FieldProblem[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors ?? []) {
    if (!e.path.startsWith('body.')) continue;
    const field = e.path.slice('body.'.length).split(/[.#[]/)[0] ?? '';
    if (field) (out[field] ??= []).push(e.message);
  }
  return out;
}

/**
 * A compiler warning in the console's language: the kinds it knows by `code` are worded here,
 * with the loop's path from `elementIds`; anything else keeps the compiler's own message.
 */
export function describeWarning(w: ModelProblem, t: (key: 'editor.warning.loopNoWaitState', vars: Record<string, string>) => string): string {
  if (w.code === 'loop.noWaitState' && w.elementIds?.length) return t('editor.warning.loopNoWaitState', { path: [...w.elementIds, w.elementIds[0]].join(' → ') });
  return w.message;
}

/** The diagram problems of a refused deployment (422 `errors[]` carry elementId/elementType); [] for other errors. */
export function modelProblemsOf(err: unknown): ModelProblem[] {
  if (!(err instanceof ApiError) || err.status !== 422) return [];
  return (err.problem.errors ?? []).map((e) => {
    const x = e as FieldProblem & Partial<ModelProblem>;
    return { elementId: x.elementId ?? '', elementType: x.elementType ?? '', message: x.message };
  });
}
