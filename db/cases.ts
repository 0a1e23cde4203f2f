import { inTransaction, type Db } from './pool';
import type { Confidentiality } from '../policy/confidentiality';
import { caseReadable } from '../policy/sql';
import { userNameSql, type SessionUser } from './users';
import type { CaseHeader } from '../domain/case-header';
import { appendCaseEvent } from './case-events';
import type { Case, CaseEvent } from '../contract';

export type CaseRow = Case;

export type CaseEventRow = CaseEvent;

/** `c.*` of process_case with its people's names. */
const CASE_COLUMNS = `c.*, ${userNameSql('c.initiator_id')} AS initiator_name, ${userNameSql('c.owner_id')} AS owner_name`;
/** An event's actor and (claim, delegation) new assignee by name, for `FROM case_event e`. */
const EVENT_NAMES = `${userNameSql('e.actor_id')} AS actor_name, ${userNameSql("e.payload->>'assigneeId'")} AS assignee_name`;

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
    initiatorName: (r.initiator_name as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    unitId: r.unit_id as string,
    customerId: (r.customer_id as string | null) ?? null,
    parentCaseId: (r.parent_case_id as string | null) ?? null,
    variables: (r.variables as Record<string, unknown>) ?? {},
    startedAt: iso(r.started_at)!,
    endedAt: iso(r.ended_at),
  };
}

export function createCaseRepository(db: Db) {
  return {
    /** Cases the user may read, newest first; `mine` = where they are the first-contact owner (我负责的). */
    async list(user: SessionUser, opts: { limit: number; mine?: boolean; status?: string }): Promise<CaseRow[]> {
      const where = [opts.mine ? 'c.owner_id = $1' : caseReadable(user)];
      const params: unknown[] = [user.id];
      if (opts.status) where.push(`c.status = $${params.push(opts.status)}`);
      params.push(opts.limit);
      const { rows } = await db.query(`SELECT ${CASE_COLUMNS} FROM process_case c WHERE ${where.join(' AND ')} ORDER BY c.started_at DESC, c.id LIMIT $${params.length}`, params);
      return rows.map(toCase);
    },
    async mayRead(user: SessionUser, caseId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM process_case c WHERE c.id = $2 AND ${caseReadable(user)}`, [user.id, caseId]);
      return rows.length > 0;
    },
    async findById(id: string): Promise<CaseRow | undefined> {
      const { rows } = await db.query(`SELECT ${CASE_COLUMNS} FROM process_case c WHERE c.id = $1`, [id]);
      return rows[0] ? toCase(rows[0]) : undefined;
    },
    /** The case's first-contact owner (首问责任人), if it has one. */
    async ownerOf(caseId: string): Promise<string | null> {
      const { rows } = await db.query<{ owner_id: string | null }>('SELECT owner_id FROM process_case WHERE id = $1', [caseId]);
      return rows[0]?.owner_id ?? null;
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
        `SELECT e.seq, e.kind, e.task_id, e.actor_id, ${EVENT_NAMES}, e.at, e.payload, e.prev_hash, e.hash, case_event_digest(coalesce(e.prev_hash, ''), e) AS expected
           FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq`,
        [caseId],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        kind: r.kind as string,
        taskId: r.task_id as string | null,
        actorId: r.actor_id as string | null,
        actorName: r.actor_name as string | null,
        assigneeName: r.assignee_name as string | null,
        at: iso(r.at)!,
        payload: r.payload as Record<string, unknown>,
        prevHash: r.prev_hash as string | null,
        hash: r.hash as string | null,
        expected: r.expected as string,
      }));
    },
    async events(caseId: string): Promise<CaseEventRow[]> {
      const { rows } = await db.query(`SELECT e.seq, e.kind, e.task_id, e.actor_id, ${EVENT_NAMES}, e.at, e.payload FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq`, [caseId]);
      return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, taskId: r.task_id, actorId: r.actor_id, actorName: r.actor_name, assigneeName: r.assignee_name, at: iso(r.at)!, payload: r.payload }));
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;

// ---- writes ----

export interface CaseStarted extends CaseHeader {
  caseId: string;
}

export interface CaseEnded {
  caseId: string;
  status: 'completed' | 'failed' | 'terminated';
  variables?: Record<string, unknown>;
  reason?: string;
  /** The end event a completed case reached: its name says how it ended (已驳回, 不属实 …). */
  endEvent?: { id: string; name: string | null };
  endedAt: string;
}


/** The process_case table's writes: the case recorded at start (by the API, before or with the workflow) and at its end. */
export function createCaseWrites(db: Db) {
  return {
    // One transaction: a case is recorded with its start event or not at all. Both statements do
    // nothing when repeated, so the API and the workflow may both write it, in either order.
    async started(c: CaseStarted): Promise<void> {
      await inTransaction(db, async (tx) => {
        await tx.query(
          `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, customer_id, parent_case_id, started_at)
           VALUES ($1, $2, $3, $4, $5, 'running', $6, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
          [c.caseId, c.processKey, c.processVersion, c.businessKey, c.title, c.initiatorId, c.unitId, c.customerId ?? null, c.parentCaseId ?? null, c.startedAt],
        );
        await appendCaseEvent(tx, { key: `${c.caseId}/started`, caseId: c.caseId, kind: 'case.started', at: c.startedAt, actorId: c.initiatorId, payload: { processVersion: c.processVersion } });
      });
    },

    /** Returns the case's first-contact owner and title, for the notice that it ended. */
    async ended(c: CaseEnded): Promise<{ ownerId: string | null; title: string } | undefined> {
      await db.query(`UPDATE process_case SET status = $2, ended_at = $3, variables = $4 WHERE id = $1 AND status = 'running'`, [
        c.caseId,
        c.status,
        c.endedAt,
        JSON.stringify(c.variables ?? {}),
      ]);
      await appendCaseEvent(db, { key: `${c.caseId}/ended`, caseId: c.caseId, kind: 'case.ended', at: c.endedAt, payload: { status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.endEvent ? { endEventId: c.endEvent.id, endEventName: c.endEvent.name } : {}) } });
      const { rows } = await db.query<{ owner_id: string | null; title: string }>('SELECT owner_id, title FROM process_case WHERE id = $1', [c.caseId]);
      return rows[0] ? { ownerId: rows[0].owner_id, title: rows[0].title } : undefined;
    },
  };
}

export type CaseWrites = ReturnType<typeof createCaseWrites>;

/**
 * The customer whose data a case's service tasks may read. The server decides it, not a form: the
 * case's own customer when it has one (a different id typed into a form is ignored); otherwise the
 * customer `named` by the case's data, which from then on *is* the case's customer, so its
 * confidentiality masks the case, its records and its history for readers not cleared for it.
 * Null when neither exists.
 */
export async function resolveCaseCustomer(db: Pick<Db, 'query'>, caseId: string, named: string | null): Promise<string | null> {
  if (named) {
    const bound = await db.query<{ customer_id: string; name: string }>(
      `UPDATE process_case c SET customer_id = cu.id FROM customer cu
        WHERE c.id = $1 AND c.customer_id IS NULL AND cu.id = $2 RETURNING c.customer_id, cu.name`,
      [caseId, named],
    );
    const row = bound.rows[0];
    if (row) {
      await appendCaseEvent(db, { key: `${caseId}/customer`, caseId, kind: 'case.customer', payload: { customerId: row.customer_id, customerName: row.name } });
      return row.customer_id;
    }
  }
  const { rows } = await db.query<{ customer_id: string | null }>('SELECT customer_id FROM process_case WHERE id = $1', [caseId]);
  return rows[0]?.customer_id ?? null;
}
