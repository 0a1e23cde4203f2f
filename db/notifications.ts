import type { CandidateScope } from '../bpmn/model';
import type { Notification } from '../contract';
import { roleHeldWithinScope } from '../policy/sql';
import type { Db } from './pool';

// notification: the staff outbox. Written by the projection activities (keys make every write
// idempotent under retries), read and marked read by the API, delivered by e-mail by the dispatcher.

export type NotificationRow = Notification;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

export function createNotificationRepository(db: Db) {
  return {
    async list(userId: string, opts: { unreadOnly: boolean; limit: number }): Promise<{ items: NotificationRow[]; unread: number }> {
      const [{ rows }, unread] = await Promise.all([
        db.query(
          `SELECT id::text, kind, case_id, task_id, title, body, created_at, read_at FROM notification
            WHERE user_id = $1 ${opts.unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY id DESC LIMIT $2`,
          [userId, opts.limit],
        ),
        db.query<{ n: string }>('SELECT count(*)::text AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [userId]),
      ]);
      return {
        items: rows.map((r) => ({ id: r.id, kind: r.kind, caseId: r.case_id, taskId: r.task_id, title: r.title, body: r.body, createdAt: iso(r.created_at)!, readAt: iso(r.read_at) })),
        unread: Number(unread.rows[0]!.n),
      };
    },

    /** Marks one (or, without an id, all) of the user's notifications read; another user's ids are ignored. */
    async markRead(userId: string, id?: string): Promise<number> {
      const { rowCount } = id
        ? await db.query('UPDATE notification SET read_at = now() WHERE user_id = $1 AND id = $2::bigint AND read_at IS NULL', [userId, id])
        : await db.query('UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
      return rowCount ?? 0;
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;

export interface OutgoingNotification {
  key: string;
  userIds: string[];
  kind: string;
  caseId?: string | null;
  taskId?: string | null;
  title: string;
  body?: string;
}

type Queryable = Pick<Db, 'query'>;

export async function writeNotifications(db: Queryable, n: OutgoingNotification): Promise<void> {
  const users = [...new Set(n.userIds.filter(Boolean))];
  if (!users.length) return;
  await db.query(
    `INSERT INTO notification (notification_key, user_id, kind, case_id, task_id, title, body)
     SELECT $1 || '/' || u.id, u.id, $2, $3, $4, $5, $6 FROM app_user u WHERE u.id = ANY ($7::text[])
     ON CONFLICT (notification_key) DO NOTHING`,
    [n.key, n.kind, n.caseId ?? null, n.taskId ?? null, n.title, n.body ?? '', users],
  );
}

/** Users holding one of `roles` where a task in `unitId` looks for them (its candidates there). */
export async function candidatesIn(db: Queryable, unitId: string, roles: string[], scope: CandidateScope = 'unit'): Promise<string[]> {
  if (!roles.length) return [];
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT DISTINCT ur.user_id FROM user_role ur WHERE ur.role = ANY ($2::text[]) AND ${roleHeldWithinScope('ur', '$1::text', '$3::text')}`,
    [unitId, roles, scope],
  );
  return rows.map((r) => r.user_id);
}
