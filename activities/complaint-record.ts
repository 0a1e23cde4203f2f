import { Context } from '@temporalio/activity';
import { inTransaction, type Db } from '../db/pool';
import { lockComplaintOfCase, upsertComplaint, type ComplaintStage } from '../db/complaints';
import { nextNumber } from '../db/numbering';
import type { ServiceTaskInput } from './service-tasks';
import { num, oneOf, str } from './variables';

// 客户投诉记录 (PROCESSES.md §5): the complaint as a business record, kept current by the
// `record-complaint` service task wherever the diagram places it. The first call numbers it
// (TS-YYYY-MM-NNNNNN); later calls fill in what the steps since then have decided. The stage
// follows from the data, so moving the task in the diagram cannot make the row lie.

export type { ComplaintStage };

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
    async 'record-complaint'(input: ServiceTaskInput) {
      const f = complaintFields(input.variables);
      const complaintNo = await inTransaction(db, async (tx) => {
        const id = (await lockComplaintOfCase(tx, input.caseId)) ?? (await nextNumber(tx, `${input.caseId}/complaint`, 'TS'));
        const written = await upsertComplaint(tx, id, input.caseId, f);
        // The case row is written when the case starts; without it there is nothing to attach to yet.
        if (!written) throw new Error(`case ${input.caseId} is not recorded yet`);
        return id;
      });
      Context.current().log.info('complaint recorded', { caseId: input.caseId, complaintNo, stage: f.stage });
      return { complaintNo, complaintStage: f.stage };
    },
  };
}
