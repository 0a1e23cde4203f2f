// PGlite is one session shared by every client (pglite-sessions.ts), so PostgreSQL's LISTEN/NOTIFY
// does not reach anyone by itself: PGlite writes each NotificationResponse ('A') into the answer of
// whichever client committed the NOTIFY. These helpers let the sessions remember who LISTENs to
// what and hand each 'A' message to them instead, as a PostgreSQL server would.

const LISTEN = /^\s*(UN)?LISTEN\s+("?)([A-Za-z_][A-Za-z0-9_]*|\*)\2\s*;?\s*$/i;

/** The channel a simple query LISTENs to or UNLISTENs from ('*': all), if that is all it does. */
export function listenCommand(sql: string): { listen: boolean; channel: string } | undefined {
  const m = LISTEN.exec(sql);
  if (!m) return undefined;
  return { listen: !m[1], channel: m[2] ? m[3]! : m[3]!.toLowerCase() };
}

/** The SQL text of a simple Query message ('Q', length, text, NUL). */
export function queryText(frame: Buffer): string {
  return frame.subarray(5, Math.max(5, frame.length - 1)).toString('utf8');
}

/**
 * Splits PGlite's streamed answer into whole messages: NotificationResponses apart, everything
 * else passed on in order. A message cut across chunks is held until its rest arrives.
 */
export class NotificationSplitter {
  // A message cut across chunks: its parts so far, and its whole length once its header is in (0
  // before). Parts are joined only once it is complete, so a long row costs one copy, not one per chunk.
  private held: Buffer[] = [];
  private heldBytes = 0;
  private need = 0;

  push(chunk: Buffer): { passed: Buffer; notifications: Array<{ channel: string; frame: Buffer }> } {
    if (this.need > 0 && this.heldBytes + chunk.length < this.need) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      return { passed: Buffer.alloc(0), notifications: [] };
    }
    const data = this.held.length ? Buffer.concat([...this.held, chunk]) : chunk;
    const passed: Buffer[] = [];
    const notifications: Array<{ channel: string; frame: Buffer }> = [];
    let start = 0;
    let i = 0;
    while (i + 5 <= data.length) {
      const end = i + 1 + data.readInt32BE(i + 1);
      if (end > data.length) break;
      if (data[i] === 0x41 /* A */) {
        if (i > start) passed.push(data.subarray(start, i));
        const frame = Buffer.from(data.subarray(i, end));
        // Body: process id (4 bytes), channel NUL, payload NUL.
        const nul = frame.indexOf(0, 9);
        notifications.push({ channel: frame.subarray(9, nul < 0 ? frame.length : nul).toString('utf8'), frame });
        start = end;
      }
      i = end;
    }
    if (i > start) passed.push(data.subarray(start, i));
    const rest = Buffer.from(data.subarray(i));
    this.held = rest.length ? [rest] : [];
    this.heldBytes = rest.length;
    this.need = rest.length >= 5 ? 1 + rest.readInt32BE(1) : 0;
    return { passed: passed.length === 1 ? passed[0]! : Buffer.concat(passed), notifications };
  }
}
