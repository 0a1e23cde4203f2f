import { ApplicationFailure, Context } from '@temporalio/activity';
import { creditGradeHistory } from '../db/credit-grades';
import { customerOfCase } from '../db/customer-info';
import { inTransaction, type Db } from '../db/pool';
import { createCatalogRepository } from '../db/products';
import { appendCaseEvent } from '../db/case-events';
import { classifyUnitCustomers, recordDueGreetings, recordVisit, tierRuleOf, VISIT_KINDS } from '../db/relationship';
import { shanghaiDate } from '../domain/china-time';
import { callbackSampleBucket, callbackSelected } from '../domain/customer-tiers';
import type { ServiceTaskInput } from './service-tasks';
import { oneOf, str } from './variables';

// 客户关系维护 (PROCESSES.md §6, issue 15): 分析客户交易状况 reads the case customer's sales and
// latest credit grade from the database (nobody types them), 客户分类 ranks the unit's customers
// by the 客户分类标准 table, 实施服务方案 writes the visit log. The customer is always the case's
// own (decided by the server when the case started), never a variable a form could change.

async function caseCustomer(db: Db, caseId: string) {
  const c = await customerOfCase(db, caseId);
  // Retrying cannot give a case a customer: fail at once, so the step shows as an incident.
  if (!c) throw ApplicationFailure.create({ type: 'NoCustomer', message: `case ${caseId} names no customer`, nonRetryable: true });
  return c;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createRelationshipActivities({ db }: { db: Db }) {
  return {
    /** 分析客户交易状况: the sales summary (客户销售记录分析表) and the newest approved credit grade, or 未评定. */
    async 'analyse-relationship'(input: ServiceTaskInput) {
      const { customerId } = await caseCustomer(db, input.caseId);
      const [sales, grades] = await Promise.all([createCatalogRepository(db).salesSummary(customerId), creditGradeHistory(db, customerId, 1)]);
      const grade = grades[0];
      return {
        salesSummary: sales,
        creditGrade: grade?.grade ?? '未评定',
        creditLimit: grade?.creditLimit ?? null,
        creditGradedAt: grade?.decidedAt ?? null,
      };
    },

    /** 客户分类: every customer of the case customer's unit (and below) ranked by sales; the customer's tier is returned. */
    async 'classify-customers'(input: ServiceTaskInput) {
      const { customerId, unitId } = await caseCustomer(db, input.caseId);
      const { results, changed, created } = await inTransaction(db, (tx) => classifyUnitCustomers(tx, { key: input.key, unitId, caseId: input.caseId }));
      const mine = results.find((r) => r.customerId === customerId);
      const counts = { A: 0, B: 0, C: 0, D: 0 };
      for (const r of results) counts[r.tier]++;
      Context.current().log.info('customers classified', { caseId: input.caseId, unitId, customers: results.length, changed, created });
      return { customerTier: mine?.tier ?? null, tierPriorShare: mine?.priorShare ?? null, tierCounts: counts, tierUnit: unitId };
    },

    /**
     * 回访 coverage (issue 15): whether this purchase is called back, by the case customer's tier's
     * `callback_coverage` read now (a rule changed later decides only cases reaching this step
     * later). The decision and the rule it applied go on the case's trail.
     */
    async 'callback-coverage'(input: ServiceTaskInput) {
      const v = input.variables;
      // Only a purchase check-warranty found for the case's own customer is the sample key; else the case.
      const purchaseId = v.purchaseFound === true ? str(v.purchaseId) : null;
      const sampleKey = purchaseId ?? input.caseId;
      const customer = await customerOfCase(db, input.caseId);
      const rule = customer ? await tierRuleOf(db, customer.customerId) : undefined;
      // No customer or tier: nothing says to sample, so the seed's default holds — call back.
      const coverage = rule?.callbackCoverage ?? 1;
      const bucket = callbackSampleBucket(sampleKey);
      const selected = callbackSelected(bucket, coverage);
      const decision = {
        callbackSelected: selected,
        customerTier: rule?.tier ?? null,
        tierName: rule?.name ?? null,
        callbackCoverage: coverage,
        callbackSampleKey: sampleKey,
        callbackSampleBucket: bucket,
        tierFollowUpDays: rule?.followUpDays ?? null,
      };
      await appendCaseEvent(db, { key: `${input.key}/callback.coverage`, caseId: input.caseId, kind: 'callback.coverage', payload: { elementId: input.elementId, customerId: customer?.customerId ?? null, ...decision } });
      return decision;
    },

    /**
     * 定期服务 (issue 15): the customers' dates falling today (China) recorded as due greetings in the
     * visit log, for the 销售人员 to carry out; once per date and day however often it runs.
     */
    async 'record-due-greetings'(input: ServiceTaskInput) {
      const onDate = shanghaiDate(new Date());
      const due = await recordDueGreetings(db, { caseId: input.caseId, onDate });
      Context.current().log.info('due greetings recorded', { caseId: input.caseId, onDate, recorded: due.length });
      return { greetingsOn: onDate, greetingsRecorded: due.length, greetingCustomers: due.map((d) => d.customerId) };
    },

    /** 实施服务方案: one entry of the visit log (kind, date, summary, what the customer said). */
    async 'record-visit'(input: ServiceTaskInput) {
      const v = input.variables;
      const kind = oneOf(VISIT_KINDS, v.visitKind);
      const visitedOn = str(v.visitedOn)?.slice(0, 10) ?? null;
      const summary = str(v.visitSummary);
      if (!kind || !visitedOn || !DATE.test(visitedOn) || !summary) {
        throw ApplicationFailure.create({
          type: 'BadVisit',
          message: `${input.elementId}: no visit to record (visitKind ${JSON.stringify(v.visitKind)}, visitedOn ${JSON.stringify(v.visitedOn)}, visitSummary present: ${Boolean(summary)})`,
          nonRetryable: true,
        });
      }
      const { customerId } = await caseCustomer(db, input.caseId);
      const row = await recordVisit(db, { key: input.key, customerId, caseId: input.caseId, kind, visitedOn, summary, customerOpinion: str(v.customerOpinion), step: str(v.visitStep) ?? '' });
      return { lastVisitId: row.id, lastVisitOn: visitedOn };
    },
  };
}
