import { CLEARED, type Confidentiality } from '../policy/confidentiality';
import type { Db } from './pool';

type Queryable = Pick<Db, 'query'>;

// 客户信息管理 编号分发 (PROCESSES.md §1): the distribution register of numbered customer
// information. A department is a role in a unit; it may receive a record only if the
// 客户信息秘密等级 lets that role read it (policy/confidentiality.ts), so the register never
// shows a secret record handed to someone the masking would hide it from.

export const LEVELS: readonly Confidentiality[] = ['public', 'internal', 'secret', 'confidential'];

/** Splits the requested departments (role codes) into those the level entitles and those it does not. */
export function entitledDepartments(level: Confidentiality, requested: readonly string[]): { entitled: string[]; withheld: string[] } {
  const cleared = CLEARED[level];
  const unique = [...new Set(requested)];
  const ok = (role: string) => cleared === 'everyone' || cleared.has(role);
  return { entitled: unique.filter(ok), withheld: unique.filter((r) => !ok(r)) };
}

export interface DistributionEntry {
  infoNo: string;
  caseId: string;
  customerId: string;
  unitId: string;
  role: string;
  level: Confidentiality;
  infoType: string | null;
  region: string | null;
  period: string | null;
}

/** Records the entries; `key` (the service task's) makes a retry add nothing. Returns how many are new. */
export async function recordDistribution(tx: Queryable, key: string, entries: DistributionEntry[]): Promise<number> {
  let added = 0;
  for (const e of entries) {
    const { rowCount } = await tx.query(
      `INSERT INTO customer_info_distribution (entry_key, info_no, case_id, customer_id, unit_id, role, level, info_type, region, period)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (entry_key) DO NOTHING`,
      [`${key}/${e.unitId}/${e.role}`, e.infoNo, e.caseId, e.customerId, e.unitId, e.role, e.level, e.infoType, e.region, e.period],
    );
    added += rowCount ?? 0;
  }
  return added;
}

export interface DistributionRow {
  id: number;
  infoNo: string;
  caseId: string;
  unitId: string;
  unitName: string | null;
  role: string;
  level: Confidentiality;
  infoType: string | null;
  region: string | null;
  period: string | null;
  distributedAt: string;
}

/** The customer's register, newest first. The caller decides whether the reader may see it. */
export async function distributionsOf(db: Queryable, customerId: string): Promise<DistributionRow[]> {
  const { rows } = await db.query(
    `SELECT d.id, d.info_no, d.case_id, d.unit_id, u.name AS unit_name, d.role, d.level, d.info_type, d.region, d.period, d.distributed_at
       FROM customer_info_distribution d JOIN org_unit u ON u.id = d.unit_id WHERE d.customer_id = $1 ORDER BY d.id DESC LIMIT 500`,
    [customerId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    infoNo: r.info_no,
    caseId: r.case_id,
    unitId: r.unit_id,
    unitName: r.unit_name ?? null,
    role: r.role,
    level: r.level,
    infoType: r.info_type ?? null,
    region: r.region ?? null,
    period: r.period ?? null,
    distributedAt: (r.distributed_at as Date).toISOString(),
  }));
}

/** The customer a case is about, as the server decided it when the case started (never a form's variable). */
export async function customerOfCase(db: Queryable, caseId: string): Promise<{ customerId: string; unitId: string } | undefined> {
  const { rows } = await db.query<{ customer_id: string; unit_id: string }>(
    'SELECT cu.id AS customer_id, cu.unit_id FROM process_case c JOIN customer cu ON cu.id = c.customer_id WHERE c.id = $1',
    [caseId],
  );
  return rows[0] ? { customerId: rows[0].customer_id, unitId: rows[0].unit_id } : undefined;
}
