import { mkdtemp, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialsFile, embeddedUrl, loadOrCreateCredentials } from '../../db/pglite-credentials';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/pglite-server';

// Issue 11 §5: the embedded PostgreSQL of `npm start` accepted any user and any password, so
// any local process (or user) could read and change every case.

async function connectError(url: string): Promise<{ code?: string; message: string } | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (err) {
    return { code: (err as { code?: string }).code, message: (err as Error).message };
  }
}

describe('the embedded PostgreSQL asks for its credentials', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('creates them once, in a file only its owner can read, and refuses a wrong user or password', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shouwen-pgauth-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = credentialsFile(dir);
    const credentials = await loadOrCreateCredentials(file);
    expect(credentials.password.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateCredentials(file)).toEqual(credentials);
    await chmod(file, 0o644);
    await loadOrCreateCredentials(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pglite'), port: 0, credentials });
    cleanups.push(() => server.stop());
    expect(server.url).toBe(embeddedUrl(credentials, server.port));

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query<{ n: number }>('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
    await client.end();

    const wrongPassword = await connectError(embeddedUrl({ ...credentials, password: 'postgres' }, server.port));
    expect(wrongPassword).toMatchObject({ code: '28P01', message: expect.stringMatching(/password authentication failed/) });
    const wrongUser = await connectError(embeddedUrl({ user: 'postgres', password: credentials.password }, server.port));
    expect(wrongUser).toMatchObject({ code: '28P01' });
    // the URL every earlier version used
    expect(await connectError(`postgres://postgres:postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`)).toMatchObject({ code: '28P01' });
  });

  it('does not let a client skip the password and send a query straight after the startup packet', async () => {
    const server = await startEmbeddedPostgres({ port: 0, credentials: { user: 'shouwen', password: 'right' } });
    cleanups.push(() => server.stop());
    const received = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
      socket.on('connect', () => {
        const params = Buffer.from('user\0shouwen\0database\0postgres\0\0');
        const startup = Buffer.alloc(8);
        startup.writeInt32BE(8 + params.length, 0);
        startup.writeInt32BE(196608, 4);
        const sql = Buffer.from('SELECT 1\0');
        const query = Buffer.alloc(5);
        query.write('Q', 0);
        query.writeInt32BE(4 + sql.length, 1);
        socket.write(Buffer.concat([startup, params, query, sql]));
      });
    });
    // an MD5 challenge, then a FATAL error: never PGlite's AuthenticationOk or a row
    expect(received[0]).toBe('R'.charCodeAt(0));
    expect(received.readInt32BE(5)).toBe(5);
    const rest = received.subarray(13);
    expect(rest[0]).toBe('E'.charCodeAt(0));
    expect(rest.toString()).toContain('expected a password message');
    expect(received.toString()).not.toContain('?column?');
  });

  it('refuses a credentials file that is not one instead of replacing the password', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shouwen-pgauth-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(credentialsFile(dir), '{"user": "shouwen"}', { mode: 0o600 });
    await expect(loadOrCreateCredentials(credentialsFile(dir))).rejects.toThrow(/not a credentials file/);
  });
});
