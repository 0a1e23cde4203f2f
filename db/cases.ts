import { inTransaction, type Db } from './pool';
import type { Confidentiality } from '../policy/confidentiality';
import { caseReadable, customerCleared } from '../policy/sql';
import { userNameSql, type SessionUser } from './users';
import type { CaseHeader } from '../domain/case-header';
import { numberTrail } from '../domain/case-trail';
import { appendCaseEvent } from './case-events';
import { CONTENT_DESTROYED } from './case-content';
import type { Case, CaseEvent, CaseFilter } from '../contract';

export type CaseRow = Case;

export type CaseEventRow = CaseEvent;

/** `c.*` of process_case with its people's names. */
const CASE_COLUMNS = `c.*, ${userNameSql('c.initiator_id')} AS initiator_name, ${userNameSql('c.owner_id')} AS owner_name`;
/** An event's actor and (claim, delegation) new assignee by name, for `FROM case_event e`. */
const EVENT_NAMES = `${userNameSql('e.actor_id')} AS actor_name, ${userNameSql("e.payload->>'assigneeId'")} AS assignee_name`;

/**
 * The payload as a reader gets it: an event stored before migration 047 (no payload digest) cannot
 * be purged without breaking the chain, so on a purged case it is withheld here instead.
 */
const EVENT_PAYLOAD = `CASE WHEN e.payload_digest IS NULL AND EXISTS (SELECT 1 FROM process_case pc WHERE pc.id = e.case_id AND pc.content_destroyed_at IS NOT NULL)
  THEN '${JSON.stringify(CONTENT_DESTROYED)}'::jsonb ELSE e.payload END`;

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
    contentDestroyedAt: iso(r.content_destroyed_at),
  };
}

export interface CaseListFilter extends CaseFilter {
  limit: number;
  /** The sort key of the last case of the page before (from `decodeCaseCursor`). */
  cursor?: [startedAt: string, id: string] | undefined;
}

/** A case as the export shows it: names beside the codes, the numbers it was given. */
export interface CaseExportRow extends CaseRow {
  processName: string | null;
  ownerName: string | null;
  initiatorName: string | null;
  unitName: { 'zh-CN': string | null; en: string | null };
  customerName: string | null;
  numbers: string[];
}

export const encodeCaseCursor = (key: [string, string]) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** started_at as PostgreSQL writes timestamptz as text (ISO DateStyle): 2026-11-01 08:00:00.000127+00. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)$/;

