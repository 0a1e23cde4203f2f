import { ApplicationFailure, Context } from '@temporalio/activity';
import { inTransaction, type Db } from '../db/pool';
import { appendCaseEvent } from '../db/case-events';
import { createCaseRepository, resolveCaseCustomer } from '../db/cases';
import { nextNumber } from '../db/numbering';
import {
  DEFAULT_LOCATION,
  DEFAULT_RETENTION_YEARS,
  archiveOfCase,
  checkBorrow,
  checkDestruction,
  completedBy,
  destroyArchive,
  expiredArchives,
  finishRectification,
  inspectArchives,
  lendArchive,
  registerCaseArchive,
  returnArchive,
} from '../db/archives';
import type { ServiceTaskInput } from './service-tasks';
import { num, str } from './variables';
import { destroySourceHistories } from './case-history';

// 客户档案管理 (PROCESSES.md §7): 归档 registers the case in the archive register; the borrow
// process checks eligibility, lends and takes back. Every write is idempotent by case and key.

/** Why a borrow request is refused, said to the applicant in the case (the console words the code itself). */
export const REFUSAL_TEXT: Record<string, string> = {
  'archive.notFound': '档案编号不存在',
  'archive.destroyed': '档案已销毁，不能借阅',
  'archive.notAvailable': '档案已借出或整改中，暂不能借阅',
  'archive.levelTooHigh': '档案秘密等级高于申请人的权限，不予借阅',
};

/** Why a proposed archive is not destroyed, written into the 销毁建议书 (the console words the code itself). */
export const DESTRUCTION_REFUSAL_TEXT: Record<string, string> = {
  'archive.notFound': '档案编号不存在或不属本单位',
  'archive.destroyed': '档案已销毁',
  'archive.legalHold': '档案处于法律保全，不得销毁',
  'archive.notAvailable': '档案已借出或整改中，不能销毁',
  'archive.notExpired': '档案未过保管期限',
};

