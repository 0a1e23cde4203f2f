import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { PgCredentials } from './pglite-credentials';
import { errorResponse, startupParams } from './pglite-frames';

// PGlite answers every StartupMessage with AuthenticationOk: it has no notion of users. This
// front listens on the TCP port, asks the client for an MD5 password (the challenge every
// PostgreSQL client speaks), and only then hands the connection to the sessions that serve
// PGlite (pglite-sessions.ts), which nothing else can reach.

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_STARTUP_BYTES = 10_000;
const AUTH_DEADLINE_MS = 10_000;

export interface AuthFront {
  port: number;
  close(): Promise<void>;
}

const md5 = (s: string | Buffer) => createHash('md5').update(s).digest('hex');

/** What a client sends for MD5 auth: "md5" + md5(md5(password + user) + salt). */
export function md5PasswordResponse(user: string, password: string, salt: Buffer): string {
  return `md5${md5(Buffer.concat([Buffer.from(md5(password + user)), salt]))}`;
}

/** What the front hands on once a client proved its password: its StartupMessage and what it sent after the password. */
export type Authenticated = (socket: Socket, startup: Buffer, rest: Buffer) => void;

/**
 * Serves `host:port`, authenticating each connection against `credentials` before handing it to
 * `onAuthenticated`. Resolves once listening.
 */
export async function startAuthFront(opts: { host: string; port: number; credentials: PgCredentials; onAuthenticated: Authenticated }): Promise<AuthFront> {
  const expectedUser = Buffer.from(opts.credentials.user);
  const open = new Set<Socket>();
  const server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    handle(socket);
  });

  function handle(socket: Socket) {
    let buf = Buffer.alloc(0);
    let phase: 'startup' | 'password' | 'done' = 'startup';
    let startup: Buffer | undefined;
    let user = '';
    const salt = randomBytes(4);
    socket.setTimeout(AUTH_DEADLINE_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());

    const refuse = (code: string, message: string) => {
      phase = 'done';
      socket.end(errorResponse('FATAL', code, message));
    };

    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > MAX_STARTUP_BYTES) return refuse('08P01', 'startup packet too long');
      while (phase !== 'done') {
        if (phase === 'startup') {
          if (buf.length < 8) return;
          const length = buf.readInt32BE(0);
          if (length < 8 || length > MAX_STARTUP_BYTES) return refuse('08P01', 'invalid startup packet length');
          if (buf.length < length) return;
          const packet = buf.subarray(0, length);
          buf = buf.subarray(length);
          const code = packet.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            socket.write('N');
            continue;
          }
          // PGlite ignores cancel requests; nothing to authenticate either.
          if (code === CANCEL_REQUEST) return void socket.end();
          if (code !== PROTOCOL_3) return refuse('0A000', 'unsupported frontend protocol');
          startup = Buffer.from(packet);
          user = startupParams(packet).get('user') ?? '';
          const challenge = Buffer.alloc(13);
          challenge.write('R', 0);
          challenge.writeInt32BE(12, 1);
          challenge.writeInt32BE(5, 5);
          salt.copy(challenge, 9);
          socket.write(challenge);
          phase = 'password';
        } else {
          if (buf.length < 5) return;
          if (buf[0] !== 0x70 /* 'p' */) return refuse('08P01', 'expected a password message');
          const length = buf.readInt32BE(1);
          if (length < 5 || buf.length < 1 + length) return;
          const given = buf.subarray(5, 1 + length - 1);
          buf = buf.subarray(1 + length);
          const expected = Buffer.from(md5PasswordResponse(opts.credentials.user, opts.credentials.password, salt));
          const userOk = Buffer.byteLength(user) === expectedUser.length && timingSafeEqual(Buffer.from(user), expectedUser);
          const passwordOk = given.length === expected.length && timingSafeEqual(given, expected);
          if (!userOk || !passwordOk) return refuse('28P01', `password authentication failed for user "${user}"`);
          phase = 'done';
          socket.off('data', onData);
          socket.setTimeout(0);
          opts.onAuthenticated(socket, startup!, Buffer.from(buf));
          return;
        }
      }
    };
    socket.on('data', onData);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    // net.Server.close waits for every client to leave; a pool never leaves by itself.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}
