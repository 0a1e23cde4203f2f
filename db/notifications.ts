import type { CandidateScope } from '../bpmn/model';
import type { Notification } from '../contract';
import { MASKED_NOTICE } from '../policy/confidentiality';
import { recipientCleared, roleHeldWithinScope } from '../policy/sql';
import { NOTIFY_NOTICE } from './live-events';
import type { Db } from './pool';

// notification: the staff outbox. Written by the projection activities (keys make every write
// idempotent under retries), read and marked read by the API, delivered by e-mail by the dispatcher.

export type NotificationRow = Notification;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

// A notice about a case of a customer its recipient may not read (秘密 / 机密) says only that
// something happened. Decided when read, not when written: a case's customer may become known
// after its first notices. Step titles (task.assigned, task.escalated) name a diagram's step and
// stay; anything else (the case's title, a diagram's message, a delegation's reason) is withheld.
const cleared = recipientCleared('n.user_id', 'ncu.confidentiality', 'ncuu.path');
/** Joins that `NOTICE_TITLE` / `NOTICE_BODY` read, for `FROM notification n`. */
export const NOTICE_CUSTOMER_JOINS = `LEFT JOIN process_case nc ON nc.id = n.case_id
  LEFT JOIN customer ncu ON ncu.id = nc.customer_id LEFT JOIN org_unit ncuu ON ncuu.id = ncu.unit_id`;
export const NOTICE_TITLE = `CASE WHEN n.kind IN ('task.assigned', 'task.escalated') OR ${cleared} THEN n.title ELSE '${MASKED_NOTICE}' END`;
export const NOTICE_BODY = `CASE WHEN ${cleared} THEN n.body ELSE '' END`;
/** The parameters go with the title: a case's title among them is withheld as the title is. */
export const NOTICE_PARAMS = `CASE WHEN n.kind IN ('task.assigned', 'task.escalated') OR ${cleared} THEN n.params END`;

export function createNotificationRepository(db: Db) {
  return {
    async list(userId: string, opts: { unreadOnly: boolean; limit: number }): Promise<{ items: NotificationRow[]; unread: number }> {
      const [{ rows }, unread] = await Promise.all([
        db.query(
          `SELECT n.id::text, n.kind, n.case_id, n.task_id, ${NOTICE_TITLE} AS title, ${NOTICE_BODY} AS body, ${NOTICE_PARAMS} AS params, n.created_at, n.read_at
             FROM notification n ${NOTICE_CUSTOMER_JOINS}
            WHERE n.user_id = $1 ${opts.unreadOnly ? 'AND n.read_at IS NULL' : ''} ORDER BY n.id DESC LIMIT $2`,
          [userId, opts.limit],
        ),
        db.query<{ n: string }>('SELECT count(*)::text AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [userId]),
      ]);
      return {
        items: rows.map((r) => ({ id: r.id, kind: r.kind, caseId: r.case_id, taskId: r.task_id, title: r.title, body: r.body, params: r.params ?? null, createdAt: iso(r.created_at)!, readAt: iso(r.read_at) })),
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
  /** The title as a wording key and parameters (see contract/notifications.ts). */
  params?: Record<string, string>;
}

type Queryable = Pick<Db, 'query'>;

export async function writeNotifications(db: Queryable, n: OutgoingNotification): Promise<void> {
  const users = [...new Set(n.userIds.filter(Boolean))];
  if (!users.length) return;
  await db.query(
    `WITH n AS (INSERT INTO notification (notification_key, user_id, kind, case_id, task_id, title, body, params)
     SELECT $1 || '/' || u.id, u.id, $2, $3, $4, $5, $6, $8 FROM app_user u WHERE u.id = ANY ($7::text[])
     ON CONFLICT (notification_key) DO NOTHING RETURNING user_id)
     SELECT ${NOTIFY_NOTICE('n')} FROM n`,
    [n.key, n.kind, n.caseId ?? null, n.taskId ?? null, n.title, n.body ?? '', users, n.params ? JSON.stringify(n.params) : null],
  );
}

/**
 * Users holding one of `roles` where a task in `unitId` looks for them (its candidates there). A step
 * routed to one department (`department`, task.candidate_department) counts only holders working
 * there, as `taskOfferedTo` (policy/sql.ts) offers it: nobody else could act on the notice.
 */
export async function candidatesIn(db: Queryable, unitId: string, roles: string[], scope: CandidateScope = 'unit', department: string | null = null): Promise<string[]> {
  if (!roles.length) return [];
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT DISTINCT ur.user_id FROM user_role ur WHERE ur.role = ANY ($2::text[]) AND ${roleHeldWithinScope('ur', '$1::text', '$3::text')}
        AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM app_user du WHERE du.id = ur.user_id AND du.department = $4::text))`,
    [unitId, roles, scope, department],
  );
  return rows.map((r) => r.user_id);
}
