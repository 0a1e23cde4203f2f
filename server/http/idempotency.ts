import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { IdempotencyRepository, IdempotencyScope } from '../../db/idempotency';
import { HttpProblem } from './problem';

// Idempotency-Key on mutating routes (those with `config: { idempotent: true }`): the first
// request with a key (per user, route and target) executes; any other with the same key gets
// that outcome replayed — same status, same body, no second effect — or, while the first still
// runs, waits for it. Outcomes below 500 are final and kept until they expire; a 5xx (the
// database or a worker did not answer) is not, so a repeat executes again, resuming from what
// the failed attempt remembered. Repeating an operation is safe because each one is keyed
// downstream by `operationId` (Temporal Update id, workflow id memo).

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: IdempotentOperation | null;
  }
}

/** What a service sees of the key its request carries. */
export interface IdempotentOperation {
  /** Stable for every repeat of this request by this user; distinct for any other user, route, target or key. */
  operationId: string;
  /** The value the first attempt fixed under `name`, or `compute()`'s, remembered for later attempts. */
  remember<T>(name: string, compute: () => T): Promise<T>;
}

interface Held {
  scope: IdempotencyScope;
  token: string;
  /** Renews the lease while this attempt runs. */
  renewal: NodeJS.Timeout;
}

export interface IdempotencyOptions {
  repo: IdempotencyRepository;
  /** How long a stored outcome is replayed (default 24 h). */
  ttlMs?: number;
  /**
   * How long a key stays held without its attempt renewing it (default 10 s). A running attempt
   * renews it every quarter of that, so only an attempt whose process died (or whose outcome could
   * not be stored) leaves a key behind, and a repeat takes it over once the lease has passed.
   */
  leaseMs?: number;
  /** An attempt that runs longer than this stops renewing (default 10 min): a hung handler does not hold its key for ever. */
  maxHoldMs?: number;
  /** How long a duplicate waits for the first attempt before answering 409 (default 10 s). */
  waitMs?: number;
}

export const DEFAULT_LEASE_MS = 10_000;
const POLL_MS = 100;
const SWEEP_EVERY_MS = 10 * 60_000;

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The id downstream systems deduplicate one keyed operation by (a Temporal Update id, a workflow's memo). */
export const operationIdOf = (scope: IdempotencyScope): string => sha256(canonical(scope));

/** What a key is bound to: the body, whatever its key order (a repeat with another body is refused). */
export const requestHash = (body: unknown): string => sha256(canonical(body));

function keyReused(): HttpProblem {
  const message = 'this key was used for a different request';
  return new HttpProblem(422, 'Unprocessable Content', 'This Idempotency-Key was already used with a different request body; use a new key for a new request.', {
    code: 'idempotency.key_reused',
    errors: [{ path: 'headers.idempotency-key', message }],
  });
}

function inProgress(retryAfterS: number): HttpProblem {
  return new HttpProblem(
    409,
    'Conflict',
    'A request with this Idempotency-Key is still being processed; repeat it in a moment to get its outcome.',
    { code: 'idempotency.in_progress' },
    { 'retry-after': String(retryAfterS) },
  );
}

/** Calls `renew` every `everyMs` until it answers false (the key is no longer this attempt's), `maxMs` passed, or the timer is cleared. */
function renewWhileHeld(renew: () => Promise<boolean>, everyMs: number, maxMs: number, onError: (err: unknown) => void): NodeJS.Timeout {
  const since = Date.now();
  const timer: NodeJS.Timeout = setInterval(() => {
    if (Date.now() - since > maxMs) return clearInterval(timer);
    renew().then((mine) => mine || clearInterval(timer), onError);
  }, everyMs);
  timer.unref();
  return timer;
}

export const idempotencyPlugin = fp(async (app: FastifyInstance, opts: IdempotencyOptions) => {
  const { repo } = opts;
  const ttlMs = opts.ttlMs ?? 24 * 3_600_000;
  // Was a fixed 2 minutes (above the task actions' 30 s deadline): a repeat after an API crash, or
  // after PostgreSQL restarted under the outcome's write, waited those 2 minutes (the scale
  // rehearsal's approve → next task p99 of 120 s). Renewal keeps a live attempt's key however long it runs.
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const maxHoldMs = opts.maxHoldMs ?? 10 * 60_000;
  const waitMs = opts.waitMs ?? 10_000;
  const held = new WeakMap<FastifyRequest, Held>();
  let lastSweep = 0;

  app.decorateRequest('idempotency', null);

  // preHandler: after the session is known and the body validated, so a refused or malformed
  // request never takes a key.
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || !request.user) return;
    const scope: IdempotencyScope = { userId: request.user.id, route: `${request.method} ${request.routeOptions.url}`, target: canonical(request.params ?? {}), key };
    const bodyHash = requestHash(request.body);
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      await repo.sweepExpired();
    }
    const deadline = Date.now() + waitMs;
    for (;;) {
      const attempt = await repo.begin(scope, bodyHash, { leaseMs, ttlMs });
      if (attempt.kind === 'owner') {
        const renewal = renewWhileHeld(() => repo.renew(scope, attempt.token, leaseMs), leaseMs / 4, maxHoldMs, (err) => request.log.warn({ err }, 'could not renew the idempotency lease'));
        held.set(request, { scope, token: attempt.token, renewal });
        const recovery = { ...attempt.recovery };
        request.idempotency = {
          operationId: operationIdOf(scope),
          async remember<T>(name: string, compute: () => T): Promise<T> {
            if (name in recovery) return recovery[name] as T;
            const value = compute();
            await repo.remember(scope, attempt.token, name, value);
            recovery[name] = value;
            return value;
          },
        };
        return;
      }
      if (attempt.requestHash !== bodyHash) throw keyReused();
      if (attempt.kind === 'done') {
        const { statusCode, contentType, response } = attempt.outcome;
        reply.status(statusCode).header('idempotent-replayed', 'true');
        if (contentType) reply.header('content-type', contentType);
        return reply.send(response);
      }
      if (Date.now() >= deadline) throw inProgress(1);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });

  // onSend sees every answer of the route, its errors included, as the bytes that will be sent.
  app.addHook('onSend', async (request, reply, payload) => {
    const mine = held.get(request);
    if (!mine) return payload;
    held.delete(request);
    clearInterval(mine.renewal);
    try {
      if (reply.statusCode < 500 && typeof payload === 'string') {
        const contentType = reply.getHeader('content-type');
        await repo.finish(mine.scope, mine.token, { statusCode: reply.statusCode, contentType: typeof contentType === 'string' ? contentType : null, response: payload });
      } else {
        await repo.abandon(mine.scope, mine.token);
      }
    } catch (err) {
      // The caller still gets the real outcome. The key stays held until its lease ends; a repeat
      // after that executes again and meets the first execution downstream (same operationId).
      request.log.warn({ err }, 'could not record the idempotent outcome');
    }
    return payload;
  });
});
