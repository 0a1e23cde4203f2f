import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { md5PasswordResponse } from '../../db/pglite-auth';
import { generateCredentials, type PgCredentials } from '../../db/pglite-credentials';
import { message } from '../../db/pglite-frames';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/pglite-server';

// The embedded database interleaved the protocol messages of concurrent clients: activities
// failed with "bind message supplies 7 parameters, but prepared statement "" requires 14"
// (08P01), with foreign-key violations for a row inserted just before on the same connection,
// and a client that died mid-group left its half-done work in the one session for the next.

const cstr = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** A client that speaks the protocol by hand, to stop at places `pg` never stops. */
async function rawClient(port: number, credentials: PgCredentials) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = Buffer.alloc(0);
  let wake = () => undefined as void;
  socket.on('data', (c) => {
    received = Buffer.concat([received, c]);
    wake();
  });
  socket.on('error', () => undefined);
  const until = (test: (b: Buffer) => boolean) =>
    new Promise<void>((resolve) => {
      wake = () => test(received) && resolve();
      wake();
    });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const params = Buffer.concat([cstr('user'), cstr(credentials.user), cstr('database'), cstr('postgres'), Buffer.from([0])]);
  socket.write(Buffer.concat([int32(8 + params.length), int32(196608), params]));
  await until((b) => b.length >= 13);
  const salt = received.subarray(9, 13);
  received = Buffer.alloc(0);
  socket.write(message('p', cstr(md5PasswordResponse(credentials.user, credentials.password, salt))));
  await until((b) => b.includes(Buffer.from([0x5a, 0, 0, 0, 5, 0x49]))); // ReadyForQuery, idle
  received = Buffer.alloc(0);
  return { socket, until, received: () => received };
}

/** Parse, Bind and Execute of a parameterised statement: an extended-protocol group without its Sync. */
function statement(sql: string, values: string[]): Buffer {
  const parse = message('P', Buffer.concat([cstr(''), cstr(sql), int16(0)]));
  const bind = message('B', Buffer.concat([cstr(''), cstr(''), int16(0), int16(values.length), ...values.flatMap((v) => [int32(Buffer.byteLength(v)), Buffer.from(v)]), int16(0)]));
  const execute = message('E', Buffer.concat([cstr(''), int32(0)]));
  return Buffer.concat([parse, bind, execute]);
}

