import { pollLoop } from './poll-loop';
import nodemailer from 'nodemailer';
import { CUSTOMER_EMAIL_OUTBOX as CUSTOMERS, STAFF_EMAIL_OUTBOX as STAFF, type EmailOutbox as Outbox, type OutboxRow } from '../../db/email-outboxes';
import type { Db } from '../../db/pool';

// Delivers the notification outboxes by e-mail: staff's (notification) and customers'
// (customer_notification, channel 'email'). Like the chat dispatcher it holds no transaction
// while it talks to the SMTP server (a hanging server would otherwise hold row locks, and on
// embedded PGlite every other client of the database): a round claims one row at a time with a
// lease, sends it with timeouts shorter than the lease, then settles it. A failure leaves the row
// pending for the next round: an SMTP outage delays mail, it never loses it. Delivery is at least
// once: a crash between sending and settling sends that mail again when the lease ends.

export interface EmailDispatcherOptions {
  db: Db;
  smtpUrl: string;
  from: string;
  batchSize?: number;
  /** Seconds a claimed row waits before another round may send it again (default 120). */
  leaseSeconds?: number;
  /** Connection, greeting and socket timeouts (default 20 s); must stay well below the lease. */
  smtpTimeoutMs?: number;
  log?: (message: string) => void;
}

export function createEmailDispatcher(opts: EmailDispatcherOptions) {
  const leaseSeconds = opts.leaseSeconds ?? 120;
  const timeout = Math.min(opts.smtpTimeoutMs ?? 20_000, leaseSeconds * 250);
  const transport = nodemailer.createTransport(withTimeouts(opts.smtpUrl, timeout));
  const log = opts.log ?? (() => undefined);

  /** Sends one batch of each outbox; returns how many rows it settled or retried. */
  async function runOnce(): Promise<{ sent: number; skipped: number; failed: number }> {
    const staff = await round(STAFF);
    const customers = await round(CUSTOMERS);
    return { sent: staff.sent + customers.sent, skipped: staff.skipped + customers.skipped, failed: staff.failed + customers.failed };
  }

  async function round(outbox: Outbox): Promise<{ sent: number; skipped: number; failed: number }> {
    const result = { sent: 0, skipped: 0, failed: 0 };
    const tried: string[] = [];
    for (let i = 0; i < (opts.batchSize ?? 20); i++) {
      const claimed = await opts.db.query<{ id: string }>(outbox.claim, [1, leaseSeconds, tried]);
      const id = claimed.rows[0]?.id;
      if (!id) break;
      tried.push(id);
      const row = (await opts.db.query<OutboxRow>(outbox.messages, [[id]])).rows[0];
      if (!row) continue;
      if (!row.to) {
        await opts.db.query(outbox.skipped, [row.id]);
        result.skipped += 1;
        continue;
      }
      try {
        await transport.sendMail({ from: opts.from, to: row.to, subject: row.subject, text: row.text });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await opts.db.query(outbox.failed, [row.id, message.slice(0, 500)]);
        result.failed += 1;
        log(`e-mail to ${row.to} failed: ${message}`);
        continue;
      }
      // Should this fail, the row stays leased and is sent again when the lease ends (at least once).
      await opts.db.query(outbox.sent, [row.id]);
      result.sent += 1;
    }
    return result;
  }
  const loop = pollLoop(runOnce, (err) => log(`e-mail round failed: ${String(err)}`));
  return {
    runOnce,
    start: loop.start,
    async stop() {
      await loop.stop();
      transport.close();
    },
  };
}

/**
 * The SMTP URL with connection, greeting and socket timeouts, unless it sets them itself. (They go
 * in the URL: nodemailer drops transport options given beside a `url`.)
 */
export function withTimeouts(smtpUrl: string, ms: number): string {
  const url = new URL(smtpUrl);
  for (const name of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  return url.toString();
}
