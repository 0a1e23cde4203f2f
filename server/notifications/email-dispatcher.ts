import nodemailer from 'nodemailer';
import { inTransaction, type Db } from '../../db/pool';

// Delivers the notification outboxes by e-mail: staff's (notification) and customers'
// (customer_notification, channel 'email'). Rows are locked while being sent (SKIP LOCKED,
// so several workers share the work), and a failure leaves the row pending for the next round:
// an SMTP outage delays mail, it never loses it. Delivery is at least once: a crash between
// sending and committing sends that mail again.

const MAX_ATTEMPTS = 8;

export interface EmailDispatcherOptions {
  db: Db;
  smtpUrl: string;
  from: string;
  batchSize?: number;
  log?: (message: string) => void;
}

interface OutboxRow {
  id: string;
  to: string | null;
  subject: string;
  text: string;
}

/** An outbox's statements: its pending batch (locked, SKIP LOCKED) as OutboxRow, and how a row is settled ($1 = id). */
interface Outbox {
  pending: string;
  sent: string;
  /** $2 = the error; the row stays pending until MAX_ATTEMPTS. */
  failed: string;
  /** No address to send to. */
  skipped: string;
}

// Staff: to the user's address, if they have one.
const STAFF: Outbox = {
  pending: `SELECT n.id::text, u.email AS to, '【首问】' || n.title AS subject, coalesce(nullif(n.body, ''), n.title) AS text
              FROM notification n JOIN app_user u ON u.id = n.user_id
             WHERE n.email_status = 'pending' ORDER BY n.id LIMIT $1 FOR UPDATE OF n SKIP LOCKED`,
  sent: `UPDATE notification SET email_status = 'sent', email_attempts = email_attempts + 1, email_error = NULL WHERE id = $1::bigint`,
  failed: `UPDATE notification SET email_attempts = email_attempts + 1, email_error = $2,
                  email_status = CASE WHEN email_attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
            WHERE id = $1::bigint`,
  skipped: `UPDATE notification SET email_status = 'skipped' WHERE id = $1::bigint`,
};

// Customers: only the rows meant for e-mail (a phone notice waits for an agent).
const CUSTOMERS: Outbox = {
  pending: `SELECT id::text, recipient AS to, subject, body AS text FROM customer_notification
             WHERE status = 'pending' AND channel = 'email' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
  sent: `UPDATE customer_notification SET status = 'sent', attempts = attempts + 1, error = NULL, sent_at = now() WHERE id = $1::bigint`,
  failed: `UPDATE customer_notification SET attempts = attempts + 1, error = $2,
                  status = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
            WHERE id = $1::bigint`,
  skipped: `UPDATE customer_notification SET status = 'failed', error = 'no e-mail address' WHERE id = $1::bigint`,
};

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

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    runOnce,
    start(intervalMs = 10_000) {
      const tick = () => {
        running = runOnce()
          .catch((err: unknown) => log(`e-mail round failed: ${String(err)}`))
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
      transport.close();
    },
  };
}
