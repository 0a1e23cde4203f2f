import type { Db } from '../db/pool';
import type { Confidentiality } from '../auth/confidentiality';
import type { SessionUser } from './user-repository';
import type { Case, CaseEvent } from '../../contract';

export type CaseRow = Case;

export type CaseEventRow = CaseEvent;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

function toCase(r: Record<string, unknown>): CaseRow {
  return {
    id: r.id as string,
    processKey: r.process_key as string,
    processVersion: Number(r.process_version),
    businessKey: r.business_key as string,
    title: r.title as string,
    status: r.status as string,
    initiatorId: (r.initiator_id as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    unitId: r.unit_id as string,
    customerId: (r.customer_id as string | null) ?? null,
    parentCaseId: (r.parent_case_id as string | null) ?? null,
    variables: (r.variables as Record<string, unknown>) ?? {},
    startedAt: iso(r.started_at)!,
    endedAt: iso(r.ended_at),
  };
}

/**
 * Who may read a case: auditors and admins; whoever started it, owns it or acted on one of its
 * tasks; and anyone holding a role in the case's unit or a unit above it (the chain of 首问责任制).
 */
function readable(user: SessionUser): string {
  if (user.roles.some((r) => r.role === 'auditor' || r.role === 'admin')) return '$1::text IS NOT NULL';
  return `(c.initiator_id = $1 OR c.owner_id = $1
    OR EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND (t.assignee_id = $1 OR t.completed_by = $1))
    OR EXISTS (SELECT 1 FROM user_role ur JOIN org_unit mine ON mine.id = ur.unit_id JOIN org_unit cu ON cu.id = c.unit_id
                WHERE ur.user_id = $1 AND (cu.path = mine.path OR cu.path LIKE mine.path || '/%')))`;
}

export function createCaseRepository(db: Db) {
  return {
    /** Cases the user may read, newest first; `mine` = where they are the first-contact owner (我负责的). */
    async list(user: SessionUser, opts: { limit: number; mine?: boolean; status?: string }): Promise<CaseRow[]> {
      const where = [opts.mine ? 'c.owner_id = $1' : readable(user)];
      const params: unknown[] = [user.id];
      if (opts.status) where.push(`c.status = $${params.push(opts.status)}`);
      params.push(opts.limit);
      const { rows } = await db.query(`SELECT c.* FROM process_case c WHERE ${where.join(' AND ')} ORDER BY c.started_at DESC, c.id LIMIT $${params.length}`, params);
      return rows.map(toCase);
    },
    async mayRead(user: SessionUser, caseId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM process_case c WHERE c.id = $2 AND ${readable(user)}`, [user.id, caseId]);
      return rows.length > 0;
    },
    async findById(id: string): Promise<CaseRow | undefined> {
      const { rows } = await db.query('SELECT * FROM process_case WHERE id = $1', [id]);
      return rows[0] ? toCase(rows[0]) : undefined;
    },
    async customerExists(customerId: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM customer WHERE id = $1', [customerId]);
      return rows.length > 0;
    },
    async customer(customerId: string): Promise<{ id: string; name: string; tier: string; level: Confidentiality; unitPath: string } | undefined> {
      const { rows } = await db.query(
        'SELECT c.id, c.name, c.tier, c.confidentiality, u.path FROM customer c JOIN org_unit u ON u.id = c.unit_id WHERE c.id = $1',
        [customerId],
      );
      const r = rows[0];
      return r ? { id: r.id, name: r.name, tier: r.tier, level: r.confidentiality, unitPath: r.path } : undefined;
    },
    /** The audit trail with each event's digest recomputed by the database, for verification. */
    async auditTrail(caseId: string) {
      const { rows } = await db.query(
        `SELECT e.seq, e.kind, e.task_id, e.actor_id, e.at, e.payload, e.prev_hash, e.hash, case_event_digest(coalesce(e.prev_hash, ''), e) AS expected
           FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq`,
        [caseId],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        kind: r.kind as string,
        taskId: r.task_id as string | null,
        actorId: r.actor_id as string | null,
        at: iso(r.at)!,
        payload: r.payload as Record<string, unknown>,
        prevHash: r.prev_hash as string | null,
        hash: r.hash as string | null,
        expected: r.expected as string,
      }));
    },
    async events(caseId: string): Promise<CaseEventRow[]> {
      const { rows } = await db.query('SELECT seq, kind, task_id, actor_id, at, payload FROM case_event WHERE case_id = $1 ORDER BY seq', [caseId]);
      return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, taskId: r.task_id, actorId: r.actor_id, at: iso(r.at)!, payload: r.payload }));
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