describe('the embedded PostgreSQL with many clients at once', () => {
  let server: EmbeddedPostgres;
  const credentials = generateCredentials();
  beforeAll(async () => {
    server = await startEmbeddedPostgres({ port: 0, credentials });
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    await c.query('CREATE TABLE ledger (client int NOT NULL, round int NOT NULL, tag text NOT NULL, payload text NOT NULL)');
    await c.end();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const problems: string[] = [];
  const committed: string[] = [];

  // Client i binds 1 + i % 14 parameters, so interleaved groups cannot go unnoticed.
  const worker = async (i: number) => {
    const c = new pg.Client({ connectionString: server.url });
    c.on('error', (err) => problems.push(`client ${i}: ${err.message}`));
    c.on('notice', (n) => problems.push(`client ${i} notice: ${n.message}`));
    await c.connect();
    for (let round = 0; round < 6; round++) {
      const values = Array.from({ length: 1 + (i % 14) }, (_, k) => i * 1000 + round * 10 + k);
      const sql = `SELECT ${values.map((_, k) => `$${k + 1}::int`).join(' + ')} AS sum`;
      const { rows } = await c.query<{ sum: number }>(sql, values);
      if (rows[0]?.sum !== values.reduce((a, b) => a + b)) problems.push(`client ${i} round ${round}: sum ${rows[0]?.sum}`);

      // Every third payload is large enough to reach the server in several chunks.
      const payload = round % 3 === 1 ? 'x'.repeat(200_000) : `p${i}.${round}`;
      await c.query('BEGIN');
      await c.query('INSERT INTO ledger (client, round, tag, payload) VALUES ($1, $2, $3, $4)', [i, round, 'work', payload]);
      const own = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger WHERE client = $1 AND round = $2', [i, round]);
      if (own.rows[0]?.n !== 1) problems.push(`client ${i} round ${round}: sees ${own.rows[0]?.n} own rows`);
      if (round % 3 === 2) {
        const failed = await c.query('SELECT 1 / (0 * $1::int)', [i]).then(
          () => 'no error',
          (err: { code?: string }) => err.code,
        );
        if (failed !== '22012') problems.push(`client ${i} round ${round}: division by zero gave ${failed}`);
        await c.query('ROLLBACK');
      } else {
        await c.query('COMMIT');
        committed.push(`${i}/${round}`);
      }
    }
    await c.end();
  };

  // Leaves in the middle of a transaction block, its connection cut.
  const leavesMidTransaction = async () => {
    const c = new pg.Client({ connectionString: server.url });
    c.on('error', () => undefined);
    await c.connect();
    await c.query('BEGIN');
    await c.query('INSERT INTO ledger (client, round, tag, payload) VALUES ($1, $2, $3, $4)', [-1, 0, 'abandoned', '']);
    (c as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
  };

  // Leaves after PGlite ran its INSERT but before the Sync that would commit it.
  const leavesMidGroup = async () => {
    const raw = await rawClient(server.port, credentials);
    raw.socket.write(Buffer.concat([statement('INSERT INTO ledger (client, round, tag, payload) VALUES ($1, $2, $3, $4)', ['-2', '0', 'half', '']), message('H')]));
    await raw.until((b) => b.includes(Buffer.from('INSERT 0 1')));
    raw.socket.destroy();
  };

  /** What a newcomer finds: no transaction left open for it, no rows but the committed ones. */
  async function expectCleanSession() {
    const after = new pg.Client({ connectionString: server.url });
    const notices: string[] = [];
    after.on('notice', (n) => notices.push(n.message ?? ''));
    await after.connect();
    expect((await after.query('SELECT pg_current_xact_id_if_assigned() AS xid')).rows).toEqual([{ xid: null }]);
    const { rows } = await after.query<{ k: string }>("SELECT client || '/' || round || '/' || tag AS k FROM ledger ORDER BY client, round");
    expect(rows.map((r) => r.k).sort()).toEqual(committed.map((k) => `${k}/work`).sort());
    // "there is already a transaction in progress" would be a notice
    await after.query('BEGIN');
    await after.query('ROLLBACK');
    expect(notices).toEqual([]);
    await after.end();
  }

  it('runs each of 20 concurrent clients’ transactions and parameterised statements as if it were alone', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => worker(i)));
    expect(problems).toEqual([]);
    await expectCleanSession();
  });

  it('undoes what a client left open when it went away mid-transaction or mid-group', async () => {
    await leavesMidTransaction();
    await leavesMidGroup();
    await expectCleanSession();
    // and again while others are at work
    await Promise.all([worker(20), leavesMidGroup(), worker(21), leavesMidTransaction(), worker(22)]);
    expect(problems).toEqual([]);
    await expectCleanSession();
  });

  it('keeps a client’s group whole when its messages arrive one byte at a time', async () => {
    const raw = await rawClient(server.port, credentials);
    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    const bytes = Buffer.concat([statement('SELECT $1::int + $2::int AS n', ['20', '22']), message('S')]);
    for (const byte of bytes) {
      raw.socket.write(Buffer.from([byte]));
      // another client's statement, with another number of parameters, between every byte
      await other.query('SELECT $1::int AS one', [1]);
    }
    await raw.until((b) => b.includes(Buffer.from([0x5a, 0, 0, 0, 5])));
    const answer = raw.received();
    expect(answer.toString('latin1')).toContain('SELECT 1');
    expect(answer.includes(Buffer.from('42'))).toBe(true);
    expect(answer.toString('latin1')).not.toContain('SERROR');
    raw.socket.destroy();
    await other.end();
  });

  it('keeps each client’s named prepared statements its own, and closes them when it leaves', async () => {
    // pg prepares a query given a name once per connection and then only binds it.
    const named = async (i: number) => {
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      const values = Array.from({ length: 1 + (i % 5) }, (_, k) => i + k);
      const text = `SELECT ${values.map((_, k) => `$${k + 1}::int`).join(' + ')} AS sum`;
      for (let round = 0; round < 4; round++) {
        const { rows } = await c.query<{ sum: number }>({ name: 'sum', text, values });
        expect(rows).toEqual([{ sum: values.reduce((a, b) => a + b) }]);
      }
      await c.end();
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => named(i)));
    const after = new pg.Client({ connectionString: server.url });
    await after.connect();
    expect((await after.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows).toEqual([{ n: 0 }]);
    await after.end();
  });

  it('cancels a statement that waited for its turn past its statement_timeout, as PostgreSQL cancels one waiting for a lock', async () => {
    const waiter = new pg.Client({ connectionString: server.url, statement_timeout: 300 });
    await waiter.connect();
    const holder = new pg.Client({ connectionString: server.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE ledger');
    await expect(waiter.query('SELECT count(*) FROM ledger WHERE client = $1', [1])).rejects.toMatchObject({ code: '57014' });
    await holder.query('ROLLBACK');
    // the connection is still in step: its next statement gets its own answer
    expect((await waiter.query<{ n: number }>('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
    await Promise.all([waiter.end(), holder.end()]);
  });
});

describe('a client that sits in a transaction doing nothing', () => {
  let server: EmbeddedPostgres;
  beforeAll(async () => {
    server = await startEmbeddedPostgres({ port: 0, idleInTransactionTimeoutMs: 500 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is rolled back and disconnected, so the others get their turn', async () => {
    const stuck = new pg.Client({ connectionString: server.url });
    const stuckErrors: Array<{ code?: string; message: string }> = [];
    stuck.on('error', (err) => stuckErrors.push({ code: (err as { code?: string }).code, message: err.message }));
    await stuck.connect();
    await stuck.query('CREATE TABLE IF NOT EXISTS parked (n int)');
    await stuck.query('BEGIN');
    await stuck.query('INSERT INTO parked VALUES (1)');

    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    // Waits for its turn until the stuck client is ended, then sees nothing of its transaction.
    expect((await other.query<{ n: number }>('SELECT count(*)::int AS n FROM parked')).rows).toEqual([{ n: 0 }]);
    expect((await other.query('SELECT pg_current_xact_id_if_assigned() AS xid')).rows).toEqual([{ xid: null }]);
    await other.end();

    await expect(stuck.query('COMMIT')).rejects.toThrow();
    expect(stuckErrors).toContainEqual(expect.objectContaining({ code: '25P03' }));
  });
});

describe('a PGlite that fails', () => {
  it('tells every client, refuses new ones and says so, for the launcher to start it again', async () => {
    const server = await startEmbeddedPostgres({ port: 0 });
    try {
      const failed = vi.fn();
      void server.failed.then(failed);
      const copier = new pg.Client({ connectionString: server.url });
      const bystander = new pg.Client({ connectionString: server.url });
      for (const c of [copier, bystander]) c.on('error', () => undefined);
      await copier.connect();
      await bystander.connect();
      await copier.query('CREATE TABLE copied (n int)');
      // PGlite cannot wait for COPY data from a client: it exits instead.
      await expect(copier.query('COPY copied FROM STDIN')).rejects.toThrow();
      await expect(bystander.query('SELECT 1')).rejects.toMatchObject({ code: 'XX000' });
      await expect(new pg.Client({ connectionString: server.url }).connect()).rejects.toMatchObject({ code: '57P03' });
      await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/exit/) })));
    } finally {
      await server.stop();
    }
  });
});
