import { randomUUID } from 'node:crypto';
import type { Db } from './pool';

// The outcomes of requests sent with an Idempotency-Key (see server/http/idempotency.ts). Every
// step is one statement keyed by the primary key, so two requests racing on one key are ordered
// by PostgreSQL (INSERT … ON CONFLICT, conditional UPDATE), never by timing.

export interface IdempotencyScope {
  userId: string;
  route: string;
  target: string;
  key: string;
}

export interface StoredOutcome {
  statusCode: number;
  contentType: string | null;
  response: string;
}

export type Attempt =
  /** This request executes the operation; `recovery` holds what an earlier, failed attempt fixed. */
  | { kind: 'owner'; token: string; recovery: Record<string, unknown> }
  | { kind: 'done'; requestHash: string; outcome: StoredOutcome }
  | { kind: 'running'; requestHash: string };

const PK = 'user_id = $1 AND route = $2 AND target = $3 AND key = $4';
const pk = (s: IdempotencyScope) => [s.userId, s.route, s.target, s.key];

export function createIdempotencyRepository(db: Db) {
  return {
    /**
     * Becomes the owner of the key (new, expired, or abandoned by an attempt that failed or
     * died, when the body matches), or reports what another attempt left.
     */
    async begin(scope: IdempotencyScope, requestHash: string, opts: { leaseMs: number; ttlMs: number }): Promise<Attempt> {
      for (;;) {
        await db.query(`DELETE FROM idempotency_key WHERE ${PK} AND expires_at <= now()`, pk(scope));
        const token = randomUUID();
        const taken = await db.query<{ recovery: Record<string, unknown> }>(
          `INSERT INTO idempotency_key AS k (user_id, route, target, key, request_hash, owner, locked_until, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, now() + $7 * interval '1 millisecond', now() + $8 * interval '1 millisecond')
           ON CONFLICT (user_id, route, target, key) DO UPDATE SET owner = EXCLUDED.owner, locked_until = EXCLUDED.locked_until
             WHERE k.status_code IS NULL AND k.locked_until <= now() AND k.request_hash = EXCLUDED.request_hash
           RETURNING k.recovery`,
          [...pk(scope), requestHash, token, opts.leaseMs, opts.ttlMs],
        );
        if (taken.rows[0]) return { kind: 'owner', token, recovery: taken.rows[0].recovery };
        const { rows } = await db.query<{ request_hash: string; status_code: number | null; content_type: string | null; response: string | null }>(
          `SELECT request_hash, status_code, content_type, response FROM idempotency_key WHERE ${PK}`,
          pk(scope),
        );
        const row = rows[0];
        if (!row) continue; // expired and removed in between: start again
        if (row.status_code === null) return { kind: 'running', requestHash: row.request_hash };
        return { kind: 'done', requestHash: row.request_hash, outcome: { statusCode: row.status_code, contentType: row.content_type, response: row.response ?? '' } };
      }
    },

    /** Records a value the operation fixed before acting, so a later attempt acts on the same one. */
    async remember(scope: IdempotencyScope, token: string, name: string, value: unknown): Promise<void> {
      const { rowCount } = await db.query(`UPDATE idempotency_key SET recovery = recovery || jsonb_build_object($6::text, $7::jsonb) WHERE ${PK} AND owner = $5`, [
        ...pk(scope),
        token,
        name,
        JSON.stringify(value),
      ]);
      if (!rowCount) throw new Error(`idempotency key ${scope.key} is no longer held by this request`);
    },

    /** Stores the outcome; false when another attempt took the key over meanwhile (its outcome will be stored). */
    async finish(scope: IdempotencyScope, token: string, outcome: StoredOutcome): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE idempotency_key SET status_code = $6, content_type = $7, response = $8, owner = NULL WHERE ${PK} AND owner = $5 AND status_code IS NULL`,
        [...pk(scope), token, outcome.statusCode, outcome.contentType, outcome.response],
      );
      return (rowCount ?? 0) > 0;
    },

    /** Extends a held key's lease; false once it is not this attempt's any more (finished, or taken over). */
    async renew(scope: IdempotencyScope, token: string, leaseMs: number): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE idempotency_key SET locked_until = now() + $6 * interval '1 millisecond' WHERE ${PK} AND owner = $5 AND status_code IS NULL`,
        [...pk(scope), token, leaseMs],
      );
      return (rowCount ?? 0) > 0;
    },

    /** Lets the next attempt take over at once (the outcome was not final), keeping what was remembered. */
    async abandon(scope: IdempotencyScope, token: string): Promise<void> {
      await db.query(`UPDATE idempotency_key SET owner = NULL, locked_until = now() WHERE ${PK} AND owner = $5 AND status_code IS NULL`, [...pk(scope), token]);
    },

    async sweepExpired(): Promise<number> {
      const { rowCount } = await db.query('DELETE FROM idempotency_key WHERE expires_at <= now()');
      return rowCount ?? 0;
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
