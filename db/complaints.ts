import type { PoolClient } from 'pg';

// complaint: the complaint as a business record (PROCESSES.md §5), one per case, numbered
// TS-YYYY-MM-NNNNNN. Read with the case's other records in records.ts.

type Tx = Pick<PoolClient, 'query'>;

export type ComplaintStage = 'registered' | 'investigated' | 'handling';

export interface ComplaintFields {
  stage: ComplaintStage;
  channel: string | null;
  severity: string | null;
  product: string | null;
  content: string | null;
  customerRequest: string | null;
  receivedAt: string | null;
  isValid: boolean | null;
  causeType: string | null;
  responsibleDepartment: string | null;
  responsiblePerson: string | null;
  solutionPlan: string | null;
  compensationAmount: number | null;
  promisedDeadline: string | null;
}

/** The case's complaint number, locking its row for the rest of the transaction; undefined before the first record. */
export async function lockComplaintOfCase(tx: Tx, caseId: string): Promise<string | undefined> {
  const existing = await tx.query<{ id: string }>('SELECT id FROM complaint WHERE case_id = $1 FOR UPDATE', [caseId]);
  return existing.rows[0]?.id;
}

/**
 * Creates the case's complaint or fills in what later steps decided: a later step never blanks
 * what an earlier one recorded (COALESCE), and a retry writes the same values. False when the
 * case itself is not recorded yet.
 */
export async function upsertComplaint(tx: Tx, id: string, caseId: string, f: ComplaintFields): Promise<boolean> {
  const written = await tx.query(
    `INSERT INTO complaint (id, case_id, customer_id, stage, channel, severity, product, content, customer_request, received_at,
                      is_valid, cause_type, responsible_department, responsible_person, solution_plan, compensation_amount, promised_deadline)
     SELECT $1, c.id, c.customer_id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16 FROM process_case c WHERE c.id = $2
     ON CONFLICT (case_id) DO UPDATE SET
       stage = EXCLUDED.stage,
       channel = COALESCE(EXCLUDED.channel, complaint.channel),
       severity = COALESCE(EXCLUDED.severity, complaint.severity),
       product = COALESCE(EXCLUDED.product, complaint.product),
       content = COALESCE(EXCLUDED.content, complaint.content),
       customer_request = COALESCE(EXCLUDED.customer_request, complaint.customer_request),
       received_at = COALESCE(EXCLUDED.received_at, complaint.received_at),
       is_valid = COALESCE(EXCLUDED.is_valid, complaint.is_valid),
       cause_type = COALESCE(EXCLUDED.cause_type, complaint.cause_type),
       responsible_department = COALESCE(EXCLUDED.responsible_department, complaint.responsible_department),
       responsible_person = COALESCE(EXCLUDED.responsible_person, complaint.responsible_person),
       solution_plan = COALESCE(EXCLUDED.solution_plan, complaint.solution_plan),
       compensation_amount = COALESCE(EXCLUDED.compensation_amount, complaint.compensation_amount),
       promised_deadline = COALESCE(EXCLUDED.promised_deadline, complaint.promised_deadline),
       updated_at = now()`,
    [
      id,
      caseId,
      f.stage,
      f.channel,
      f.severity,
      f.product,
      f.content,
      f.customerRequest,
      f.receivedAt,
      f.isValid,
      f.causeType,
      f.responsibleDepartment,
      f.responsiblePerson,
      f.solutionPlan,
      f.compensationAmount,
      f.promisedDeadline,
    ],
  );
  return (written.rowCount ?? 0) > 0;
}
