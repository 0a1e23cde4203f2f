import type { PoolClient } from 'pg';
import type { Db } from './pool';
import { displayNames } from './users';
import { destroyCaseContent } from './case-content';
import { caseReadable, recipientCleared, customerCleared, stricterLevel } from '../policy/sql';
import { seesEverything, type RoleHolder } from '../policy/roles';
import { MASKED_NAME, MASKED_TITLE, type Confidentiality } from '../policy/confidentiality';

// 档案登记 and 借阅台账 (PROCESSES.md §7): archives registered by the `archive` service task at
// 归档, loans written by the borrow process. Every write is keyed so a retried activity writes once.

type Tx = Pick<PoolClient, 'query'>;

export type ArchiveStatus = 'in_stock' | 'on_loan' | 'rectifying' | 'destroyed';

/** Where an archive is kept unless the diagram says otherwise, and for how long. */
export const DEFAULT_LOCATION = '客服部档案室';
export const DEFAULT_RETENTION_YEARS = 10;

/** The level clearance is judged by: the archive's (its customer's when registered) or the customer's now, whichever is stricter. */
const ARCHIVE_LEVEL = stricterLevel('a.confidentiality', '(SELECT cl.confidentiality FROM customer cl WHERE cl.id = a.customer_id)');
/** The unit path clearance is judged in: the customer's unit (as for the customer itself), else the archive's. */
const CLEARANCE_PATH = `COALESCE((SELECT cp.path FROM customer cx JOIN org_unit cp ON cp.id = cx.unit_id WHERE cx.id = a.customer_id), au.path)`;

async function appendArchiveEvent(tx: Tx, e: { key: string; archiveId: string; kind: string; caseId: string | null; actorId?: string | null; payload?: Record<string, unknown> }) {
  await tx.query(
    `INSERT INTO archive_event (key, archive_id, kind, case_id, actor_id, payload) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
    [e.key, e.archiveId, e.kind, e.caseId, e.actorId ?? null, e.payload ?? {}],
  );
}

/** The case's archive id, or undefined when it is not archived yet. */
export async function archiveOfCase(tx: Tx, caseId: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM archive WHERE case_id = $1', [caseId]);
  return rows[0]?.id;
}

/**
 * Registers a finished case in the register (one archive per case): its customer and level are
 * the case's, its records the data given. A second call for the same case changes nothing and
 * returns the same archive. False when the case itself is not recorded yet.
 */
export async function registerCaseArchive(
  tx: Tx,
  a: { id: string; key: string; caseId: string; location: string; retentionYears: number; records: Record<string, unknown> },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO archive (id, case_id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, records)
     SELECT $1, c.id, c.customer_id, c.unit_id, c.process_key, c.title, COALESCE(cu.confidentiality, 'internal'), $3, $4,
            ((now() AT TIME ZONE 'Asia/Shanghai')::date + make_interval(years => $4))::date, $5
       FROM process_case c LEFT JOIN customer cu ON cu.id = c.customer_id WHERE c.id = $2
     ON CONFLICT (case_id) DO NOTHING`,
    [a.id, a.caseId, a.location, a.retentionYears, a.records],
  );
  const id = await archiveOfCase(tx, a.caseId);
  if (!id) return false;
  if (rowCount) await appendArchiveEvent(tx, { key: `${a.key}/registered`, archiveId: id, kind: 'registered', caseId: a.caseId, payload: { location: a.location, retentionYears: a.retentionYears } });
  return true;
}

export type BorrowRefusal = 'archive.notFound' | 'archive.destroyed' | 'archive.notAvailable' | 'archive.levelTooHigh';

export interface BorrowCheck {
  refusal: BorrowRefusal | null;
  status: ArchiveStatus | null;
  confidentiality: Confidentiality | null;
  customerId: string | null;
}

/**
 * 借阅管理规定: may `borrowerId` borrow the archive now? A destroyed archive never; one on loan
 * or in rectification not now; one above the borrower's clearance (the customer's level against
 * the borrower's roles, the policy's CLEARED table) never for them.
 */
