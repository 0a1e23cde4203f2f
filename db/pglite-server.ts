import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite served over the Postgres wire protocol, so the same `pg` code runs against it
 * and against a real server. PGlite is single-connection: the socket server multiplexes.
 */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port: number; maxConnections?: number }): Promise<EmbeddedPostgres> {
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const db = await PGlite.create(opts.dataDir ?? 'memory://');
  const server = new PGLiteSocketServer({ db, port: opts.port, host: '127.0.0.1', maxConnections: opts.maxConnections ?? 64 });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const port = opts.port === 0 ? boundPort(server) : opts.port;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

function boundPort(server: PGLiteSocketServer): number {
  // The server exposes no getter for an OS-assigned port; read it off the net.Server.
  const address = (server as unknown as { server?: { address(): { port: number } | string | null } }).server?.address();
  if (address && typeof address === 'object') return address.port;
  throw new Error('could not determine the embedded PostgreSQL port');
}
