import type { Incident } from '../contract';
import { caseReadable } from '../policy/sql';
import { appendCaseEvent } from './case-events';
import type { Db } from './pool';
import type { SessionUser } from './users';

// incident: the projection of the incidents cases wait on (migration 014), and their audit events.

export interface IncidentRaised {
  caseId: string;
  id: string;
  elementId: string;
  elementName: string | null;
  message: string;
  raisedAt: string;
}

export interface IncidentResolved {
  caseId: string;
  incidentId: string;
  /** withdrawn: the case ended another way while the incident waited. */
  action: 'retry' | 'cancel' | 'withdrawn';
  actorId: string | null;
  comment?: string;
  /** The names of the variables corrected before a retry (their values are in the workflow's history). */
  variableNames?: string[];
  at: string;
}

type Queryable = Pick<Db, 'query'>;

export async function recordIncidentRaised(db: Queryable, i: IncidentRaised): Promise<void> {
  await db.query(
    `INSERT INTO incident (id, case_id, element_id, element_name, message, raised_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [i.id, i.caseId, i.elementId, i.elementName, i.message, i.raisedAt],
  );
  await appendCaseEvent(db, { key: `${i.id}/raised`, caseId: i.caseId, kind: 'incident.raised', at: i.raisedAt, payload: { elementId: i.elementId, elementName: i.elementName, message: i.message } });
}

export async function recordIncidentResolved(db: Queryable, r: IncidentResolved): Promise<void> {
  await db.query(
    `UPDATE incident SET resolved_at = $2, resolution = $3, resolved_by = $4, comment = $5 WHERE id = $1 AND resolved_at IS NULL`,
    [r.incidentId, r.at, r.action, r.actorId, r.comment ?? null],
  );
  await appendCaseEvent(db, {
    key: `${r.incidentId}/resolved`,
    caseId: r.caseId,
    kind: 'incident.resolved',
    at: r.at,
    actorId: r.actorId,
    payload: { action: r.action, ...(r.comment ? { comment: r.comment } : {}), ...(r.variableNames?.length ? { variableNames: r.variableNames } : {}) },
  });
}

export function createIncidentRepository(db: Db) {
  return {
    /** Open incidents of the cases `user` may read, newest first. Titles are the route's to mask. */
    async listOpen(user: SessionUser, limit: number): Promise<Array<Incident & { customerId: string | null }>> {
      const { rows } = await db.query(
        `SELECT i.id, i.case_id, i.element_id, i.element_name, i.message, i.raised_at,
                c.title, c.business_key, c.process_key, c.process_version, c.customer_id
           FROM incident i JOIN process_case c ON c.id = i.case_id
          WHERE i.resolved_at IS NULL AND ${caseReadable(user)}
          ORDER BY i.raised_at DESC, i.id LIMIT $2`,
        [user.id, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        elementId: r.element_id,
        elementName: r.element_name,
        message: r.message,
        raisedAt: (r.raised_at as Date).toISOString(),
        caseTitle: r.title,
        businessKey: r.business_key,
        processKey: r.process_key,
        processVersion: Number(r.process_version),
        customerId: r.customer_id,
      }));
    },
  };
}

export type IncidentRepository = ReturnType<typeof createIncidentRepository>;
