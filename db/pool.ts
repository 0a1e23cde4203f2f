import pg from 'pg';

export type Db = pg.Pool;

/** How long a statement or a new connection may take before it fails instead of hanging its caller. 0 = no limit. */
export interface DbTimeouts {
  /** Server side: PostgreSQL cancels the statement (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** Opening a connection, or waiting for a free one in a full pool. */
  connectTimeoutMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 };
export const NO_DB_TIMEOUTS: DbTimeouts = { statementTimeoutMs: 0, connectTimeoutMs: 0 };

// The client-side read deadline is a backstop for a server that cannot cancel anything (it hangs,
// the network drops, or PGlite runs one statement that takes long: it can cancel a statement
// waiting for its turn, not one running). It fires after the server's own deadline so that, on a
// live server, the precise 57014 wins.
const CLIENT_GRACE_MS = 2_000;

export function createPool(connectionString: string, max = 10, timeouts: DbTimeouts = DEFAULT_DB_TIMEOUTS): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    // No JIT: the inbox's queries are short, but their cost estimates (subplans over 1M tasks) pass
    // jit_above_cost, and compiling them took 2.7 s of a 2.7 s badge count on PostgreSQL 15 (issue 19,
    // bench/results/inbox-scale-2026-12-01.md). A startup parameter: set before any query runs.
    options: '-c jit=off',
    ...(timeouts.statementTimeoutMs > 0 ? { statement_timeout: timeouts.statementTimeoutMs, query_timeout: timeouts.statementTimeoutMs + CLIENT_GRACE_MS } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => process.stderr.write(`[db] idle client error: ${err.message}\n`));
  // Nor may a checked-out one (a transaction between two statements when PostgreSQL restarts): pg
  // emits 'error' on the client, and pg-pool listens only while the client is idle, so without a
  // listener of our own the API or worker died with every request it held. The statement running
  // on it fails by itself, and a client that is no longer queryable is discarded on release.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      if (!isConnectionLoss(err)) process.stderr.write(`[db] client error: ${err.message}\n`);
    });
  });
  return pool;
}

const TIMEOUT_MESSAGES = ['Query read timeout', 'timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];
// pg's own words for a connection that ended under it ("… unexpectedly", "… due to connection timeout").
const LOST_MESSAGES = ['Connection terminated', 'Client has encountered a connection error and is not queryable'];
// 57P01–57P03: the server shuts down or restarts (admin command, crash, not yet accepting); 08xxx
// (by prefix): the connection failed; then the socket's own failures.
const LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
// A deadlock or serialization failure: the transaction was rolled back and succeeds when repeated.
const CONFLICT_CODES = new Set(['40P01', '40001']);

const codeOf = (err: unknown): string | undefined => {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** Whether err says the connection to the database was lost or refused (a restart, a network cut). */
export function isConnectionLoss(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = codeOf(err);
  if (code && (code.startsWith('08') || LOST_CODES.has(code))) return true;
  return LOST_MESSAGES.some((m) => err.message.includes(m));
}

/**
 * Whether err says the database did not answer in time (not that the query was wrong): a
 * cancelled statement (57014), a lock wait past lock_timeout (55P03), or one of pg's own
 * client-side deadlines.
 */
export function isDatabaseTimeout(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (code === '57014' || code === '55P03') return true;
  return TIMEOUT_MESSAGES.some((m) => err.message.includes(m));
}

/**
 * Whether err is the database's state, not the request's fault, and repeating the request later
 * can succeed: a timeout, a lost or refused connection, a restart, a deadlock or serialization
 * failure. Callers answer these with "try again later", never with a 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return isDatabaseTimeout(err) || isConnectionLoss(err) || CONFLICT_CODES.has(codeOf(err) ?? '');
}

/** Runs fn in a transaction; rolls back on any error. */
export async function inTransaction<T>(db: Db, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // After a client-side read timeout the connection still carries the unanswered query: it
    // cannot be rolled back or reused, only closed (which ends the transaction server-side).
    if (isDatabaseTimeout(err) && (err as { code?: unknown }).code === undefined) broken = err as Error;
    else await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release(broken);
  }
}
