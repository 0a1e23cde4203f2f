import type { Db } from './pool';

// customer_notification: the customers' outbox (complaint receipts, repair appointments). An
// e-mail row is sent by the dispatcher (email-outboxes.ts); a phone row is a notice for the agent.
// Read with the case's other records in records.ts.

type Queryable = Pick<Db, 'query'>;

export interface CustomerContact {
  id: string;
  email: string | null;
  phone: string | null;
}

/** How to reach a customer; undefined when there is none. */
export async function customerContact(db: Queryable, customerId: string | null): Promise<CustomerContact | undefined> {
  if (!customerId) return undefined;
  const { rows } = await db.query<CustomerContact>('SELECT cu.id, cu.email, cu.phone FROM customer cu WHERE cu.id = $1', [customerId]);
  return rows[0];
}

export interface CustomerNotice {
  key: string;
  customerId: string;
  caseId: string;
  channel: 'email' | 'phone';
  recipient: string | null;
  subject: string;
  body: string;
}

/** Queues the notice once per key. */
export async function queueCustomerNotice(db: Queryable, n: CustomerNotice): Promise<void> {
  await db.query(
    `INSERT INTO customer_notification (notification_key, customer_id, case_id, channel, recipient, subject, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (notification_key) DO NOTHING`,
    [n.key, n.customerId, n.caseId, n.channel, n.recipient, n.subject, n.body],
  );
}
