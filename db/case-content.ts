import type { Db } from './pool';
import { appendCaseEvent } from './case-events';
import { CONTENT_DESTROYED, CONTENT_DESTROYED_TEXT } from '../domain/audit-chain';

// 过期销毁 reaches the source case: once its archive is destroyed, the case's readable content goes
// too. What the audit needs stays: who did what and when (the trail's kinds, actors, times, the hash
// chain), the case's number, title, status, unit and customer, and the categories the reports count
// (complaint channel, severity, cause, department; a 派工单's kind and fee; 回访 scores). Free text,
// form values, variables and trail payloads are replaced by the marker below.

type Queryable = Pick<Db, 'query'>;

export { CONTENT_DESTROYED, CONTENT_DESTROYED_TEXT };

/**
 * Purges the case's content, inside the destruction's transaction. Every statement only touches
 * what is not purged yet, so a retried activity changes nothing and fails on nothing. Trail events
 * written before migration 047 have no payload digest and cannot be purged without breaking the
 * chain: they stay stored and the read paths withhold them (`withheldPayload`).
 */
export async function destroyCaseContent(tx: Queryable, d: { caseId: string; destructionNo: string; archiveId: string; actorId: string | null }): Promise<void> {
  const marker = JSON.stringify(CONTENT_DESTROYED);
  const { rowCount } = await tx.query(
    `UPDATE process_case SET variables = $2::jsonb, content_destroyed_at = now(), content_destroyed_by = $3
      WHERE id = $1 AND content_destroyed_at IS NULL`,
    [d.caseId, marker, d.destructionNo],
  );
  if (!rowCount) return;
  await tx.query(
    `UPDATE task SET data = $2::jsonb, comment = CASE WHEN comment IS NULL THEN NULL ELSE $3 END WHERE case_id = $1`,
    [d.caseId, marker, CONTENT_DESTROYED_TEXT],
  );
  await tx.query('UPDATE task_comment SET body = $2 WHERE case_id = $1', [d.caseId, CONTENT_DESTROYED_TEXT]);
  await tx.query(
    `UPDATE complaint SET content = $2, customer_request = NULL, product = NULL, responsible_person = NULL, solution_plan = NULL, updated_at = now()
      WHERE case_id = $1`,
    [d.caseId, CONTENT_DESTROYED_TEXT],
  );
  await tx.query('UPDATE work_order SET fault_description = $2 WHERE case_id = $1 AND fault_description IS NOT NULL', [d.caseId, CONTENT_DESTROYED_TEXT]);
  await tx.query('UPDATE callback_record SET comments = $2 WHERE case_id = $1 AND comments IS NOT NULL', [d.caseId, CONTENT_DESTROYED_TEXT]);
  await tx.query('UPDATE customer_notification SET body = $2, recipient = NULL WHERE case_id = $1', [d.caseId, CONTENT_DESTROYED_TEXT]);
  await tx.query('UPDATE notification SET body = $2 WHERE case_id = $1', [d.caseId, CONTENT_DESTROYED_TEXT]);
  // The trigger of migration 047 lets exactly this update through, and only with the case marked above.
  await tx.query(
    `UPDATE case_event SET payload = $2::jsonb, purged_at = now() WHERE case_id = $1 AND purged_at IS NULL AND payload_digest IS NOT NULL`,
    [d.caseId, marker],
  );
  await appendCaseEvent(tx, {
    key: `${d.caseId}/content-destroyed`,
    caseId: d.caseId,
    kind: 'case.contentDestroyed',
    actorId: d.actorId,
    payload: { archiveId: d.archiveId, destructionNo: d.destructionNo },
  });
}

/** Whether the case's content was destroyed with its archive (and by which 销毁处理登记表 number). */
export async function contentDestroyed(db: Queryable, caseId: string): Promise<{ at: string; destructionNo: string | null } | null> {
  const { rows } = await db.query<{ at: Date; by: string | null }>(
    'SELECT content_destroyed_at AS at, content_destroyed_by AS by FROM process_case WHERE id = $1 AND content_destroyed_at IS NOT NULL',
    [caseId],
  );
  return rows[0] ? { at: rows[0].at.toISOString(), destructionNo: rows[0].by } : null;
}
