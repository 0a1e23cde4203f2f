import type { Db } from './pool';

// 客户信用等级 (issue 15): the grade history the credit-grading process writes. The newest row is
// the customer's grade; nothing else writes here (the table is append-only).

type Queryable = Pick<Db, 'query'>;

export const CREDIT_GRADES = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

export interface CreditGradeRow {
  grade: CreditGrade;
  creditLimit: number;
  caseId: string;
  approvedBy: string | null;
  decidedAt: string;
}

/**
 * Records a grade the case decided. The approver is whoever last completed the diagram's approval
 * step (`approvalStep`, an element id the diagram names), read from the task rows rather than from
 * case variables a form could set. Idempotent by `key`: a retry returns the row written the first time.
 */
export async function recordCreditGrade(
  db: Queryable,
  g: { key: string; customerId: string; caseId: string; grade: CreditGrade; creditLimit: number; basis: Record<string, unknown>; approvalStep: string | null },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO customer_credit_grade (key, customer_id, case_id, grade, credit_limit, basis, approved_by)
     SELECT $1, $2, $3, $4, $5, $6,
            (SELECT completed_by FROM task WHERE case_id = $3 AND element_id = $7 AND status = 'completed'
              ORDER BY completed_at DESC NULLS LAST, id DESC LIMIT 1)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    [g.key, g.customerId, g.caseId, g.grade, g.creditLimit, JSON.stringify(g.basis), g.approvalStep],
  );
  if (inserted.rows[0]) return { id: String(inserted.rows[0].id), created: true };
  const { rows } = await db.query<{ id: string }>('SELECT id FROM customer_credit_grade WHERE key = $1', [g.key]);
  return { id: String(rows[0]!.id), created: false };
}

/** The customer's grades, newest first. */
export async function creditGradeHistory(db: Queryable, customerId: string, limit = 50): Promise<CreditGradeRow[]> {
  const { rows } = await db.query(
    `SELECT grade, credit_limit, case_id, approved_by, decided_at FROM customer_credit_grade
      WHERE customer_id = $1 ORDER BY id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((r) => ({
    grade: r.grade as CreditGrade,
    creditLimit: Number(r.credit_limit),
    caseId: r.case_id as string,
    approvedBy: (r.approved_by as string | null) ?? null,
    decidedAt: new Date(r.decided_at as string).toISOString(),
  }));
}
