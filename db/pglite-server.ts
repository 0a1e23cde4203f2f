import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { startAuthFront } from './pglite-auth';
import { embeddedUrl, generateCredentials, type PgCredentials } from './pglite-credentials';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * PGlite served over the Postgres wire protocol, so the same `pg` code runs against it
 * and against a real server. PGlite is single-connection: the socket server multiplexes.
 * Clients must give `credentials` (random ones when omitted, e.g. for a throwaway database):
 * see pglite-auth.ts for why PGlite itself sits behind a private Unix socket.
 */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port: number; maxConnections?: number; credentials?: PgCredentials }): Promise<EmbeddedPostgres> {
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const credentials = opts.credentials ?? generateCredentials();
  // Unix socket paths are limited to ~100 bytes, so not inside a data folder of any depth; mkdtemp makes it 0700.
  const socketDir = await mkdtemp(join(tmpdir(), 'shouwen-pg-'));
  const backendPath = join(socketDir, '.s.PGSQL');
  const db = await PGlite.create(opts.dataDir ?? 'memory://');
  const inner = new PGLiteSocketServer({ db, path: backendPath, maxConnections: opts.maxConnections ?? 64 });
  const cleanups: Array<() => Promise<unknown>> = [() => db.close(), () => rm(socketDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    await inner.start();
    cleanups.push(() => inner.stop());
    const front = await startAuthFront({ host: '127.0.0.1', port: opts.port, backendPath, credentials });
    cleanups.push(() => front.close());
    return { url: embeddedUrl(credentials, front.port), port: front.port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
