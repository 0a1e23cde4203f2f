import nodemailer from 'nodemailer';
import { inTransaction, type Db } from '../db/pool';

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

export function createEmailDispatcher(opts: EmailDispatcherOptions) {
  const transport = nodemailer.createTransport(opts.smtpUrl);
  const log = opts.log ?? (() => undefined);

  /** Sends one batch of each outbox; returns how many rows it settled or retried. */
  async function runOnce(): Promise<{ sent: number; skipped: number; failed: number }> {
    const staff = await staffRound();
    const customers = await customerRound();
    return { sent: staff.sent + customers.sent, skipped: staff.skipped, failed: staff.failed + customers.failed };
  }

  async function customerRound(): Promise<{ sent: number; failed: number }> {
    return inTransaction(opts.db, async (tx) => {
      const { rows } = await tx.query<{ id: string; subject: string; body: string; recipient: string }>(
        `SELECT id::text, subject, body, recipient FROM customer_notification
          WHERE status = 'pending' AND channel = 'email' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [opts.batchSize ?? 20],
      );
      const result = { sent: 0, failed: 0 };
      for (const row of rows) {
        try {
          await transport.sendMail({ from: opts.from, to: row.recipient, subject: row.subject, text: row.body });
          await tx.query(`UPDATE customer_notification SET status = 'sent', attempts = attempts + 1, error = NULL, sent_at = now() WHERE id = $1::bigint`, [row.id]);
          result.sent += 1;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await tx.query(
            `UPDATE customer_notification SET attempts = attempts + 1, error = $2,
                    status = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
              WHERE id = $1::bigint`,
            [row.id, message.slice(0, 500)],
          );
          result.failed += 1;
          log(`e-mail to customer ${row.recipient} failed: ${message}`);
        }
      }
      return result;
    });
  }

  async function staffRound(): Promise<{ sent: number; skipped: number; failed: number }> {
    return inTransaction(opts.db, async (tx) => {
      const { rows } = await tx.query<{ id: string; title: string; body: string; email: string | null }>(
        `SELECT n.id::text, n.title, n.body, u.email FROM notification n JOIN app_user u ON u.id = n.user_id
          WHERE n.email_status = 'pending' ORDER BY n.id LIMIT $1 FOR UPDATE OF n SKIP LOCKED`,
        [opts.batchSize ?? 20],
      );
      const result = { sent: 0, skipped: 0, failed: 0 };
      for (const row of rows) {
        if (!row.email) {
          await tx.query(`UPDATE notification SET email_status = 'skipped' WHERE id = $1::bigint`, [row.id]);
          result.skipped += 1;
          continue;
        }
        try {
          await transport.sendMail({ from: opts.from, to: row.email, subject: `【首问】${row.title}`, text: row.body || row.title });
          await tx.query(`UPDATE notification SET email_status = 'sent', email_attempts = email_attempts + 1, email_error = NULL WHERE id = $1::bigint`, [row.id]);
          result.sent += 1;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await tx.query(
            `UPDATE notification SET email_attempts = email_attempts + 1, email_error = $2,
                    email_status = CASE WHEN email_attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
              WHERE id = $1::bigint`,
            [row.id, message.slice(0, 500)],
          );
          result.failed += 1;
          log(`e-mail to ${row.email} failed: ${message}`);
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
