import { MASKED_NOTICE, MASKED_TITLE } from '../policy/confidentiality';
import { clearedForAnyone } from '../policy/sql';
import type { Db } from './pool';

// chat_message: what a unit's team chat (its webhook in unit_webhook) hears of its work. Written
// by the projection activities beside the notices, delivered by the chat dispatcher
// (server/notifications/chat-dispatcher.ts), which claims rows by a lease instead of holding a
// transaction across its HTTP requests.

type Queryable = Pick<Db, 'query'>;

/** After this many failed attempts a message is given up as failed. */
export const CHAT_MAX_ATTEMPTS = 8;

export interface ChatEvent {
  /** Unique per event (the notice's key): a retried activity writes nothing twice. */
  key: string;
  kind: 'task.opened' | 'task.escalated' | 'case.ended' | 'notify';
  caseId: string;
  taskId?: string | null;
  /** e.g. 新任务：客服经理审批. A step's name stays; anything else is withheld for secret customers. */
  headline: string;
  body?: string;
}

/**
 * Queues the event for the team chat of the task's unit (else the case's), if that unit has an
 * enabled webhook; without one nothing is written.
 */
export async function enqueueChatMessage(db: Queryable, e: ChatEvent): Promise<void> {
  await db.query(
    `INSERT INTO chat_message (message_key, unit_id, kind, case_id, task_id, headline, body)
     SELECT $1, w.unit_id, $2, $3, $4, $5, $6 FROM unit_webhook w
      WHERE w.enabled AND w.unit_id = coalesce((SELECT unit_id FROM task WHERE id = $4::text), (SELECT unit_id FROM process_case WHERE id = $3::text))
     ON CONFLICT (message_key) DO NOTHING`,
    [e.key, e.kind, e.caseId, e.taskId ?? null, e.headline, e.body ?? ''],
  );
}

/** A claimed message with what its text needs, already masked for the least-cleared reader. */
export interface ChatDelivery {
  id: string;
  /** The attempt this claim is: settling it checks that no later claim took the row over. */
  attempts: number;
  kind: string;
  caseId: string | null;
  taskId: string | null;
  headline: string;
  body: string;
  caseTitle: string | null;
  /** null when the unit's webhook was removed or disabled since the message was queued. */
  format: 'wecom' | 'dingtalk' | null;
  url: string | null;
  secret: string | null;
}

// A chat group is cleared for no secret customer: its members are whoever the group's owner let in.
const cleared = clearedForAnyone('cu.confidentiality');

export function createChatOutbox(db: Db) {
  return {
    /**
     * Claims up to `limit` due messages for `leaseSeconds`: each counts an attempt and is not due
     * again until the lease ends, so other dispatchers pass it by and one that dies mid-send
     * leaves it to be sent again (at least once).
     */
    async claim(limit: number, leaseSeconds: number): Promise<ChatDelivery[]> {
      const { rows } = await db.query(
        `WITH claimed AS (
           UPDATE chat_message SET attempts = attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => $2)
            WHERE id IN (SELECT id FROM chat_message WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING *)
         SELECT m.id::text, m.attempts, m.kind, m.case_id, m.task_id,
                CASE WHEN m.kind IN ('task.opened', 'task.escalated', 'case.ended') OR ${cleared} THEN m.headline ELSE '${MASKED_NOTICE}' END AS headline,
                CASE WHEN ${cleared} THEN m.body ELSE '' END AS body,
                CASE WHEN c.id IS NULL THEN NULL WHEN ${cleared} THEN c.title ELSE '${MASKED_TITLE}' END AS case_title,
                w.format, w.url, w.secret
           FROM claimed m
           LEFT JOIN process_case c ON c.id = m.case_id
           LEFT JOIN customer cu ON cu.id = c.customer_id
           LEFT JOIN unit_webhook w ON w.unit_id = m.unit_id AND w.enabled
          ORDER BY m.id`,
        [limit, leaseSeconds],
      );
      return rows.map((r) => ({
        id: r.id,
        attempts: r.attempts,
        kind: r.kind,
        caseId: r.case_id,
        taskId: r.task_id,
        headline: r.headline,
        body: r.body,
        caseTitle: r.case_title,
        format: r.format,
        url: r.url,
        secret: r.secret,
      }));
    },

    /** Settled only if this claim still holds the row (a later claim after an expired lease wins). */
    async sent(d: Pick<ChatDelivery, 'id' | 'attempts'>): Promise<void> {
      await db.query(`UPDATE chat_message SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1::bigint AND attempts = $2 AND status = 'pending'`, [d.id, d.attempts]);
    },

    /** Due again `baseSeconds` × 2^(attempts − 1) after this attempt began, until CHAT_MAX_ATTEMPTS. */
    async failed(d: Pick<ChatDelivery, 'id' | 'attempts'>, error: string, baseSeconds: number, maxSeconds: number): Promise<void> {
      await db.query(
        `UPDATE chat_message SET last_error = $3,
                status = CASE WHEN attempts >= ${CHAT_MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END,
                next_attempt_at = last_attempt_at + make_interval(secs => least($5::float8, $4::float8 * power(2, attempts - 1)))
          WHERE id = $1::bigint AND attempts = $2 AND status = 'pending'`,
        [d.id, d.attempts, error.slice(0, 500), baseSeconds, maxSeconds],
      );
    },

    /** The unit has no enabled webhook any more: nothing to send it to. */
    async skipped(d: Pick<ChatDelivery, 'id' | 'attempts'>, reason: string): Promise<void> {
      await db.query(`UPDATE chat_message SET status = 'skipped', last_error = $3 WHERE id = $1::bigint AND attempts = $2 AND status = 'pending'`, [d.id, d.attempts, reason]);
    },
  };
}

export type ChatOutbox = ReturnType<typeof createChatOutbox>;
