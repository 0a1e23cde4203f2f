import nodemailer from 'nodemailer';
import { inTransaction, type Db } from '../db/pool';

// Delivers the notification outbox by e-mail. Rows are locked while being sent (SKIP LOCKED,
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

  /** Sends one batch; returns how many rows it settled or retried. */
  async function runOnce(): Promise<{ sent: number; skipped: number; failed: number }> {
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
