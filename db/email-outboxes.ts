import { NOTICE_CUSTOMER_JOINS, NOTICE_BODY, NOTICE_TITLE } from './notifications';
// The e-mail delivery side of the two outboxes, staff's (notification) and customers'
// (customer_notification, channel 'email'): the statements the dispatcher runs in its rounds.

/** After this many failed attempts a row is given up as failed. */
export const MAX_ATTEMPTS = 8;

export interface OutboxRow {
  id: string;
  to: string | null;
  subject: string;
  text: string;
}

/** An outbox's statements: its pending batch (locked, SKIP LOCKED) as OutboxRow, and how a row is settled ($1 = id). */
export interface EmailOutbox {
  pending: string;
  sent: string;
  /** $2 = the error; the row stays pending until MAX_ATTEMPTS. */
  failed: string;
  /** No address to send to. */
  skipped: string;
}

// Staff: to the user's address, if they have one.
export const STAFF_EMAIL_OUTBOX: EmailOutbox = {
  pending: `SELECT n.id::text, u.email AS to, '【首问】' || ${NOTICE_TITLE} AS subject, coalesce(nullif(${NOTICE_BODY}, ''), ${NOTICE_TITLE}) AS text
              FROM notification n JOIN app_user u ON u.id = n.user_id ${NOTICE_CUSTOMER_JOINS}
             WHERE n.email_status = 'pending' ORDER BY n.id LIMIT $1 FOR UPDATE OF n SKIP LOCKED`,
  sent: `UPDATE notification SET email_status = 'sent', email_attempts = email_attempts + 1, email_error = NULL WHERE id = $1::bigint`,
  failed: `UPDATE notification SET email_attempts = email_attempts + 1, email_error = $2,
                  email_status = CASE WHEN email_attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
            WHERE id = $1::bigint`,
  skipped: `UPDATE notification SET email_status = 'skipped' WHERE id = $1::bigint`,
};

// Customers: only the rows meant for e-mail (a phone notice waits for an agent).
export const CUSTOMER_EMAIL_OUTBOX: EmailOutbox = {
  pending: `SELECT id::text, recipient AS to, subject, body AS text FROM customer_notification
             WHERE status = 'pending' AND channel = 'email' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
  sent: `UPDATE customer_notification SET status = 'sent', attempts = attempts + 1, error = NULL, sent_at = now() WHERE id = $1::bigint`,
  failed: `UPDATE customer_notification SET attempts = attempts + 1, error = $2,
                  status = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
            WHERE id = $1::bigint`,
  skipped: `UPDATE customer_notification SET status = 'failed', error = 'no e-mail address' WHERE id = $1::bigint`,
};
