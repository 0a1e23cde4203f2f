import { storedLang } from '../i18n/storedLang';

/** One entry of a problem's `errors`: `path` names the request part, e.g. `body.data.contact`. */
export interface FieldProblem {
  path: string;
  message: string;
  /** `zod.too_small`, `form.required` …: what the console words in the user's language, with `params`. */
  code?: string;
  params?: ProblemParams;
}

/** What a problem's code names (a user id, a limit …). */
export type ProblemParams = Record<string, string | number | boolean | Array<string | number>>;

/** An `application/problem+json` body. */
export interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  /** Stable name of the refusal (`db.timeout`, `idempotency.key_reused` …) for the console to say in the user's language. */
  code?: string;
  /** What the code names, e.g. `{ userId }` for `task.claimedByOther`. */
  params?: ProblemParams;
  /** The time limit a refusal names (`compile.timeout`), in milliseconds. */
  limitMs?: number;
  /** The memory limit a refusal names (`compile.tooLarge`), in MB. */
  limitMb?: number;
  errors?: FieldProblem[];
}

/** An API error carrying the problem+json body the server sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** Sent on every request: the server's CSRF guard rejects requests without it. */
const CSRF_HEADER = { 'x-shouwen-request': '1' } as const;

/** Every request's own headers: the CSRF guard's, and the console's language for the server's words (problems). */
const baseHeaders = () => ({ ...CSRF_HEADER, 'accept-language': storedLang() });

/** A random hex key for `idempotency-key` (crypto.randomUUID exists only in secure contexts; getRandomValues works over plain http too). */
export const idempotencyKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * GET requests started before the code that reads them runs — by `boot.ts` while the console's
 * JavaScript still loads, by the sign-in as it succeeds — so the inbox's first rows do not wait for
 * the bundle, then the session, then the first render (bench B5). Each is read once, by the first
 * `api()` GET of the same path within a few seconds. A 401 is read as the answer it is (not signed
 * in: asking again would only be refused again, one more error in the browser's console); any other
 * refusal or a failure is simply asked again. Signing in forgets them all (`forgetEarly`): what was
 * refused before no longer is.
 */
const early = new Map<string, { at: number; response: Promise<Response | null> }>();
const EARLY_MS = 10_000;

/** Starts `path` now; resolves to whether the answer was a success (boot asks for the inbox only when the session is one). */
export function fetchEarly(path: string): Promise<boolean> {
  const response = fetch(path, { credentials: 'same-origin', headers: baseHeaders() }).then(
    (r) => (r.ok || r.status === 401 ? r : null),
    () => null,
  );
  early.set(path, { at: Date.now(), response });
  return response.then((r) => r?.ok === true);
}

export function forgetEarly(): void {
  early.clear();
}

function takeEarly(path: string): Promise<Response | null> | undefined {
  const found = early.get(path);
  if (!found) return undefined;
  early.delete(path);
  return Date.now() - found.at < EARLY_MS ? found.response : undefined;
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const request = () =>
    fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: { ...baseHeaders(), ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  const plainGet = (rest.method ?? 'GET') === 'GET' && json === undefined && headers === undefined;
  const earlier = plainGet ? takeEarly(path) : undefined;
  // An action carrying an Idempotency-Key is repeated with that key, as the server asks, while the
  // database or the case's workflow is briefly unavailable (a PostgreSQL restart, an API behind a
  // balancer restarting): the approver's click waits instead of failing. The server answers the
  // repeat with the first attempt's outcome, so nothing runs twice.
  const repeatable = hasIdempotencyKey(headers);
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = (attempt === 0 && earlier && (await earlier)) || (await request());
    } catch (err) {
      if (!repeatable || attempt >= ACTION_REPEATS) throw err;
      await sleep(REPEAT_WAIT_MS.min);
      continue;
    }
    if (res.status === 204) return undefined as T;
    const body = await res.json().catch(() => ({}));
    if (res.ok) return body as T;
    if (repeatable && attempt < ACTION_REPEATS && isTransientRefusal(res.status, body)) {
      await sleep(retryAfterMs(res.headers.get('retry-after')));
      continue;
    }
    throw new ApiError(res.status, body);
  }
}

/** How many times an action is repeated after a transient refusal, and how long it waits before each. */
export const ACTION_REPEATS = 3;
const REPEAT_WAIT_MS = { min: 500, max: 5_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hasIdempotencyKey(headers: HeadersInit | undefined): boolean {
  if (!headers) return false;
  return new Headers(headers).has('idempotency-key');
}

/** 503 (the database or the case's workflow did not answer in time) or 409 "still in progress" under the same key. */
function isTransientRefusal(status: number, body: unknown): boolean {
  if (status === 503) return true;
  return status === 409 && (body as { code?: unknown } | null)?.code === 'idempotency.in_progress';
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) && header !== null && header.trim() !== '' ? seconds * 1000 : REPEAT_WAIT_MS.min;
  return Math.min(REPEAT_WAIT_MS.max, Math.max(REPEAT_WAIT_MS.min, ms));
}

/** `/api/tasks/<id>` — task ids contain `/`, so they are always URL-encoded. */
export const taskPath = (taskId: string, suffix = '') => `/api/tasks/${encodeURIComponent(taskId)}${suffix}`;
