import type { Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import {
  BackendTracker,
  closeStatementMessage,
  errorResponse,
  failingExecuteMessage,
  FrameReader,
  GROUP_ENDS,
  MAX_MESSAGE_BYTES,
  parsedStatementName,
  queryMessage,
  readyForQueryIdle,
  startupParams,
  syncMessage,
  withPrivateNames,
  type Frame,
} from './pglite-frames';
import { listenCommand, NotificationSplitter, queryText } from './pglite-notifications';

// PGlite is one PostgreSQL session, yet many pg clients share it. It stays correct only if
// (1) a client's message group (Parse … Sync) runs in one piece, never interleaved with another
// client's (the unnamed statement and portal, an error's skip-to-Sync, the implicit transaction
// of a group are all session state), and (2) while a client is inside a transaction block — or
// between the messages of a group — no other client runs at all. So a client owns PGlite from
// its first group until PGlite answers ReadyForQuery with status 'I' (idle); the others wait their
// turn. A client that leaves while it owns PGlite is rolled back on its behalf, and one that sits
// in a transaction doing nothing is ended, so it cannot lock everyone else out. Named statements
// and portals get a per-client prefix: in one session they would otherwise be everyone's.

export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;
const STARTUP = 'startup';

export interface SessionOptions {
  /** How long a client may own PGlite (in a transaction, or mid-group) without sending anything. */
  idleInTransactionTimeoutMs?: number;
  maxConnections?: number;
  /** PGlite itself failed (it threw rather than answering with an error): it is of no further use. */
  onFailure?: (err: Error) => void;
}

export interface PgliteSessions {
  /** Serves an authenticated client: `startup` is its StartupMessage, `rest` what it sent after its password. */
  serve(socket: Socket, startup: Buffer, rest: Buffer): void;
  /** Ends every client (rolling back what they left open) and resolves once PGlite is free. */
  close(): Promise<void>;
}

interface Client {
  id: number;
  socket: Socket;
  reader: FrameReader;
  pending: Frame[];
  pendingBytes: number;
  /** Has its turn on PGlite: from its first group until the session is idle again. */
  owner: boolean;
  /** PGlite's session is not idle because of it: a transaction block, or a group under way. */
  open: boolean;
  /** A turn is under way: waiting for PGlite or running on it. */
  busy: boolean;
  closed: boolean;
  /** Given to the names of its prepared statements and portals, which the session shares with everyone. */
  namePrefix: string;
  /** Statements it prepared by name, prefixed (they outlive it in the shared session unless closed). */
  statements: Set<string>;
  /** The statement_timeout it connected with (pg sends it in the StartupMessage; PGlite ignores it). */
  statementTimeoutMs: number;
  /** The channels it LISTENs to: PGlite's notifications are handed to it (pglite-notifications.ts). */
  channels: Set<string>;
  idleTimer?: NodeJS.Timeout;
}

/** First come, first served ownership of PGlite. */
class Turns {
  private current: Client | undefined;
  private queue: Array<{ client: Client; go: (granted: boolean) => void }> = [];

  /** Resolves true once `client` owns PGlite, false if it was withdrawn first. */
  acquire(client: Client): Promise<boolean> {
    if (!this.current) {
      this.current = client;
      return Promise.resolve(true);
    }
    return new Promise((go) => this.queue.push({ client, go }));
  }

  release(client: Client): void {
    if (this.current !== client) return;
    const next = this.queue.shift();
    this.current = next?.client;
    next?.go(true);
  }

  withdraw(client: Client): void {
    const i = this.queue.findIndex((w) => w.client === client);
    if (i >= 0) this.queue.splice(i, 1)[0]!.go(false);
  }
}

/**
 * Whether the groups pending[0, end) may be refused with a statement timeout while they wait
 * for their turn: each ends with Sync or Query, so the client expects ReadyForQuery after each.
 */
function refusable(pending: Frame[], end: number): boolean {
  if (pending[0]?.type === STARTUP) return false;
  return pending.slice(0, end).every((f) => !GROUP_ENDS.has(f.type) || f.type === 'S' || f.type === 'Q');
}

/** statement_timeout in milliseconds, as pg sends it; other spellings ('10s') are not counted. */
function statementTimeoutOf(startup: Buffer): number {
  const value = startupParams(startup).get('statement_timeout') ?? '';
  return /^\d+$/.test(value) ? Number(value) : 0;
}

/** The index just after the last message that completes a group (0: nothing to run yet). */
function runnableEnd(pending: Frame[]): number {
  if (pending[0]?.type === STARTUP) return 1;
  for (let i = pending.length - 1; i >= 0; i--) if (GROUP_ENDS.has(pending[i]!.type)) return i + 1;
  return 0;
}

export function createPgliteSessions(db: PGlite, opts: SessionOptions = {}): PgliteSessions {
  const idleTimeoutMs = opts.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS;
  const maxConnections = opts.maxConnections ?? 64;
  const turns = new Turns();
  const clients = new Set<Client>();
  const finishing = new Set<Promise<void>>();
  let nextId = 1;
  let failure: Error | undefined;
  let closing = false;

  /** Runs `bytes` on PGlite; true when its answer leaves the session idle. */
  async function run(bytes: Buffer, wasIdle: boolean, onData?: (data: Buffer) => void): Promise<boolean> {
    const tracker = new BackendTracker(wasIdle);
    try {
      await db.runExclusive(() =>
        db.execProtocolRawStream(bytes, {
          onRawData: (data) => {
            tracker.push(data);
            onData?.(Buffer.from(data));
          },
        }),
      );
    } catch (err) {
      // Emscripten's ExitStatus is no Error, but has a message.
      const message = (err as { message?: unknown } | undefined)?.message;
      fail(err instanceof Error ? err : new Error(typeof message === 'string' ? message : String(err)));
      throw err;
    }
    return tracker.idle;
  }

  function fail(err: Error) {
    if (failure) return;
    failure = err;
    process.stderr.write(`[pglite] the embedded database failed: ${err.message}\n`);
    for (const client of clients) abandon(client, errorResponse('FATAL', 'XX000', `the embedded database failed: ${err.message}`));
    opts.onFailure?.(err);
  }

  function send(client: Client, data: Buffer) {
    if (!client.closed && client.socket.writable) client.socket.write(data);
  }

  /** Remembers a LISTEN / UNLISTEN (run on PGlite as well, so that it notifies at all). */
  function listening(client: Client, sql: string) {
    const command = listenCommand(sql);
    if (!command) return;
    if (command.listen) client.channels.add(command.channel);
    else if (command.channel === '*') client.channels.clear();
    else client.channels.delete(command.channel);
  }

  /** Passes PGlite's answer to the client, and each notification in it to whoever listens to its channel. */
  function answerTo(client: Client): (data: Buffer) => void {
    const splitter = new NotificationSplitter();
    return (data) => {
      const { passed, notifications } = splitter.push(data);
      if (passed.length > 0) send(client, passed);
      for (const n of notifications) for (const listener of clients) if (listener.channels.has(n.channel)) send(listener, n.frame);
    };
  }

  /** Ends the client's connection now; whatever it left open is undone by finish(). */
  function abandon(client: Client, farewell?: Buffer) {
    if (client.closed) return;
    client.closed = true;
    clearTimeout(client.idleTimer);
    turns.withdraw(client);
    if (farewell && client.socket.writable) client.socket.end(farewell);
    client.socket.destroySoon();
    if (!client.busy) track(finish(client));
  }

  function track(p: Promise<void>) {
    finishing.add(p);
    void p.finally(() => finishing.delete(p));
  }

  function armIdleTimer(client: Client) {
    clearTimeout(client.idleTimer);
    if (!client.open || client.closed || idleTimeoutMs <= 0) return;
    client.idleTimer = setTimeout(
      () => abandon(client, errorResponse('FATAL', '25P03', 'terminating connection due to idle-in-transaction timeout')),
      idleTimeoutMs,
    );
    client.idleTimer.unref();
  }

  /**
   * Waits for the client's turn. PostgreSQL would count a statement's wait for a lock against its
   * statement_timeout; here the wait is for the turn, so the same deadline applies to it.
   */
  async function waitForTurn(client: Client, end: number): Promise<'granted' | 'left' | 'timeout'> {
    const deadline = client.statementTimeoutMs > 0 && refusable(client.pending, end) ? client.statementTimeoutMs : 0;
    let timedOut = false;
    const timer = deadline > 0 ? setTimeout(() => ((timedOut = true), turns.withdraw(client)), deadline) : undefined;
    const granted = await turns.acquire(client);
    clearTimeout(timer);
    if (granted) return 'granted';
    return timedOut && !client.closed ? 'timeout' : 'left';
  }

  /** Answers groups that never ran as PostgreSQL answers a statement cancelled before it did anything. */
  function refuseWaiting(client: Client, end: number) {
    const batch = client.pending.splice(0, end);
    for (const f of batch) {
      client.pendingBytes -= f.bytes.length;
      if (f.type === 'S' || f.type === 'Q') send(client, Buffer.concat([errorResponse('ERROR', '57014', 'canceling statement due to statement timeout'), readyForQueryIdle()]));
    }
  }

  /** Runs the client's complete groups, one turn at a time, until it has none left. */
  async function pump(client: Client) {
    if (client.busy || client.closed) return;
    client.busy = true;
    clearTimeout(client.idleTimer);
    try {
      for (;;) {
        const end = runnableEnd(client.pending);
        if (end === 0 || client.closed || failure) break;
        if (!client.owner) {
          const turn = await waitForTurn(client, end);
          if (turn === 'left') break;
          if (turn === 'timeout') {
            refuseWaiting(client, end);
            continue;
          }
          client.owner = true;
          // It may have left just as its turn came: nothing to undo, finish() hands the turn on.
          if (client.closed) break;
        }
        const batch = client.pending.splice(0, end);
        for (const f of batch) client.pendingBytes -= f.bytes.length;
        const terminate = batch.findIndex((f) => f.type === 'X');
        const frames = (terminate >= 0 ? batch.slice(0, terminate) : batch).map((f) => withPrivateNames(f, client.namePrefix));
        for (const f of frames) {
          const name = f.type === 'P' ? parsedStatementName(f.bytes) : '';
          if (name) client.statements.add(name);
        }
        for (const f of frames) if (f.type === 'Q') listening(client, queryText(f.bytes));
        if (frames.length > 0) client.open = !(await run(Buffer.concat(frames.map((f) => f.bytes)), !client.open, answerTo(client)));
        if (terminate >= 0) {
          abandon(client);
          break;
        }
        if (!client.open) {
          client.owner = false;
          turns.release(client);
        }
      }
    } catch {
      // run() has failed the whole server; nothing more to do for this client.
    } finally {
      client.busy = false;
      if (client.closed) track(finish(client));
      else armIdleTimer(client);
    }
  }

  /** After a client left: undo what it left open in the session, then hand PGlite on. */
  async function finish(client: Client) {
    clients.delete(client);
    if (failure) return;
    try {
      if (client.open) {
        // An error on purpose ends whatever group it was in without committing it; the Sync
        // closes the group; a transaction block it had opened is then failed and rolled back.
        let idle = await run(Buffer.concat([failingExecuteMessage(), syncMessage()]), false);
        for (let tries = 0; !idle && tries < 2; tries++) idle = await run(queryMessage('ROLLBACK'), false);
        if (!idle) process.stderr.write(`[pglite] could not roll back the transaction of client #${client.id}\n`);
        client.open = false;
      }
      if (client.statements.size > 0) {
        if (!client.owner && (await turns.acquire(client))) client.owner = true;
        if (client.owner) await run(Buffer.concat([...[...client.statements].map(closeStatementMessage), syncMessage()]), true);
      }
    } catch {
      // run() has failed the whole server.
    } finally {
      if (client.owner) {
        client.owner = false;
        turns.release(client);
      }
    }
  }

  function serve(socket: Socket, startup: Buffer, rest: Buffer) {
    if (failure || closing) return void socket.end(errorResponse('FATAL', '57P03', 'the embedded database is not accepting connections'));
    if (clients.size >= maxConnections) return void socket.end(errorResponse('FATAL', '53300', 'sorry, too many clients already'));
    const id = nextId++;
    const client: Client = {
      id,
      socket,
      reader: new FrameReader(),
      pending: [{ type: STARTUP, bytes: startup }],
      pendingBytes: startup.length,
      owner: false,
      open: false,
      busy: false,
      closed: false,
      namePrefix: `c${id}.`,
      statements: new Set(),
      channels: new Set(),
      statementTimeoutMs: statementTimeoutOf(startup),
    };
    clients.add(client);
    socket.setNoDelay(true);
    const receive = (chunk: Buffer) => {
      if (client.closed) return;
      let frames: Frame[];
      try {
        frames = client.reader.push(chunk);
      } catch (err) {
        return abandon(client, errorResponse('FATAL', '08P01', (err as Error).message));
      }
      for (const f of frames) client.pendingBytes += f.bytes.length;
      client.pending.push(...frames);
      if (client.pendingBytes > MAX_MESSAGE_BYTES) return abandon(client, errorResponse('FATAL', '08P01', 'too much data waiting to run'));
      void pump(client);
    };
    socket.on('data', receive);
    socket.on('error', () => abandon(client));
    socket.on('close', () => abandon(client));
    if (rest.length > 0) receive(rest);
    else void pump(client);
  }

  async function close() {
    closing = true;
    for (const client of clients) abandon(client, errorResponse('FATAL', '57P01', 'terminating connection due to administrator command'));
    while (finishing.size > 0) await Promise.all([...finishing]);
  }

  return { serve, close };
}
