import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { startAuthFront } from './pglite-auth';
import { embeddedUrl, generateCredentials, type PgCredentials } from './pglite-credentials';
import { createPgliteSessions } from './pglite-sessions';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Resolves if PGlite itself fails (it then serves nobody; `npm start` restarts it). */
  failed: Promise<Error>;
  stop(): Promise<void>;
}

/**
 * PGlite served over the Postgres wire protocol, so the same `pg` code runs against it and
 * against a real server. PGlite is a single session: pglite-sessions.ts gives the clients turns.
 * Clients must give `credentials` (random ones when omitted, e.g. for a throwaway database):
 * see pglite-auth.ts.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir?: string;
  port: number;
  maxConnections?: number;
  credentials?: PgCredentials;
  idleInTransactionTimeoutMs?: number;
}): Promise<EmbeddedPostgres> {
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const credentials = opts.credentials ?? generateCredentials();
  // pg_trgm: the inbox's text search indexes (migration 051).
  const db = await PGlite.create(opts.dataDir ?? 'memory://', { extensions: { pg_trgm } });
  let onFailure: (err: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (onFailure = resolve));
  const sessions = createPgliteSessions(db, { maxConnections: opts.maxConnections, idleInTransactionTimeoutMs: opts.idleInTransactionTimeoutMs, onFailure });
  const cleanups: Array<() => Promise<unknown>> = [() => db.close()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const front = await startAuthFront({ host: '127.0.0.1', port: opts.port, credentials, onAuthenticated: sessions.serve });
    // Stop listening first, then end the clients (rolling back what they left open), then PGlite.
    cleanups.push(() => sessions.close(), () => front.close());
    return { url: embeddedUrl(credentials, front.port), port: front.port, failed, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
