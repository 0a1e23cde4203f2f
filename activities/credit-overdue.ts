import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { claimOverdueStart, CREDIT_ANOMALY_PROCESS, overdueCustomerHeader } from '../db/credit-overdue';
import type { Db } from '../db/pool';
import { createProcessRepository } from '../db/processes';
import { createCatalogRepository } from '../db/products';
import { CST_OFFSET, isoDay } from '../domain/working-days';
import type { ServiceTaskInput } from './service-tasks';
import { num } from './variables';

// 逾期应收检查 (PROCESSES.md §2 信用异常, issue 15): the service task of credit-overdue-check.bpmn,
// run each day by its timer start event. The threshold is the diagram's (an input mapping), so a
// process owner changes it by deploying, not by editing code. Each customer over it gets one
// credit-anomaly case in the customer's unit, unless one is open for them (db/credit-overdue.ts).

/** How many case ids the check keeps in its variables (the rest are counted). */
const LISTED = 50;

export function createCreditOverdueActivities({ db }: { db: Db }) {
  return {
    async 'start-credit-anomalies'(input: ServiceTaskInput) {
      const threshold = num(input.variables.overdueThreshold);
      // No threshold is a modelling mistake: an incident the process owner sees, not "every customer".
      if (threshold === null || threshold < 0) throw new Error(`${input.elementId}: overdueThreshold must be a number ≥ 0 (got ${JSON.stringify(input.variables.overdueThreshold)})`);
      const minDays = Math.max(1, Math.floor(num(input.variables.minOverdueDays) ?? 1));
      const anomaly = await createProcessRepository(db).get(CREDIT_ANOMALY_PROCESS);
      if (!anomaly) throw new Error(`${input.elementId}: the process ${CREDIT_ANOMALY_PROCESS} is not deployed`);
      const { client, info } = Context.current();
      // The activity's first scheduling, not the clock: a retry on another day names the same case.
      const startedAt = new Date(info.scheduledTimestampMs).toISOString();
      const day = isoDay(info.scheduledTimestampMs + CST_OFFSET).replaceAll('-', '');
      const started: string[] = [];
      let alreadyOpen = 0;
      const overdue = await createCatalogRepository(db).overdueCustomers(threshold, minDays);
      for (const o of overdue) {
        const customer = await overdueCustomerHeader(db, o.customerId);
        if (!customer) continue;
        const digest = createHash('sha256').update(`${input.key}\u0001${o.customerId}`).digest('hex').slice(0, 8).toUpperCase();
        const businessKey = `YQ-${day}-${digest}`;
        const claim = await claimOverdueStart(db, {
          checkKey: input.key, checkCaseId: input.caseId, customerId: o.customerId, caseId: `${CREDIT_ANOMALY_PROCESS}/${businessKey}`,
          overdueReceivable: o.overdueReceivable, maxOverdueDays: o.maxOverdueDays, threshold,
        });
        if (!claim.mine) {
          alreadyOpen += 1;
          continue;
        }
        const key = claim.caseId.slice(CREDIT_ANOMALY_PROCESS.length + 1);
        try {
          await client.workflow.start('bpmnProcess', {
            taskQueue: info.taskQueue,
            workflowId: claim.caseId,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            args: [{
              model: anomaly.model,
              processVersion: anomaly.version,
              forms: anomaly.forms,
              businessKey: key,
              title: `${anomaly.name} · 逾期应收 ${customer.name}`,
              initiatorId: null,
              ownerId: null,
              unitId: customer.unitId,
              customerId: o.customerId,
              variables: {
                businessKey: key,
                customerId: o.customerId,
                anomalyType: 'overdue',
                anomalyDescription: `逾期应收 ${o.overdueReceivable} 元（逾期 ${minDays} 天以上），最长逾期 ${o.maxOverdueDays} 天，超过检查阈值 ${threshold} 元`,
                overdueThreshold: threshold,
                detectedBy: input.caseId,
              },
              startedAt,
            }],
          });
        } catch (err) {
          // A retry of this activity: the first attempt started it.
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
        started.push(claim.caseId);
      }
      Context.current().log.info('overdue check', { caseId: input.caseId, overdue: overdue.length, started: started.length, alreadyOpen });
      return { overdueCustomers: overdue.length, anomalyCasesStarted: started.length, anomalyCaseIds: started.slice(0, LISTED), anomalyCasesAlreadyOpen: alreadyOpen };
    },
  };
}