/** Archive numbers typed into a form: separated by commas, 、, semicolons or white space; each once. */
export function archiveIdsOf(v: unknown): string[] {
  const raw = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').join(',') : (str(v) ?? '');
  return [...new Set(raw.split(/[\s,，、;；]+/).map((x) => x.trim().toUpperCase()).filter((x) => x.length > 0 && x.length <= 64))].slice(0, 200);
}

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
    async archive(input: ServiceTaskInput) {
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
    async 'archive-check-borrow'(input: ServiceTaskInput) {
      const archiveId = str(input.variables.archiveId);
      const borrowerId = await borrowerOf(input);
      const check = archiveId ? await checkBorrow(db, archiveId, borrowerId) : { refusal: 'archive.notFound' as const, customerId: null, confidentiality: null };
      if (check.refusal) return { borrowEligible: false, borrowRefusal: check.refusal, borrowRefusalReason: REFUSAL_TEXT[check.refusal] };
      if (check.customerId) await resolveCaseCustomer(db, input.caseId, check.customerId);
      return { borrowEligible: true, borrowRefusal: null, borrowRefusalReason: null, archiveLevel: check.confidentiality };
    },

    /** 办理借阅手续: the loan in the 借阅台账 (JY-…), the archive 借出; refused if it is no longer 在库. */
    async 'archive-lend'(input: ServiceTaskInput) {
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
      if (!loanNo) return { lent: false, borrowRefusal: 'archive.notAvailable' as const, borrowRefusalReason: REFUSAL_TEXT['archive.notAvailable'] };
      return { lent: true, loanNo };
    },

    /** 办理归还手续: the loan closed; intact → 在库, damaged → 整改中. */
    async 'archive-return'(input: ServiceTaskInput) {
      const v = input.variables;
      const actor = str(v.checkElementId) ? await completedBy(db, input.caseId, str(v.checkElementId)!) : null;
      const intact = v.returnIntact !== false;
      const done = await inTransaction(db, (tx) => returnArchive(tx, { caseId: input.caseId, intact, note: str(v.returnNote), actorId: actor }));
      if (!done) throw badInput(`case ${input.caseId} has no loan to return`);
      return { returnedAt: new Date().toISOString(), archiveStatus: done.status };
    },

    /**
     * 销毁建议书: lists the archives of the case's units past retention, and checks the proposed
     * ones: each is accepted, or refused with the reason (on legal hold, lent, not expired …).
     */
    async 'archive-destruction-check'(input: ServiceTaskInput) {
      // Listing before the proposal leaves the last check's refusals for the proposer to read.
      if (input.variables.listOnly === true) return { expiredArchives: await expiredArchives(db, input.caseId) };
      const proposed = archiveIdsOf(input.variables.proposedArchiveIds);
      const checked = await checkDestruction(db, input.caseId, proposed);
      const refused = checked.filter((c) => c.refusal).map((c) => ({ archiveId: c.archiveId, refusal: c.refusal!, reason: DESTRUCTION_REFUSAL_TEXT[c.refusal!]! }));
      const destructionList = checked.filter((c) => !c.refusal).map((c) => c.archiveId);
      return {
        expiredArchives: await expiredArchives(db, input.caseId),
        destructionList,
        destructionRefused: refused,
        destructionRefusedText: refused.map((r) => `${r.archiveId}：${r.reason}`).join('；'),
      };
    },

    /**
     * 销毁处理: each approved archive becomes 已销毁, its records purged, its row written in the
     * 销毁处理登记表 (XH-…) with who reviewed, approved and destroyed. One put on hold or lent since
     * the approval is left as it is and named in `notDestroyed`. Idempotent per case and archive.
     */
    async 'archive-destroy'(input: ServiceTaskInput) {
      const v = input.variables;
      const ids = archiveIdsOf(v.destructionList);
      const method = str(v.destructionMethod);
      if (!method) throw badInput('archive-destroy needs destructionMethod');
      const by = async (step: unknown) => (str(step) ? completedBy(db, input.caseId, str(step)!) : null);
      const [reviewedBy, approvedBy, destroyedBy] = [await by(v.reviewElementId), await by(v.approvalElementId), await by(v.destroyElementId)];
      const destroyed: string[] = [];
      const notDestroyed: string[] = [];
      for (const archiveId of ids) {
        const done = await inTransaction(db, async (tx) => {
          const id = await nextNumber(tx, `${input.caseId}/destruction/${archiveId}`, 'XH');
          return destroyArchive(tx, { id, archiveId, caseId: input.caseId, method, witness: str(v.destructionWitness), reviewedBy, approvedBy, destroyedBy });
        });
        (done ? destroyed : notDestroyed).push(archiveId);
      }
      await destroySourceHistories(db, destroyed);
      return { destroyedArchives: destroyed, notDestroyed, destroyedAt: new Date().toISOString() };
    },

    /** 定期整改 检查: what the inspection found in the case's units (overdue loans, expired, missing records, damaged). */
    async 'archive-inspect'(input: ServiceTaskInput) {
      const findings = await inspectArchives(db, input.caseId);
      return { findings, findingsCount: findings.length, findingsText: findings.map((f) => `${f.archiveId}：${f.detail}`).join('；') || '未发现问题' };
    },

    /** 处理问题 done: the archives repaired (整改中 → 在库), each in its history with the case. */
    async 'archive-rectified'(input: ServiceTaskInput) {
      const v = input.variables;
      const actor = str(v.handleElementId) ? await completedBy(db, input.caseId, str(v.handleElementId)!) : null;
      const restored: string[] = [];
      for (const archiveId of archiveIdsOf(v.rectifiedArchiveIds)) {
        if (await inTransaction(db, (tx) => finishRectification(tx, { archiveId, caseId: input.caseId, actorId: actor, note: str(v.handlingResult) }))) restored.push(archiveId);
      }
      return { restoredArchives: restored };
    },
  };
}
