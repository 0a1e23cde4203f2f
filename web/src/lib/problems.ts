import { ApiError, type FieldProblem, type ProblemParams } from '../api/http';
import type { ModelProblem } from '../../../contract';
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
  return (t && e.code && translateCode(e.code, e.params, t)) || e.message;
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


/**
 * zod's issues depend on what was checked (`too_small` of a string counts characters, of a number
 * is a value): `zod.<code>.<origin or format>` first, then `zod.<code>`.
 */
function keyFor(code: string, params: ProblemParams | undefined): MessageKey | undefined {
  if (Object.hasOwn(CODE_MESSAGES, code)) return CODE_MESSAGES[code as keyof typeof CODE_MESSAGES];
  const qualifier = params?.origin ?? params?.format;
  const candidates = [...(typeof qualifier === 'string' ? [`problem.${code}.${qualifier}`] : []), `problem.${code}`];
  return candidates.find(isMessageKey);
}

/** The words for what a zod `expected` names (`string` → 文本). */
const EXPECTED_KEYS: Record<string, MessageKey> = {
  string: 'problem.expected.string',
  number: 'problem.expected.number',
  int: 'problem.expected.number',
  boolean: 'problem.expected.boolean',
  array: 'problem.expected.array',
  object: 'problem.expected.object',
  date: 'problem.expected.date',
};

function translateCode(code: string, params: ProblemParams | undefined, t: Translate): string | undefined {
  const key = keyFor(code, params);
  if (!key) return undefined;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    vars[name] = Array.isArray(value) ? value.join('、') : typeof value === 'boolean' ? String(value) : (value as string | number);
  }
  if (typeof params?.expected === 'string') vars.expected = EXPECTED_KEYS[params.expected] ? t(EXPECTED_KEYS[params.expected]!) : params.expected;
  return t(key, vars);
}

/** The console's message for the problem's `code`, when it has one. */
export function problemMessageKey(err: unknown): MessageKey | undefined {
  const code = err instanceof ApiError ? err.problem.code : undefined;
  return code ? keyFor(code, err instanceof ApiError ? err.problem.params : undefined) : undefined;
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
    const fields = (problem.errors ?? []).map((e) => (known && t ? `${fieldLabel(e.path, t)}${fieldMessage(e, t)}` : e.message)).filter((m) => !head.includes(m));
    if (known && !['request.invalid', 'form.invalid'].includes(problem.code!)) return head;
    return fields.length ? `${head} (${fields.join('; ')})` : head;
  }
  if (t && err instanceof TypeError) return t('problem.network');
  return err instanceof Error ? err.message : String(err);
}

/**
 * Body fields a person names in words where no form label sits beside them (the deploy and draft
 * fields: `changeNote` → 变更说明); the first segment of the path is looked up.
 */
const FIELD_KEYS: Record<string, MessageKey> = {
  changeNote: 'problem.field.changeNote',
  xml: 'problem.field.xml',
  forms: 'problem.field.forms',
  revision: 'problem.field.revision',
  baseVersion: 'problem.field.baseVersion',
};

/**
 * `body.changeNote` → `变更说明：`, `body.forms.complaint-register` → `表单（complaint-register）：`; a field
 * the console has no word for keeps its path (`roles.0.unitId：`), the code a form's label sits beside.
 */
export const fieldLabel = (path: string, t: Translate): string => {
  const short = path.replace(/^(body|querystring|params|headers)\./, '');
  if (!short || short === path.split('.')[0]) return '';
  const [first = '', ...rest] = short.split('.');
  const key = Object.hasOwn(FIELD_KEYS, first) ? FIELD_KEYS[first] : undefined;
  if (!key) return `${short}：`;
  return rest.length ? `${t(key)}（${rest.join('.')}）：` : `${t(key)}：`;
};

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
 * with the loop's path from `elementIds`; anything else keeps the compiler's own message.
 */
export function describeWarning(w: ModelProblem, t: (key: 'editor.warning.loopNoWaitState', vars: Record<string, string>) => string): string {
  if (w.code === 'loop.noWaitState' && w.elementIds?.length) return t('editor.warning.loopNoWaitState', { path: [...w.elementIds, w.elementIds[0]].join(' → ') });
  return w.message;
}

/** `bpmn:userTask` → 人工任务. */
export const elementTypeLabel = (elementType: string, t: Translate): string => {
  const key = `bpmnType.${elementType.replace(/^bpmn:/, '')}`;
  return t(isMessageKey(key) ? key : 'bpmnType.other');
};

/** A compiler problem in the console's language when its `code` is known, with the element's kind in words; the compiler's message otherwise. */
export function describeModelProblem(p: ModelProblem, t: Translate): string {
  const key = p.code ? `bpmn.${p.code.replace(/^bpmn\./, '')}` : undefined;
  if (!key || !isMessageKey(key)) return p.code === 'loop.noWaitState' ? describeWarning(p, t) : p.message;
  return t(key, { ...p.params, ...wordedParams(p.params, t), element: elementTypeLabel(p.elementType || 'other', t) });
}

/**
 * Parameters that are themselves codes, in words: element types (`hostType: userTask` → 人工任务),
 * event triggers (`trigger: timer` → 定时器) and where a FEEL expression sits (`place` → `where`).
 */
function wordedParams(params: ModelProblem['params'], t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value !== 'string') continue;
    if (name.endsWith('Type')) out[name] = elementTypeLabel(value, t);
    else if (name === 'trigger' && isMessageKey(`bpmnTrigger.${value}`)) out[name] = t(`bpmnTrigger.${value}` as MessageKey);
    else if (name === 'place' && isMessageKey(`feelPlace.${value}`)) out.where = t(`feelPlace.${value}` as MessageKey, { target: String(params?.target ?? '') });
  }
  return out;
}

/** The diagram problems of a refused deployment (422 `errors[]` carry elementId/elementType); [] for other errors. */
export function modelProblemsOf(err: unknown): ModelProblem[] {
  if (!(err instanceof ApiError) || err.status !== 422) return [];
  return (err.problem.errors ?? []).map((e) => {
    const x = e as FieldProblem & Partial<ModelProblem>;
    return { elementId: x.elementId ?? '', elementType: x.elementType ?? '', message: x.message, ...(x.code && { code: x.code }), ...(x.params && { params: x.params }) };
  });
}