/** The cursor's sort key, or undefined when it is not one this list wrote. */
export function decodeCaseCursor(cursor: string): [string, string] | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const ok = Array.isArray(key) && key.length === 2 && key.every((k) => typeof k === 'string') && CURSOR_TIME.test(key[0] as string);
    return ok ? (key as [string, string]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The case a number was given in: numbers are assigned under keys that start with the case id,
 * "<processKey>/<businessKey>/…" (neither part holds a "/"), so the case is the first two parts.
 */
const NUMBERED_CASE = `split_part(na.assignment_key, '/', 1) || '/' || split_part(na.assignment_key, '/', 2)`;

/** A China calendar day's first instant (China has no daylight saving: always UTC+8). */
const chinaDayStart = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();

/** Escapes LIKE's wildcards so what a person typed matches as typed. */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * The WHERE clause of the list and the export: readable by the user (or theirs, for 我负责的) and
 * the filters. $1 is the user. The search matches the 业务编号 and the customer's number for every
 * reader — both are shown on a masked case — but the title, the customer's name and the numbers
 * the case was given (TS-, PG-, KH- …, which live in its masked records and variables) only where
 * the reader is cleared for the case's customer: a match would otherwise confirm a secret customer's
 * name, and a secret customer's case would be found where a name that does not exist finds nothing.
 */
function filtered(user: SessionUser, f: CaseFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [user.id];
  const add = (v: unknown) => `$${params.push(v)}`;
  const where = [f.owner === 'me' ? 'c.owner_id = $1' : caseReadable(user)];
  if (f.status) where.push(`c.status = ${add(f.status)}`);
  if (f.processKey) where.push(`c.process_key = ${add(f.processKey)}`);
  if (f.from) where.push(`c.started_at >= ${add(chinaDayStart(f.from))}::timestamptz`);
  if (f.to) where.push(`c.started_at < ${add(chinaDayStart(f.to, 1))}::timestamptz`);
  if (f.q) {
    const like = add(likeOf(f.q));
    const cleared = customerCleared(user, '$1', 'cu.confidentiality', 'cuu.path');
    const notCleared = `EXISTS (SELECT 1 FROM customer cu JOIN org_unit cuu ON cuu.id = cu.unit_id WHERE cu.id = c.customer_id AND NOT ${cleared})`;
    const numbered = `c.id IN (SELECT ${NUMBERED_CASE} FROM number_assignment na WHERE na.number ILIKE ${like})`;
    where.push(`(c.business_key ILIKE ${like} OR c.customer_id ILIKE ${like}
      OR (NOT ${notCleared} AND (c.title ILIKE ${like} OR EXISTS (SELECT 1 FROM customer cn WHERE cn.id = c.customer_id AND cn.name ILIKE ${like}) OR ${numbered})))`);
  }
  return { sql: where.join(' AND '), params };
}

export function createCaseRepository(db: Db) {
  return {
    /**
     * One page of the cases the user may read, newest first (started_at, id), after `cursor`; `mine` =
     * where they are the first-contact owner (我负责的). Keyset, not OFFSET: a case started while
     * someone pages sorts before the first page, so later pages neither repeat nor skip a case.
     */
    async list(user: SessionUser, f: CaseListFilter): Promise<{ items: CaseRow[]; nextCursor: string | null }> {
      const { sql, params } = filtered(user, f);
      const add = (v: unknown) => `$${params.push(v)}`;
      const where = [sql];
      if (f.cursor) where.push(`(c.started_at, c.id) < (${add(f.cursor[0])}::timestamptz, ${add(f.cursor[1])})`);
      const { rows } = await db.query(
        `SELECT ${CASE_COLUMNS}, c.started_at::text AS started_key FROM process_case c WHERE ${where.join(' AND ')}
          ORDER BY c.started_at DESC, c.id DESC LIMIT ${add(f.limit + 1)}`,
        params,
      );
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      // The cursor keeps started_at as the database wrote it (microseconds): a millisecond ISO string
      // would sort before the row it came from and repeat it on the next page.
      return { items: page.map(toCase), nextCursor: rows.length > f.limit && last ? encodeCaseCursor([last.started_key as string, last.id as string]) : null };
    },
    /** Every case of the filter for the export, newest first, with the names it shows instead of codes; at most `limit`. */
    async exportRows(user: SessionUser, f: CaseFilter, limit: number): Promise<CaseExportRow[]> {
      const { sql, params } = filtered(user, f);
      const { rows } = await db.query(
        `SELECT c.*, pd.name AS process_name, ow.display_name AS owner_name, ini.display_name AS initiator_name,
                u.name AS unit_name, u.name_en AS unit_name_en, cu.name AS customer_name,
                coalesce(nums.numbers, '{}') AS numbers
           FROM process_case c
           -- Every case's numbers in one pass (a per-row prefix search would read the table per case).
           LEFT JOIN (SELECT ${NUMBERED_CASE} AS case_id, array_agg(na.number ORDER BY na.number) AS numbers
                        FROM number_assignment na GROUP BY 1) nums ON nums.case_id = c.id
           LEFT JOIN process_definition pd ON pd.key = c.process_key AND pd.version = c.process_version
           LEFT JOIN app_user ow ON ow.id = c.owner_id
           LEFT JOIN app_user ini ON ini.id = c.initiator_id
           LEFT JOIN org_unit u ON u.id = c.unit_id
           LEFT JOIN customer cu ON cu.id = c.customer_id
          WHERE ${sql} ORDER BY c.started_at DESC, c.id DESC LIMIT $${params.push(limit)}`,
        params,
      );
      return rows.map((r) => ({
        ...toCase(r),
        processName: (r.process_name as string | null) ?? null,
        ownerName: (r.owner_name as string | null) ?? null,
        initiatorName: (r.initiator_name as string | null) ?? null,
        unitName: { 'zh-CN': (r.unit_name as string | null) ?? null, en: (r.unit_name_en as string | null) ?? null },
        customerName: (r.customer_name as string | null) ?? null,
        numbers: (r.numbers as string[]) ?? [],
      }));
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
        `SELECT e.seq, e.kind, e.task_id, e.actor_id, ${EVENT_NAMES}, e.at, ${EVENT_PAYLOAD} AS payload, e.prev_hash, e.hash, case_event_digest(coalesce(e.prev_hash, ''), e) AS expected
           FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq`,
        [caseId],
      );
      return numberTrail(rows.map((r) => ({
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
      })));
    },
    /** The trail's digested fields exactly as stored (time to the microsecond, as the digest formats it), for an offline check. */
    async chainedTrail(caseId: string) {
      const { rows } = await db.query(
        `SELECT e.seq, e.case_id, e.kind, e.task_id, e.actor_id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_exact,
                e.payload, e.payload_digest, e.purged_at IS NOT NULL AS purged, e.prev_hash, e.hash, case_event_digest(coalesce(e.prev_hash, ''), e) AS expected
           FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq`,
        [caseId],
      );
      return numberTrail(rows.map((r) => ({
        seq: Number(r.seq),
        caseId: r.case_id as string,
        kind: r.kind as string,
        taskId: r.task_id as string | null,
        actorId: r.actor_id as string | null,
        at: r.at_exact as string,
        payload: r.payload as Record<string, unknown>,
        payloadDigest: r.payload_digest as string | null,
        purged: r.purged as boolean,
        prevHash: r.prev_hash as string | null,
        hash: r.hash as string | null,
        expected: r.expected as string,
      })));
    },
    async events(caseId: string): Promise<CaseEventRow[]> {
      const { rows } = await db.query(`SELECT e.seq, e.kind, e.task_id, e.actor_id, ${EVENT_NAMES}, e.at, ${EVENT_PAYLOAD} AS payload FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq`, [caseId]);
      return numberTrail(rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, taskId: r.task_id, actorId: r.actor_id, actorName: r.actor_name, assigneeName: r.assignee_name, at: iso(r.at)!, payload: r.payload })));
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


