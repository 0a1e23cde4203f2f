import { ApplicationFailure, Context } from '@temporalio/activity';
import { inTransaction, type Db } from '../db/pool';
import { appendCaseEvent } from '../db/case-events';
import { createCaseRepository, resolveCaseCustomer } from '../db/cases';
import { nextNumber } from '../db/numbering';
import { DEFAULT_LOCATION, DEFAULT_RETENTION_YEARS, archiveOfCase, checkBorrow, completedBy, lendArchive, registerCaseArchive, returnArchive } from '../db/archives';
import type { ServiceTaskInput, ServiceTaskResult } from './service-tasks';
import { num, str } from './variables';

// 客户档案管理 (PROCESSES.md §7): 归档 registers the case in the archive register; the borrow
// process checks eligibility, lends and takes back. Every write is idempotent by case and key.

/** Why a borrow request is refused, said to the applicant in the case (the console words the code itself). */
export const REFUSAL_TEXT: Record<string, string> = {
  'archive.notFound': '档案编号不存在',
  'archive.destroyed': '档案已销毁，不能借阅',
  'archive.notAvailable': '档案已借出或整改中，暂不能借阅',
  'archive.levelTooHigh': '档案秘密等级高于申请人的权限，不予借阅',
};

const badInput = (message: string) => ApplicationFailure.create({ message, type: 'ArchiveInput', nonRetryable: true });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function createArchiveActivities({ db }: { db: Db }) {
  const cases = createCaseRepository(db);
  /** The applicant: who filled in the application step (`applyElementId`), else who started the case. */
  const borrowerOf = async (input: ServiceTaskInput): Promise<string | null> => {
    const step = str(input.variables.applyElementId);
    return (step ? await completedBy(db, input.caseId, step) : null) ?? (await cases.findById(input.caseId))?.initiatorId ?? null;
  };
  return {
    /**
     * 归档: registers the case in the archive register (number DA-…, its customer's level, where it
     * is kept, how long) with the case's data as its records; the same archive on every retry.
     */
    async archive(input: ServiceTaskInput): Promise<ServiceTaskResult> {
      const v = input.variables;
      const retention = num(v.retentionYears);
      const retentionYears = retention !== null && Number.isInteger(retention) && retention >= 1 && retention <= 100 ? retention : DEFAULT_RETENTION_YEARS;
      const location = str(v.archiveLocation) ?? DEFAULT_LOCATION;
      const archiveNo = await inTransaction(db, async (tx) => {
        const existing = await archiveOfCase(tx, input.caseId);
        if (existing) return existing;
        const id = await nextNumber(tx, `${input.caseId}/archive`, 'DA');
        const written = await registerCaseArchive(tx, { id, key: input.key, caseId: input.caseId, location, retentionYears, records: v });
        if (!written) throw new Error(`case ${input.caseId} is not recorded yet`);
        await appendCaseEvent(tx, { key: `${input.key}/case.archived`, caseId: input.caseId, kind: 'case.archived', payload: { elementId: input.elementId, archiveNo: id } });
        return id;
      });
      Context.current().log.info('case archived', { caseId: input.caseId, archiveNo });
      return { archivedAt: new Date().toISOString(), archiveNo };
    },

    /**
     * 核对借阅资格: the archive exists, is not destroyed, is 在库, and its level is within the
     * applicant's clearance. An eligible request binds the case to the
     * archive's customer, so the case is masked as the archive is.
     */
    async 'archive-check-borrow'(input: ServiceTaskInput): Promise<ServiceTaskResult> {
      const archiveId = str(input.variables.archiveId);
      const borrowerId = await borrowerOf(input);
      const check = archiveId ? await checkBorrow(db, archiveId, borrowerId) : { refusal: 'archive.notFound' as const, customerId: null, confidentiality: null };
      if (check.refusal) return { borrowEligible: false, borrowRefusal: check.refusal, borrowRefusalReason: REFUSAL_TEXT[check.refusal] };
      if (check.customerId) await resolveCaseCustomer(db, input.caseId, check.customerId);
      return { borrowEligible: true, borrowRefusal: null, borrowRefusalReason: null, archiveLevel: check.confidentiality };
    },

    /** 办理借阅手续: the loan in the 借阅台账 (JY-…), the archive 借出; refused if it is no longer 在库. */
    async 'archive-lend'(input: ServiceTaskInput): Promise<ServiceTaskResult> {
      const v = input.variables;
      const archiveId = str(v.archiveId);
      const purpose = str(v.purpose);
      const dueOn = str(v.dueOn)?.slice(0, 10) ?? null;
      if (!archiveId || !purpose || !dueOn || !DAY.test(dueOn)) throw badInput('archive-lend needs archiveId, purpose and dueOn (YYYY-MM-DD)');
      const borrowerId = await borrowerOf(input);
      const lentBy = str(v.reviewElementId) ? await completedBy(db, input.caseId, str(v.reviewElementId)!) : null;
      const loanNo = await inTransaction(db, async (tx) => {
        const id = await nextNumber(tx, `${input.caseId}/loan`, 'JY');
        return lendArchive(tx, { id, archiveId, caseId: input.caseId, borrowerId, department: str(v.department), purpose, dueOn, lentBy });
      });
      // Lent or destroyed between the check and now: the diagram tells the applicant, nothing is lent.
      if (!loanNo) return { lent: false, borrowRefusal: 'archive.notAvailable', borrowRefusalReason: REFUSAL_TEXT['archive.notAvailable'] };
      return { lent: true, loanNo };
    },

    /** 办理归还手续: the loan closed; intact → 在库, damaged → 整改中. */
    async 'archive-return'(input: ServiceTaskInput): Promise<ServiceTaskResult> {
      const v = input.variables;
      const actor = str(v.checkElementId) ? await completedBy(db, input.caseId, str(v.checkElementId)!) : null;
      const intact = v.returnIntact !== false;
      const done = await inTransaction(db, (tx) => returnArchive(tx, { caseId: input.caseId, intact, note: str(v.returnNote), actorId: actor }));
      if (!done) throw badInput(`case ${input.caseId} has no loan to return`);
      return { returnedAt: new Date().toISOString(), archiveStatus: done.status };
    },
  };
}
