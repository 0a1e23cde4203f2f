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

/**
 * An outbox's statements. `claim` leases up to $1 due rows for $2 seconds (SKIP LOCKED, so
 * dispatchers share the work) and returns their ids, leaving out those in $3 (bigint[]: tried already this round); `messages` reads rows by id ($1 = bigint[])
 * as OutboxRow; the others settle a row ($1 = id) and end its lease.
 */
export interface EmailOutbox {
  claim: string;
  messages: string;
  sent: string;
  /** $2 = the error; the row stays pending until MAX_ATTEMPTS. */
  failed: string;
  /** No address to send to. */
  skipped: string;
}

// Staff: to the user's address, if they have one.
export const STAFF_EMAIL_OUTBOX: EmailOutbox = {
  claim: `UPDATE notification SET email_lease_until = now() + make_interval(secs => $2)
           WHERE id IN (SELECT id FROM notification
                         WHERE email_status = 'pending' AND (email_lease_until IS NULL OR email_lease_until < now()) AND id <> ALL($3::bigint[])
                         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id::text`,
  messages: `SELECT n.id::text, u.email AS to, '【首问】' || ${NOTICE_TITLE} AS subject, coalesce(nullif(${NOTICE_BODY}, ''), ${NOTICE_TITLE}) AS text
               FROM notification n JOIN app_user u ON u.id = n.user_id ${NOTICE_CUSTOMER_JOINS}
              WHERE n.id = ANY($1::bigint[]) ORDER BY n.id`,
  sent: `UPDATE notification SET email_status = 'sent', email_attempts = email_attempts + 1, email_error = NULL, email_lease_until = NULL WHERE id = $1::bigint`,
  failed: `UPDATE notification SET email_attempts = email_attempts + 1, email_error = $2, email_lease_until = NULL,
                  email_status = CASE WHEN email_attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
            WHERE id = $1::bigint`,
  skipped: `UPDATE notification SET email_status = 'skipped', email_lease_until = NULL WHERE id = $1::bigint`,
};

// Customers: only the rows meant for e-mail (a phone notice waits for an agent).
export const CUSTOMER_EMAIL_OUTBOX: EmailOutbox = {
  claim: `UPDATE customer_notification SET lease_until = now() + make_interval(secs => $2)
           WHERE id IN (SELECT id FROM customer_notification
                         WHERE status = 'pending' AND channel = 'email' AND (lease_until IS NULL OR lease_until < now()) AND id <> ALL($3::bigint[])
                         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id::text`,
  messages: `SELECT id::text, recipient AS to, subject, body AS text FROM customer_notification WHERE id = ANY($1::bigint[]) ORDER BY id`,
  sent: `UPDATE customer_notification SET status = 'sent', attempts = attempts + 1, error = NULL, sent_at = now(), lease_until = NULL WHERE id = $1::bigint`,
  failed: `UPDATE customer_notification SET attempts = attempts + 1, error = $2, lease_until = NULL,
                  status = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END
            WHERE id = $1::bigint`,
  skipped: `UPDATE customer_notification SET status = 'failed', error = 'no e-mail address', lease_until = NULL WHERE id = $1::bigint`,
};
