import { inTransaction, type Db } from './pool';

// 逾期应收检查 (issue 15): the claims the daily overdue check writes before it starts a
// credit-anomaly case (table credit_overdue_start, migration 036). A claim is what keeps the check
// from opening a second anomaly case for a customer while one is open, also between the moment a
// case is claimed and the moment its workflow has projected its row.

export const CREDIT_ANOMALY_PROCESS = 'credit-anomaly';

/** A claim whose case never appeared (the start failed for good) stops blocking after this. */
const UNSTARTED_CLAIM_EXPIRES = '1 day';

export interface OverdueClaim {
  checkKey: string;
  checkCaseId: string;
  customerId: string;
  /** The case id the check would start; derived from the check's occurrence and the customer. */
  caseId: string;
  overdueReceivable: number;
  maxOverdueDays: number;
  threshold: number;
}

/**
 * Claims `c.caseId` for the customer unless an anomaly case of theirs is open (running, or claimed
 * and not yet projected). Serialised per customer by an advisory lock, so two checks running at
 * once cannot both claim. A retry of the same check gets its own earlier claim back (`mine`), so
 * it starts the same workflow id again and Temporal refuses the duplicate.
 */
export async function claimOverdueStart(db: Db, c: OverdueClaim): Promise<{ caseId: string; mine: boolean }> {
  return inTransaction(db, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('credit-overdue:' || $1))`, [c.customerId]);
    const own = await tx.query<{ case_id: string }>('SELECT case_id FROM credit_overdue_start WHERE check_key = $1 AND customer_id = $2', [c.checkKey, c.customerId]);
    if (own.rows[0]) return { caseId: own.rows[0].case_id, mine: true };
    const open = await tx.query<{ id: string }>(
      `SELECT id FROM process_case WHERE process_key = $2 AND customer_id = $1 AND status = 'running'
       UNION ALL
       SELECT s.case_id FROM credit_overdue_start s LEFT JOIN process_case pc ON pc.id = s.case_id
        WHERE s.customer_id = $1 AND pc.id IS NULL AND s.created_at > now() - interval '${UNSTARTED_CLAIM_EXPIRES}'
       LIMIT 1`,
      [c.customerId, CREDIT_ANOMALY_PROCESS],
    );
    if (open.rows[0]) return { caseId: open.rows[0].id, mine: false };
    await tx.query(
      `INSERT INTO credit_overdue_start (case_id, customer_id, check_key, check_case_id, overdue_receivable, max_overdue_days, threshold)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.caseId, c.customerId, c.checkKey, c.checkCaseId, c.overdueReceivable, c.maxOverdueDays, c.threshold],
    );
    return { caseId: c.caseId, mine: true };
  });
}

/** The customer's name and unit, which the anomaly case is opened in. */
export async function overdueCustomerHeader(db: Db, customerId: string): Promise<{ name: string; unitId: string } | undefined> {
  const { rows } = await db.query<{ name: string; unit_id: string }>('SELECT name, unit_id FROM customer WHERE id = $1', [customerId]);
  return rows[0] ? { name: rows[0].name, unitId: rows[0].unit_id } : undefined;
}
