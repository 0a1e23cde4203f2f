import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, inTransaction, isDatabaseUnavailable, type Db } from '../../db/pool';
import { sharedStack } from '../shared-stack';

// The scale rehearsal (issue 20) restarted PostgreSQL while an API held a connection in a
// transaction: pg emitted 'error' on that checked-out client, nobody listened (pg-pool does only
// while a client is idle), and the API process died with every request it held. The database is
// reached here through a proxy whose connections the test cuts, as a restart or a network loss would.

describe('a database connection lost while a request holds it', () => {
  let proxy: Server;
  const links: Socket[] = [];
  let db: Db;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  beforeAll(async () => {
    const target = new URL(sharedStack().databaseUrl);
    proxy = createServer((client) => {
      const server = connect(Number(target.port), target.hostname);
      links.push(client, server);
      client.pipe(server).pipe(client);
      const cut = () => {
        client.destroy();
        server.destroy();
      };
      client.on('error', cut);
      server.on('error', cut);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(target);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((proxy.address() as { port: number }).port);
    db = createPool(proxied.toString(), 2);
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await db?.end().catch(() => undefined);
    for (const s of links) s.destroy();
    await new Promise((resolve) => proxy?.close(resolve));
  });

  const cutEveryConnection = () => {
    for (const s of links.splice(0)) s.destroy();
  };

  it('fails that request as "try again", keeps the process alive, and the pool serves the next one', async () => {
    const attempt = inTransaction(db, async (client) => {
      await client.query('SELECT 1');
      // Between two statements — the client is checked out and no query is running on it.
      cutEveryConnection();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('SELECT 2');
    });
    const err = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    // Answered by the API as 503 db.timeout with Retry-After (server/http/problem.ts), not 500.
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(uncaught).toEqual([]);

    const { rows } = await db.query<{ n: number }>('SELECT 3 AS n');
    expect(rows[0]!.n).toBe(3);
  });

  it('survives the loss while a statement is running on the checked-out client', async () => {
    const attempt = inTransaction(db, async (client) => {
      const slow = client.query('SELECT pg_sleep(1)');
      setTimeout(cutEveryConnection, 200);
      await slow;
    });
    const err = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(uncaught).toEqual([]);
    expect((await db.query<{ ok: boolean }>('SELECT true AS ok')).rows[0]!.ok).toBe(true);
  });
});

describe('which database errors are "try again later"', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it('deadlocks, serialization failures, restarts and refused connections are; a wrong query is not', () => {
    for (const code of ['40P01', '40001', '57P01', '57P03', '08006', 'ECONNREFUSED', '57014']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    for (const code of ['42P01', '23505', '22P02', 'ERR_INVALID_ARG_TYPE']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable('not an error')).toBe(false);
  });
});
