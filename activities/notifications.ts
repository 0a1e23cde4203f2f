import type { CandidateScope } from '../bpmn/model';
import type { Db } from '../db/pool';
import { roleHeldWithinScope } from '../db/candidate-scope-sql';

// Writes notification rows (the outbox). Keys make every write idempotent under retries.

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
