import type { Notification } from '../../contract';
import type { Db } from '../db/pool';

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