export async function checkBorrow(db: Pick<Db, 'query'>, archiveId: string, borrowerId: string | null): Promise<BorrowCheck> {
  const { rows } = await db.query<{ status: ArchiveStatus; confidentiality: Confidentiality; customer_id: string | null; cleared: boolean }>(
    `SELECT a.status, ${ARCHIVE_LEVEL} AS confidentiality, a.customer_id,
            ($2::text IS NOT NULL AND ${recipientCleared('$2::text', ARCHIVE_LEVEL, CLEARANCE_PATH)}) AS cleared
       FROM archive a JOIN org_unit au ON au.id = a.unit_id WHERE a.id = $1`,
    [archiveId, borrowerId],
  );
  const a = rows[0];
  if (!a) return { refusal: 'archive.notFound', status: null, confidentiality: null, customerId: null };
  const base = { status: a.status, confidentiality: a.confidentiality, customerId: a.customer_id };
  if (a.status === 'destroyed') return { refusal: 'archive.destroyed', ...base };
  if (!a.cleared) return { refusal: 'archive.levelTooHigh', ...base };
  if (a.status !== 'in_stock') return { refusal: 'archive.notAvailable', ...base };
  return { refusal: null, ...base };
}

/**
 * 办理借阅手续: writes the loan in the 借阅台账 and marks the archive 借出, in one step that only
 * an archive 在库 passes (so a destroyed or lent archive is never lent, whatever was checked
 * before). The same case again returns its loan. Undefined when the archive is not available.
 */
export async function lendArchive(
  tx: Tx,
  l: { id: string; archiveId: string; caseId: string; borrowerId: string | null; department: string | null; purpose: string; dueOn: string; lentBy: string | null },
): Promise<string | undefined> {
  const existing = await tx.query<{ id: string }>('SELECT id FROM archive_loan WHERE case_id = $1', [l.caseId]);
  if (existing.rows[0]) return existing.rows[0].id;
  const taken = await tx.query(`UPDATE archive SET status = 'on_loan', updated_at = now() WHERE id = $1 AND status = 'in_stock'`, [l.archiveId]);
  if (!taken.rowCount) return undefined;
  await tx.query(
    `INSERT INTO archive_loan (id, archive_id, case_id, borrower_id, department, purpose, due_on, lent_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [l.id, l.archiveId, l.caseId, l.borrowerId, l.department, l.purpose, l.dueOn, l.lentBy],
  );
  await appendArchiveEvent(tx, { key: `${l.caseId}/lent`, archiveId: l.archiveId, kind: 'lent', caseId: l.caseId, actorId: l.lentBy, payload: { loanId: l.id, borrowerId: l.borrowerId, department: l.department, dueOn: l.dueOn } });
  return l.id;
}

/**
 * 办理归还手续: closes the case's loan; the archive goes back 在库, or 整改中 when it came back
 * damaged. Idempotent: a closed loan stays as it was closed. Undefined when the case has no loan.
 */
export async function returnArchive(tx: Tx, r: { caseId: string; intact: boolean; note: string | null; actorId: string | null }): Promise<{ loanId: string; archiveId: string; status: ArchiveStatus } | undefined> {
  const { rows } = await tx.query<{ id: string; archive_id: string; returned_at: Date | null }>('SELECT id, archive_id, returned_at FROM archive_loan WHERE case_id = $1 FOR UPDATE', [r.caseId]);
  const loan = rows[0];
  if (!loan) return undefined;
  if (!loan.returned_at) {
    await tx.query('UPDATE archive_loan SET returned_at = now(), return_intact = $2, return_note = $3 WHERE id = $1', [loan.id, r.intact, r.note]);
    await tx.query(`UPDATE archive SET status = $2, updated_at = now() WHERE id = $1 AND status = 'on_loan'`, [loan.archive_id, r.intact ? 'in_stock' : 'rectifying']);
    await appendArchiveEvent(tx, { key: `${r.caseId}/returned`, archiveId: loan.archive_id, kind: 'returned', caseId: r.caseId, actorId: r.actorId, payload: { loanId: loan.id, intact: r.intact, note: r.note } });
  }
  const status = (await tx.query<{ status: ArchiveStatus }>('SELECT status FROM archive WHERE id = $1', [loan.archive_id])).rows[0]!.status;
  return { loanId: loan.id, archiveId: loan.archive_id, status };
}

// ---- legal hold, destruction, rectification ----------------------------------------------------

/** China's calendar day now, as SQL: retention is counted in China days. */
const CHINA_TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/** SQL boolean: the archive `a` (joined with its unit `au`) lies in the case's unit or below it. */
const IN_CASE_UNITS = `EXISTS (SELECT 1 FROM process_case pc JOIN org_unit cu ON cu.id = pc.unit_id WHERE pc.id = $1 AND (au.path = cu.path OR au.path LIKE cu.path || '/%'))`;

/** Whether the user holds one of `roles` in the archive's unit or a unit above it. */
export async function holdsRoleOverArchive(db: Pick<Db, 'query'>, userId: string, archiveId: string, roles: readonly string[]): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM archive a JOIN org_unit au ON au.id = a.unit_id
       JOIN user_role ur ON ur.user_id = $1 AND ur.role = ANY($3::text[]) JOIN org_unit mine ON mine.id = ur.unit_id
      WHERE a.id = $2 AND (au.path = mine.path OR au.path LIKE mine.path || '/%') LIMIT 1`,
    [userId, archiveId, roles],
  );
  return Boolean(rowCount);
}

