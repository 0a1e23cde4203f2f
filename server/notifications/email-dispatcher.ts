import { pollLoop } from './poll-loop';
import nodemailer from 'nodemailer';
import { CUSTOMER_EMAIL_OUTBOX as CUSTOMERS, STAFF_EMAIL_OUTBOX as STAFF, type EmailOutbox as Outbox, type OutboxRow } from '../../db/email-outboxes';
import { inTransaction, type Db } from '../../db/pool';

// Delivers the notification outboxes by e-mail: staff's (notification) and customers'
// (customer_notification, channel 'email'). Rows are locked while being sent (SKIP LOCKED,
// so several workers share the work), and a failure leaves the row pending for the next round:
// an SMTP outage delays mail, it never loses it. Delivery is at least once: a crash between
// sending and committing sends that mail again.

export interface EmailDispatcherOptions {
  db: Db;
  smtpUrl: string;
  from: string;
  batchSize?: number;
  log?: (message: string) => void;
}

export function createEmailDispatcher(opts: EmailDispatcherOptions) {
  const transport = nodemailer.createTransport(opts.smtpUrl);
  const log = opts.log ?? (() => undefined);

  /** Sends one batch of each outbox; returns how many rows it settled or retried. */
  async function runOnce(): Promise<{ sent: number; skipped: number; failed: number }> {
    const staff = await round(STAFF);
    const customers = await round(CUSTOMERS);
    return { sent: staff.sent + customers.sent, skipped: staff.skipped + customers.skipped, failed: staff.failed + customers.failed };
  }

  async function round(outbox: Outbox): Promise<{ sent: number; skipped: number; failed: number }> {
    return inTransaction(opts.db, async (tx) => {
      const { rows } = await tx.query<OutboxRow>(outbox.pending, [opts.batchSize ?? 20]);
      const result = { sent: 0, skipped: 0, failed: 0 };
      for (const row of rows) {
        if (!row.to) {
          await tx.query(outbox.skipped, [row.id]);
          result.skipped += 1;
          continue;
        }
        try {
          await transport.sendMail({ from: opts.from, to: row.to, subject: row.subject, text: row.text });
          await tx.query(outbox.sent, [row.id]);
          result.sent += 1;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await tx.query(outbox.failed, [row.id, message.slice(0, 500)]);
          result.failed += 1;
          log(`e-mail to ${row.to} failed: ${message}`);
        }
      }
      return result;
    });
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