export interface CaseMigrated {
  caseId: string;
  /** The run the move started (unique per case): keys the trail entry. */
  run: number;
  fromVersion: number;
  toVersion: number;
  moves: Array<{ from: string; to: string }>;
  tasks: Array<{ taskId: string; elementId: string; name: string; formId: string | null; outcomes: string[]; separationOfDuties: boolean }>;
  actorId: string;
  at: string;
  undo: boolean;
  note?: string;
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
           VALUES ($1, $2, $3, $4, $5, 'running', $6, $11, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
          [c.caseId, c.processKey, c.processVersion, c.businessKey, c.title, c.initiatorId, c.unitId, c.customerId ?? null, c.parentCaseId ?? null, c.startedAt, c.ownerId === undefined ? c.initiatorId : c.ownerId],
        );
        await appendCaseEvent(tx, { key: `${c.caseId}/started`, caseId: c.caseId, kind: 'case.started', at: c.startedAt, actorId: c.initiatorId, payload: { processVersion: c.processVersion, ...(c.scheduledBy && { scheduledBy: c.scheduledBy, ownerId: c.ownerId ?? null }) } });
      });
    },

    /**
     * A case moved to another version (migrateCase): its version, its open tasks' element, name,
     * form and outcomes, and the trail entry, in one transaction; repeated, it changes nothing.
     */
    async migrated(m: CaseMigrated): Promise<void> {
      await inTransaction(db, async (tx) => {
        await tx.query(`UPDATE process_case SET process_version = $2 WHERE id = $1 AND status = 'running'`, [m.caseId, m.toVersion]);
        for (const t of m.tasks) {
          await tx.query(`UPDATE task SET element_id = $3, name = $4, form_id = $5, outcomes = $6, separation_of_duties = $7 WHERE id = $1 AND case_id = $2 AND status = 'open'`, [
            t.taskId,
            m.caseId,
            t.elementId,
            t.name,
            t.formId,
            t.outcomes,
            t.separationOfDuties,
          ]);
        }
        await appendCaseEvent(tx, {
          key: `${m.caseId}/migrated/${m.run}`,
          caseId: m.caseId,
          kind: m.undo ? 'case.migrationUndone' : 'case.migrated',
          at: m.at,
          actorId: m.actorId,
          payload: { fromVersion: m.fromVersion, toVersion: m.toVersion, moves: m.moves, ...(m.note && { note: m.note }) },
        });
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