export type HoldOutcome = 'archive.notFound' | 'archive.destroyed' | 'unchanged' | 'changed';

/**
 * 法律保全: sets or lifts the hold, with the reason, in the archive's history. A destroyed archive
 * takes no hold (there is nothing left to keep). Setting what is already set changes nothing.
 */
export async function setLegalHold(tx: Tx, h: { archiveId: string; hold: boolean; reason: string; actorId: string; key: string }): Promise<HoldOutcome> {
  const { rows } = await tx.query<{ status: ArchiveStatus; legal_hold: boolean }>('SELECT status, legal_hold FROM archive WHERE id = $1 FOR UPDATE', [h.archiveId]);
  const a = rows[0];
  if (!a) return 'archive.notFound';
  if (a.status === 'destroyed') return 'archive.destroyed';
  if (a.legal_hold === h.hold) return 'unchanged';
  await tx.query('UPDATE archive SET legal_hold = $2, legal_hold_reason = $3, updated_at = now() WHERE id = $1', [h.archiveId, h.hold, h.hold ? h.reason : null]);
  await appendArchiveEvent(tx, { key: h.key, archiveId: h.archiveId, kind: h.hold ? 'hold.set' : 'hold.lifted', caseId: null, actorId: h.actorId, payload: { reason: h.reason } });
  return 'changed';
}

export type DestructionRefusal = 'archive.notFound' | 'archive.destroyed' | 'archive.legalHold' | 'archive.notAvailable' | 'archive.notExpired';

export interface DestructionCandidate {
  archiveId: string;
  refusal: DestructionRefusal | null;
}

/**
 * 销毁建议书: which of the proposed archives may be destroyed. Only an archive of the case's units,
 * 在库, past its retention and not on legal hold; every other one is refused with the reason (one
 * outside the case's units reads as not found, so ids cannot be probed).
 */
