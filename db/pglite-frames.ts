// The few pieces of the PostgreSQL wire protocol (v3) the embedded server's front needs: cutting a
// client's byte stream into messages, building the messages it answers with or sends PGlite on a
// client's behalf, and following PGlite's answer far enough to know whether the session is idle.

/** Larger messages are refused: a client must not make the server buffer without bound. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface Frame {
  /** The type byte as a character: 'P', 'B', 'S', 'Q', … */
  type: string;
  /** The whole message, type byte and length included. */
  bytes: Buffer;
}

/**
 * Cuts a stream of typed frontend messages into whole messages, whatever the chunks it arrives
 * in. Throws on a length that cannot be a message.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < 5) return frames;
      const head = this.peek(5);
      const length = head.readInt32BE(1);
      if (length < 4 || length > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${length}`);
      if (this.buffered < 1 + length) return frames;
      const bytes = this.take(1 + length);
      frames.push({ type: String.fromCharCode(bytes[0]!), bytes });
    }
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    const whole = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = whole.length > n ? [whole.subarray(n)] : [];
    this.buffered -= n;
    return whole.subarray(0, n);
  }
}

/**
 * Messages after which the client waits for an answer: Sync ends an extended-protocol group,
 * Query and FunctionCall are groups of their own, Flush asks for what is there so far,
 * Terminate ends the connection. Anything before one of them is only part of a group.
 */
export const GROUP_ENDS = new Set(['S', 'Q', 'F', 'H', 'X']);

export function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

const cstring = (s: string) => Buffer.from(`${s}\0`);

export const syncMessage = () => message('S');
export const queryMessage = (sql: string) => message('Q', cstring(sql));
/** Execute of a portal that does not exist: an error on purpose, so that the Sync after it aborts. */
export const failingExecuteMessage = () => message('E', Buffer.concat([cstring('shouwen_abandoned_portal'), Buffer.alloc(4)]));
export const closeStatementMessage = (name: string) => message('C', Buffer.concat([Buffer.from('S'), cstring(name)]));

/** The parameters of a StartupMessage: user, database, and settings such as statement_timeout. */
export function startupParams(packet: Buffer): Map<string, string> {
  const parts = packet.subarray(8).toString('utf8').split('\0');
  const params = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length && parts[i]; i += 2) params.set(parts[i]!, parts[i + 1]!);
  return params;
}

/** ReadyForQuery outside any transaction block. */
export const readyForQueryIdle = () => message('Z', Buffer.from('I'));

/** The name a Parse message gives its statement ('' = the unnamed statement). */
export function parsedStatementName(parse: Buffer): string {
  const end = parse.indexOf(0, 5);
  return end < 0 ? '' : parse.subarray(5, end).toString('utf8');
}

/** Where the statement or portal names (C strings) of a message body start, and how many follow. */
const NAMES_AT: Record<string, { at: number; count: number }> = {
  P: { at: 0, count: 1 }, // Parse: statement
  B: { at: 0, count: 2 }, // Bind: portal, statement
  E: { at: 0, count: 1 }, // Execute: portal
  D: { at: 1, count: 1 }, // Describe: 'S' | 'P', name
  C: { at: 1, count: 1 }, // Close: 'S' | 'P', name
};

/**
 * Gives the named statements and portals of a message `prefix`, so that clients sharing one
 * session never meet each other's names. The unnamed ones ('') are left alone: they live only
 * within a group, and groups do not interleave.
 */
export function withPrivateNames(frame: Frame, prefix: string): Frame {
  const layout = NAMES_AT[frame.type];
  if (!layout) return frame;
  const body = frame.bytes.subarray(5);
  const { at, count } = layout;
  const parts: Buffer[] = [body.subarray(0, at)];
  let pos = at;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(0, pos);
    if (end < 0) return frame; // malformed: PGlite will say so
    const name = body.subarray(pos, end);
    parts.push(name.length > 0 ? Buffer.concat([Buffer.from(prefix), name]) : name, Buffer.from([0]));
    pos = end + 1;
  }
  parts.push(body.subarray(pos));
  return { type: frame.type, bytes: message(frame.type, Buffer.concat(parts)) };
}

/** An ErrorResponse as PostgreSQL sends it. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, text: string): Buffer {
  const fields = [
    ['S', severity],
    ['V', severity],
    ['C', code],
    ['M', text],
  ].map(([k, v]) => Buffer.from(`${k}${v}\0`));
  return message('E', Buffer.concat([...fields, Buffer.from([0])]));
}

/**
 * Follows PGlite's answer across the chunks it streams them in, remembering the last complete
 * message and, for ReadyForQuery, its transaction status ('I' idle, 'T' in a transaction block,
 * 'E' in a failed one).
 */
export class BackendTracker {
  private header = Buffer.alloc(5);
  private headerFill = 0;
  private remaining = 0;
  private type = 0;
  private status = 0;
  lastType = '';
  lastStatus = '';

  /** `idle`: the session was idle before this answer (an answer may be empty, e.g. to a Flush). */
  constructor(idle = false) {
    if (idle) [this.lastType, this.lastStatus] = ['Z', 'I'];
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.headerFill < 5) {
        const n = Math.min(5 - this.headerFill, chunk.length - i);
        this.header.set(chunk.subarray(i, i + n), this.headerFill);
        this.headerFill += n;
        i += n;
        if (this.headerFill < 5) return;
        this.type = this.header[0]!;
        this.remaining = this.header.readInt32BE(1) - 4;
        this.status = 0;
      } else {
        const n = Math.min(this.remaining, chunk.length - i);
        if (this.type === 0x5a /* Z */ && n > 0) this.status = chunk[i]!;
        this.remaining -= n;
        i += n;
      }
      if (this.headerFill === 5 && this.remaining <= 0) this.complete();
    }
  }

  private complete() {
    this.lastType = String.fromCharCode(this.type);
    this.lastStatus = this.type === 0x5a ? String.fromCharCode(this.status) : '';
    this.headerFill = 0;
    this.remaining = 0;
  }

  /** Whether everything PGlite said so far ends with ReadyForQuery, outside any transaction. */
  get idle(): boolean {
    return this.headerFill === 0 && this.lastType === 'Z' && this.lastStatus === 'I';
  }
}
