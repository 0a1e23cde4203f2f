import { Context } from '@temporalio/activity';
import { resolveCaseCustomer } from '../db/cases';
import { CREDIT_GRADES, recordCreditGrade } from '../db/credit-grades';
import type { Db } from '../db/pool';
import { createCatalogRepository } from '../db/products';
import type { ServiceTaskInput } from './service-tasks';
import { num, oneOf, str } from './variables';

// 信用等级评定 (PROCESSES.md §2, issue 15): the two service tasks of the credit-grading diagram.
// 销售记录分析 reads the case customer's purchases and payments from the database (the finance
// figures the seed says 财务部 supplies), so nobody types them into a form; 登记信用等级 writes the
// grade the 客服经理 approved into the customer's grade history.

async function caseCustomer(db: Db, input: ServiceTaskInput): Promise<string> {
  const customerId = await resolveCaseCustomer(db, input.caseId, str(input.variables.customerId));
  // Without a customer there is nothing to grade: an incident the process owner sees, not a guess.
  if (!customerId) throw new Error(`${input.elementId}: the case has no customer to grade (start it for a customer)`);
  return customerId;
}

/** What the grade was decided on, kept with it: the grading's analysis and review, or the anomaly's change form. */
const BASIS = ['salesSummary', 'analysisConclusion', 'reviewOpinion', 'anomalyType', 'anomalyDescription', 'changeReason'];

export function createCreditGradingActivities({ db }: { db: Db }) {
  return {
    /** 销售记录分析 (客户销售记录分析表): the sales summary, and the three figures the grading table reads. */
    async 'analyse-sales'(input: ServiceTaskInput) {
      const customerId = await caseCustomer(db, input);
      const sales = await createCatalogRepository(db).salesSummary(customerId);
      return {
        salesSummary: sales,
        // The names credit-grading.dmn's inputs use; the longest overdue stretch is what it grades.
        overdueDays: sales.maxOverdueDays,
        paymentRate: sales.paymentRate,
        annualSales: sales.annualSales,
        overdueReceivable: sales.overdueReceivable,
        receivable: sales.receivable,
      };
    },

    /**
     * 登记信用等级: appends the approved grade and limit to the customer's history (the 客户 360
     * grade). `approvalStep` is the element whose completer approved it (a constant in the diagram).
     */
    async 'record-credit-grade'(input: ServiceTaskInput) {
      const v = input.variables;
      const grade = oneOf(CREDIT_GRADES, v.creditGrade);
      const creditLimit = num(v.creditLimit);
      if (!grade || creditLimit === null || creditLimit < 0) {
        throw new Error(`${input.elementId}: no valid grade to record (creditGrade ${JSON.stringify(v.creditGrade)}, creditLimit ${JSON.stringify(v.creditLimit)})`);
      }
      const customerId = await caseCustomer(db, input);
      const basis = Object.fromEntries(BASIS.filter((k) => v[k] !== undefined).map((k) => [k, v[k]]));
      const row = await recordCreditGrade(db, { key: input.key, customerId, caseId: input.caseId, grade, creditLimit, basis, approvalStep: str(v.approvalStep) });
      Context.current().log.info('credit grade recorded', { caseId: input.caseId, customerId, grade, created: row.created });
      return { creditGradeRecorded: true };
    },
  };
}