export async function checkDestruction(db: Pick<Db, 'query'>, caseId: string, archiveIds: string[]): Promise<DestructionCandidate[]> {
  const { rows } = await db.query<{ id: string; status: ArchiveStatus; legal_hold: boolean; expired: boolean }>(
    `SELECT a.id, a.status, a.legal_hold, a.expires_on < ${CHINA_TODAY} AS expired
       FROM archive a JOIN org_unit au ON au.id = a.unit_id WHERE a.id = ANY($2::text[]) AND ${IN_CASE_UNITS}`,
    [caseId, archiveIds],
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  return archiveIds.map((archiveId) => {
    const a = found.get(archiveId);
    const refusal: DestructionRefusal | null = !a
      ? 'archive.notFound'
      : a.status === 'destroyed'
        ? 'archive.destroyed'
        : a.legal_hold
          ? 'archive.legalHold'
          : a.status !== 'in_stock'
            ? 'archive.notAvailable'
            : !a.expired
              ? 'archive.notExpired'
              : null;
    return { archiveId, refusal };
  });
}

/** The archives of the case's units past their retention and not destroyed: what a proposal starts from. */
export async function expiredArchives(db: Pick<Db, 'query'>, caseId: string): Promise<Array<{ archiveId: string; expiresOn: string; status: ArchiveStatus; legalHold: boolean }>> {
  const { rows } = await db.query<{ id: string; expires_on: string; status: ArchiveStatus; legal_hold: boolean }>(
    `SELECT a.id, to_char(a.expires_on, 'YYYY-MM-DD') AS expires_on, a.status, a.legal_hold
       FROM archive a JOIN org_unit au ON au.id = a.unit_id
      WHERE a.status <> 'destroyed' AND a.expires_on < ${CHINA_TODAY} AND ${IN_CASE_UNITS}
      ORDER BY a.expires_on, a.id LIMIT 200`,
    [caseId],
  );
  return rows.map((r) => ({ archiveId: r.id, expiresOn: r.expires_on, status: r.status, legalHold: r.legal_hold }));
}

/**
 * 销毁处理: the archive becomes 已销毁 and its records are purged, and the 销毁处理登记表 row is
 * written, and the source case's content purged (db/case-content.ts), in one step only an archive 在库, expired and not on hold passes (so a hold set after
 * the approval still saves it). The same case again finds its own row: true. False when refused.
 */
export async function destroyArchive(
  tx: Tx,
  d: { id: string; archiveId: string; caseId: string; method: string; witness: string | null; reviewedBy: string | null; approvedBy: string | null; destroyedBy: string | null },
): Promise<boolean> {
  const mine = await tx.query('SELECT 1 FROM archive_destruction WHERE archive_id = $1 AND case_id = $2', [d.archiveId, d.caseId]);
  if (mine.rowCount) return true;
  const { rows } = await tx.query<{ archive_type: string; customer_id: string | null; expires_on: string; case_id: string | null }>(
    `UPDATE archive SET status = 'destroyed', records = '{}', updated_at = now()
      WHERE id = $1 AND status = 'in_stock' AND NOT legal_hold AND expires_on < ${CHINA_TODAY}
      RETURNING archive_type, customer_id, to_char(expires_on, 'YYYY-MM-DD') AS expires_on, case_id`,
    [d.archiveId],
  );
  const a = rows[0];
  if (!a) return false;
  await tx.query(
    `INSERT INTO archive_destruction (id, archive_id, case_id, archive_type, customer_id, expires_on, method, witness, reviewed_by, approved_by, destroyed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [d.id, d.archiveId, d.caseId, a.archive_type, a.customer_id, a.expires_on, d.method, d.witness, d.reviewedBy, d.approvedBy, d.destroyedBy],
  );
  await appendArchiveEvent(tx, { key: `${d.caseId}/destroyed/${d.archiveId}`, archiveId: d.archiveId, kind: 'destroyed', caseId: d.caseId, actorId: d.destroyedBy, payload: { destructionNo: d.id, method: d.method } });
  // The source case held the same content as the archive's records: it goes in the same transaction.
  if (a.case_id) await destroyCaseContent(tx, { caseId: a.case_id, destructionNo: d.id, archiveId: d.archiveId, actorId: d.destroyedBy });
  return true;
}

export interface InspectionFinding {
  archiveId: string;
  kind: 'overdueLoan' | 'expired' | 'missingRecords' | 'damaged';
  detail: string;
}

/**
 * 定期整改 检查: in the case's units, loans past their 归还日期, archives past retention and not
 * destroyed, archives without records, and archives 整改中 (returned damaged). Read only.
 */
export async function inspectArchives(db: Pick<Db, 'query'>, caseId: string): Promise<InspectionFinding[]> {
  const { rows } = await db.query<InspectionFinding>(
    `SELECT * FROM (
       SELECT l.archive_id AS "archiveId", 'overdueLoan' AS kind, l.id || ' 应于 ' || to_char(l.due_on, 'YYYY-MM-DD') || ' 归还' AS detail, 1 AS o
         FROM archive_loan l JOIN archive a ON a.id = l.archive_id JOIN org_unit au ON au.id = a.unit_id
        WHERE l.returned_at IS NULL AND l.due_on < ${CHINA_TODAY} AND ${IN_CASE_UNITS}
       UNION ALL
       SELECT a.id, 'expired', '保管期限至 ' || to_char(a.expires_on, 'YYYY-MM-DD') || CASE WHEN a.legal_hold THEN '（法律保全）' ELSE '' END, 2
         FROM archive a JOIN org_unit au ON au.id = a.unit_id
        WHERE a.status <> 'destroyed' AND a.expires_on < ${CHINA_TODAY} AND ${IN_CASE_UNITS}
       UNION ALL
       SELECT a.id, 'missingRecords', '档案无记录内容', 3
         FROM archive a JOIN org_unit au ON au.id = a.unit_id
        WHERE a.status <> 'destroyed' AND a.records = '{}'::jsonb AND ${IN_CASE_UNITS}
       UNION ALL
       SELECT a.id, 'damaged', '归还时发现损坏或缺失，整改中', 4
         FROM archive a JOIN org_unit au ON au.id = a.unit_id
        WHERE a.status = 'rectifying' AND ${IN_CASE_UNITS}
     ) f ORDER BY o, "archiveId" LIMIT 500`,
    [caseId],
  );
  return rows.map(({ archiveId, kind, detail }) => ({ archiveId, kind, detail }));
}

/** 处理问题 done: a damaged archive repaired goes back 在库 (in its history with the case). False when it was not 整改中. */
export async function finishRectification(tx: Tx, r: { archiveId: string; caseId: string; actorId: string | null; note: string | null }): Promise<boolean> {
  const { rowCount } = await tx.query(`UPDATE archive SET status = 'in_stock', updated_at = now() WHERE id = $1 AND status = 'rectifying'`, [r.archiveId]);
  if (rowCount) await appendArchiveEvent(tx, { key: `${r.caseId}/rectified/${r.archiveId}`, archiveId: r.archiveId, kind: 'rectified', caseId: r.caseId, actorId: r.actorId, payload: { note: r.note } });
  return Boolean(rowCount);
}

// ---- reads for the console -------------------------------------------------------------------

export interface ArchiveFilters {
  status?: ArchiveStatus;
  archiveType?: string;
  customerId?: string;
  q?: string;
  limit: number;
}

/** SQL boolean: the reader holds a role in the archive's unit or above (the register is kept per unit), or sees everything. */
const archiveReadable = (user: RoleHolder) =>
  seesEverything(user)
    ? 'true'
    : `EXISTS (SELECT 1 FROM user_role ur JOIN org_unit mine ON mine.id = ur.unit_id WHERE ur.user_id = $1 AND (au.path = mine.path OR au.path LIKE mine.path || '/%'))`;

const SELECT_ARCHIVE = (user: RoleHolder) => `
  SELECT a.id, a.case_id, a.customer_id, a.unit_id, au.name AS unit_name, a.archive_type, a.title, ${ARCHIVE_LEVEL} AS confidentiality, a.location,
         a.retention_years, to_char(a.expires_on, 'YYYY-MM-DD') AS expires_on, a.status, a.created_at, a.records,
         a.legal_hold, a.legal_hold_reason, cu.name AS customer_name, ${customerCleared(user, '$1', ARCHIVE_LEVEL, CLEARANCE_PATH)} AS cleared,
         -- The records are the source case's data: read where the case is (a 有关部门 holder only for a case routed to their department).
         (a.case_id IS NULL OR EXISTS (SELECT 1 FROM process_case c WHERE c.id = a.case_id AND ${caseReadable(user)})) AS records_readable
    FROM archive a JOIN org_unit au ON au.id = a.unit_id LEFT JOIN customer cu ON cu.id = a.customer_id`;

interface ArchiveRow {
  id: string; case_id: string | null; customer_id: string | null; unit_id: string; unit_name: string; archive_type: string; title: string;
  confidentiality: string; location: string; retention_years: number; expires_on: string; status: ArchiveStatus; created_at: Date;
  records: Record<string, unknown>; customer_name: string | null; cleared: boolean; records_readable: boolean; legal_hold: boolean; legal_hold_reason: string | null;
}

/** An archive as a reader sees it: above their clearance, its title, customer and records are withheld. */
function toArchive(r: ArchiveRow, withRecords: boolean) {
  return {
    id: r.id,
    caseId: r.case_id,
    customerId: r.customer_id,
    customerName: r.customer_id ? (r.cleared ? r.customer_name : MASKED_NAME) : null,
    unitId: r.unit_id,
    unitName: r.unit_name,
    archiveType: r.archive_type,
    title: r.cleared ? r.title : MASKED_TITLE,
    confidentiality: r.confidentiality,
    location: r.location,
    retentionYears: r.retention_years,
    expiresOn: r.expires_on,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    masked: !r.cleared,
    legalHold: r.legal_hold,
    // The reason may name the dispute, so it is withheld like the title.
    legalHoldReason: r.cleared ? r.legal_hold_reason : null,
    ...(withRecords ? { records: r.cleared && r.records_readable ? r.records : {} } : {}),
  };
}

export type ArchiveView = ReturnType<typeof toArchive>;

export function createArchiveRepository(db: Db) {
  return {
    /** The register, newest first. The text search matches title and customer only where the reader is cleared. */
    async list(user: RoleHolder & { id: string }, f: ArchiveFilters): Promise<ArchiveView[]> {
      const { rows } = await db.query<ArchiveRow>(
        `${SELECT_ARCHIVE(user)}
          WHERE ${archiveReadable(user)}
            AND ($2::text IS NULL OR a.status = $2) AND ($3::text IS NULL OR a.archive_type = $3) AND ($4::text IS NULL OR a.customer_id = $4)
            AND ($5::text IS NULL OR a.id ILIKE '%' || $5 || '%'
                 -- A loan's JY- or a destruction's XH- number finds the archive it is about: numbers, not contents, so matched at any level.
                 OR EXISTS (SELECT 1 FROM archive_loan l WHERE l.archive_id = a.id AND l.id ILIKE '%' || $5 || '%')
                 OR EXISTS (SELECT 1 FROM archive_destruction d WHERE d.archive_id = a.id AND d.id ILIKE '%' || $5 || '%')
                 OR (${customerCleared(user, '$1', ARCHIVE_LEVEL, CLEARANCE_PATH)} AND (a.title ILIKE '%' || $5 || '%' OR cu.name ILIKE '%' || $5 || '%')))
          ORDER BY a.created_at DESC, a.id DESC LIMIT $6`,
        [user.id, f.status ?? null, f.archiveType ?? null, f.customerId ?? null, f.q ?? null, f.limit],
      );
      return rows.map((r) => toArchive(r, false));
    },

    /** One archive with its loans and history; undefined when absent or outside the reader's units. */
    async get(user: RoleHolder & { id: string }, id: string) {
      const { rows } = await db.query<ArchiveRow>(`${SELECT_ARCHIVE(user)} WHERE a.id = $2 AND ${archiveReadable(user)}`, [user.id, id]);
      const r = rows[0];
      if (!r) return undefined;
      const loans = await db.query(
        `SELECT l.id, l.case_id AS "caseId", l.borrower_id AS "borrowerId", (SELECT display_name FROM app_user WHERE id = l.borrower_id) AS "borrowerName",
                l.department, l.purpose, to_char(l.due_on, 'YYYY-MM-DD') AS "dueOn", l.lent_at AS "lentAt", l.returned_at AS "returnedAt",
                l.return_intact AS "returnIntact", l.return_note AS "returnNote"
           FROM archive_loan l WHERE l.archive_id = $1 ORDER BY l.lent_at DESC`,
        [id],
      );
      const history = await db.query(
        `SELECT e.kind, e.case_id AS "caseId", e.actor_id AS "actorId", (SELECT display_name FROM app_user WHERE id = e.actor_id) AS "actorName", e.payload, e.at
           FROM archive_event e WHERE e.archive_id = $1 ORDER BY e.id`,
        [id],
      );
      const destruction = await db.query(
        `SELECT d.id, d.case_id AS "caseId", d.method, d.witness, d.reviewed_by AS "reviewedBy", d.approved_by AS "approvedBy",
                d.destroyed_by AS "destroyedBy", d.destroyed_at AS "destroyedAt"
           FROM archive_destruction d WHERE d.archive_id = $1`,
        [id],
      );
      // A loan's purpose and notes describe the customer's file: withheld like its records.
      const loanRows = loans.rows.map((l) => (r.cleared ? l : { ...l, purpose: '', returnNote: null }));
      // What the records are read with: the source case's version (its forms label the keys and
      // options) and the names of the people the records name by account (发起人, handlers).
      const source = r.case_id
        ? (await db.query<{ processVersion: number; businessKey: string }>('SELECT process_version AS "processVersion", business_key AS "businessKey" FROM process_case WHERE id = $1', [r.case_id])).rows[0]
        : undefined;
      const records = r.cleared && r.records_readable ? r.records : {};
      const named = Object.values(records).filter((v): v is string => typeof v === 'string' && v.length <= 200);
      const people = Object.fromEntries(await displayNames(db, named));
      return { ...toArchive(r, false), records, sourceProcessVersion: source?.processVersion ?? null, sourceBusinessKey: source?.businessKey ?? null, people, loans: loanRows, destruction: destruction.rows[0] ?? null, history: r.cleared ? history.rows : history.rows.map((h) => ({ ...h, payload: {} })) };
    },
  };
}

/** Who completed the case's step at `elementId` last (the 客服部 clerk who handled a loan or a return). */
export async function completedBy(db: Pick<Db, 'query'>, caseId: string, elementId: string): Promise<string | null> {
  const { rows } = await db.query<{ completed_by: string | null }>(
    `SELECT completed_by FROM task WHERE case_id = $1 AND element_id = $2 AND status = 'completed' ORDER BY completed_at DESC LIMIT 1`,
    [caseId, elementId],
  );
  return rows[0]?.completed_by ?? null;
}
export type ArchiveRepository = ReturnType<typeof createArchiveRepository>;
