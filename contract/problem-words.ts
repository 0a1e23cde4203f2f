import { classifyFeelFailure } from './feel-failure';
import { problemMessagesZh, type ProblemMessageKey } from './problem-messages.zh';

// How a problem's `code` and `params` become words: the rules the console (web/src/lib/problems.ts),
// the API's problem+json bodies (server/http/problem-language.ts) and the CLI share. Only the zh-CN
// catalog is imported here (it is in the console's first bundle anyway); a translator `t` supplies
// the words in whichever language the caller speaks.

/** What a refusal's `code` names (a user id, a limit …). */
export type ProblemParams = Record<string, string | number | boolean | Array<string | number>>;
export type ProblemVars = Record<string, string | number>;
/** Says a catalog key in the caller's language, filling its `{placeholders}`. */
export type ProblemTranslate = (key: ProblemMessageKey, vars?: ProblemVars) => string;

/** Replaces `{name}` placeholders from `vars`; unknown placeholders stay visible. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export const isProblemMessageKey = (key: string): key is ProblemMessageKey => Object.hasOwn(problemMessagesZh, key);

/** Whether the caller has words for a key (the console's catalog loads in parts, see web/src/i18n/catalog.ts). */
export type KeyCheck = (key: string) => boolean;

/** Problem codes whose words sit under a key of their own (not `problem.<code>`). */
const CODE_MESSAGES = {
  'db.timeout': 'problem.dbTimeout',
  'idempotency.key_reused': 'problem.idempotencyKeyReused',
  'idempotency.in_progress': 'problem.idempotencyInProgress',
  'compile.busy': 'problem.compileBusy',
  'compile.timeout': 'problem.compileTimeout',
  'compile.tooLarge': 'problem.compileTooLarge',
  'compile.unavailable': 'problem.compileUnavailable',
} as const satisfies Record<string, ProblemMessageKey>;

/**
 * The catalog key for a problem `code`, if it has one. zod's issues depend on what was checked
 * (`too_small` of a string counts characters, of a number is a value): `zod.<code>.<origin or
 * format>` first, then `zod.<code>`; likewise `request.malformed.<reason>` for the reasons with words.
 */
export function problemMessageKey(code: string, params: ProblemParams | undefined, has: KeyCheck = isProblemMessageKey): ProblemMessageKey | undefined {
  if (Object.hasOwn(CODE_MESSAGES, code)) return CODE_MESSAGES[code as keyof typeof CODE_MESSAGES];
  const qualifier = params?.origin ?? params?.format ?? params?.reason;
  const candidates = [...(typeof qualifier === 'string' ? [`problem.${code}.${qualifier}`] : []), `problem.${code}`];
  return candidates.find((key): key is ProblemMessageKey => has(key) && isProblemMessageKey(key));
}

/** The words for what a zod `expected` names (`string` → 文本). */
const EXPECTED_KEYS: Record<string, ProblemMessageKey> = {
  string: 'problem.expected.string',
  number: 'problem.expected.number',
  int: 'problem.expected.number',
  boolean: 'problem.expected.boolean',
  array: 'problem.expected.array',
  object: 'problem.expected.object',
  date: 'problem.expected.date',
};

/** Codes whose `detail` is a FEEL evaluation's own (English) failure: said in words by its kind instead. */
const FEEL_DETAIL_CODES = new Set(['dmn.feel.failed']);

/** Why a FEEL expression failed at run time (`FEEL "x >": Incomplete <Comparison>`) in `t`'s language, by its kind. */
export function wordFeelFailure(detail: string, t: ProblemTranslate): string {
  const failure = classifyFeelFailure(detail);
  return t(`feelFailure.${failure.code}`, failure.params);
}

/** A problem `code` in `t`'s language with the parameters it names, or undefined when the catalog has no words for it. */
export function wordProblem(code: string, params: ProblemParams | undefined, t: ProblemTranslate, has?: KeyCheck): string | undefined {
  const key = problemMessageKey(code, params, has);
  if (!key) return undefined;
  const vars: ProblemVars = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    vars[name] = Array.isArray(value) ? value.join('、') : typeof value === 'boolean' ? String(value) : value;
  }
  // People and processes are named (the API adds userName / processName, server/http/problem-names.ts); a
  // problem that reached the words without them (a bulk item's, a client's own) shows the id rather than a placeholder.
  if (vars.userName === undefined && vars.userId !== undefined) vars.userName = vars.userId;
  if (vars.processName === undefined && vars.processKey !== undefined) vars.processName = vars.processKey;
  if (typeof params?.expected === 'string') vars.expected = EXPECTED_KEYS[params.expected] ? t(EXPECTED_KEYS[params.expected]!) : params.expected;
  if (typeof params?.detail === 'string' && FEEL_DETAIL_CODES.has(code)) vars.detail = wordFeelFailure(params.detail, t);
  return t(key, vars);
}

/**
 * Body fields a person names in words where no form label sits beside them (the deploy and draft
 * fields: `changeNote` → 变更说明); the first segment of the path is looked up.
 */
const FIELD_KEYS: Record<string, ProblemMessageKey> = {
  changeNote: 'problem.field.changeNote',
  xml: 'problem.field.xml',
  forms: 'problem.field.forms',
  revision: 'problem.field.revision',
  baseVersion: 'problem.field.baseVersion',
  outcome: 'problem.field.outcome',
  comment: 'problem.field.comment',
  title: 'problem.field.title',
  customerId: 'problem.field.customerId',
  businessKey: 'problem.field.businessKey',
  processKey: 'problem.field.processKey',
  data: 'problem.field.data',
  variables: 'problem.field.variables',
};

/**
 * `body.changeNote` → `变更说明：`, `body.forms.complaint-register` → `表单（complaint-register）：`; a field
 * with no word keeps its path (`roles.0.unitId：`), the code a form's label sits beside.
 */
export const fieldLabel = (path: string, t: ProblemTranslate): string => {
  const short = path.replace(/^(body|querystring|params|headers)\./, '');
  if (!short || short === path.split('.')[0]) return '';
  const [first = '', ...rest] = short.split('.');
  const key = Object.hasOwn(FIELD_KEYS, first) ? FIELD_KEYS[first] : undefined;
  if (!key) return `${short}：`;
  return rest.length ? `${t(key)}（${rest.join('.')}）：` : `${t(key)}：`;
};

type FieldProblemLike = { message: string; code?: string | undefined; params?: ProblemParams | undefined };

/** A field problem's own words: its `code` in `t`'s language when known, the server's (English) message otherwise. */
export const fieldWords = (e: FieldProblemLike, t: ProblemTranslate, has?: KeyCheck): string => (e.code && wordProblem(e.code, e.params, t, has)) || e.message;

/**
 * One field problem as a line: its words in `t`'s language (the server's when the code is unknown),
 * after the field it is about. A form check's words already name the field by its label
 * (“联系电话”为必填项), so no path goes before them: a person never reads `data.phone`.
 */
export function fieldProblemLine(e: FieldProblemLike & { path: string }, t: ProblemTranslate, has?: KeyCheck): string {
  const words = fieldWords(e, t, has);
  const label = e.params?.label;
  return typeof label === 'string' && label !== '' ? words : `${fieldLabel(e.path, t)}${words}`;
}

/** Problems whose own sentence is a heading for their field problems (the list follows it). */
export const LISTS_FIELDS = ['request.invalid', 'form.invalid'];
