import { Context } from '@temporalio/activity';
import { inTransaction, type Db } from '../db/pool';
import { nextNumber } from './numbering';
import type { ServiceTaskInput, ServiceTaskResult } from './service-tasks';
import { num, oneOf, str } from './variables';

// 客户投诉记录 (PROCESSES.md §5): the complaint as a business record, kept current by the
// `record-complaint` service task wherever the diagram places it. The first call numbers it
// (TS-YYYY-MM-NNNNNN); later calls fill in what the steps since then have decided. The stage
// follows from the data, so moving the task in the diagram cannot make the row lie.

export type ComplaintStage = 'registered' | 'investigated' | 'handling';

const SEVERITIES = ['general', 'serious', 'major'] as const;
const CAUSES = ['own', 'external'] as const;

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const instant = (v: unknown): string | null => {
  const s = str(v);
  return s && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : null;
};
const amount = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && n >= 0 ? Math.round(n * 100) / 100 : null;
};

/** The complaint's columns as far as the case's variables know them, pure. */
export function complaintFields(v: Record<string, unknown>) {
  const fields = {
    channel: str(v.complaintChannel),
    severity: oneOf(SEVERITIES, v.severity),
    product: str(v.product),
    content: str(v.complaintContent),
    customerRequest: str(v.customerRequest),
    receivedAt: instant(v.receivedAt),
    isValid: bool(v.isValid),
    causeType: oneOf(CAUSES, v.causeType),
    responsibleDepartment: str(v.responsibleDepartment),
    responsiblePerson: str(v.responsiblePerson),
    solutionPlan: str(v.solutionPlan),
    compensationAmount: amount(v.compensationAmount),
    promisedDeadline: instant(v.solutionDeadline),
  };
  const stage: ComplaintStage = fields.promisedDeadline ? 'handling' : fields.responsibleDepartment ? 'investigated' : 'registered';
  return { stage, ...fields };
}

export function createComplaintRecordActivities({ db }: { db: Db }) {
  return {
    /** 投诉登记 / 更新投诉记录: creates the numbered record on the first call, updates it after. */
    async 'record-complaint'(input: ServiceTaskInput): Promise<ServiceTaskResult> {
      const f = complaintFields(input.variables);
      const complaintNo = await inTransaction(db, async (tx) => {
        const existing = await tx.query<{ id: string }>('SELECT id FROM complaint WHERE case_id = $1 FOR UPDATE', [input.caseId]);
        const id = existing.rows[0]?.id ?? (await nextNumber(tx, `${input.caseId}/complaint`, 'TS'));
        // A later step never blanks what an earlier one recorded (COALESCE), and a retry writes the same values.
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
            input.caseId,
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
        // The case row is written when the case starts; without it there is nothing to attach to yet.
        if (written.rowCount === 0) throw new Error(`case ${input.caseId} is not recorded yet`);
        return id;
      });
      Context.current().log.info('complaint recorded', { caseId: input.caseId, complaintNo, stage: f.stage });
      return { complaintNo, complaintStage: f.stage };
    },
  };
}

export const COMPLAINT_RECORD_TASK_TYPES = ['record-complaint'] as const;
