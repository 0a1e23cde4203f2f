import { Context } from '@temporalio/activity';
import type { Db } from '../db/pool';
import { generateReportSnapshots, previousMonth } from '../db/report-snapshots';
import type { ServiceTaskInput } from './service-tasks';

// 定期总结 (issue 17): the service task of monthly-report-summary.bpmn, run on the 1st of each month
// by its timer start event. The month is the one before the activity was first scheduled (a retry
// next day still summarises the same month), and the service task's key makes a retry add nothing.

export function createReportSnapshotActivities({ db }: { db: Db }) {
  return {
    async 'generate-report-snapshots'(input: ServiceTaskInput) {
      const period = previousMonth(Context.current().info.scheduledTimestampMs);
      const stored = await generateReportSnapshots(db, { period, trigger: 'schedule', caseId: input.caseId, key: input.key });
      Context.current().log.info('monthly summaries', { caseId: input.caseId, period, units: stored.length });
      return { summaryPeriod: period, summaryUnits: stored.length, summaryIds: stored.map((s) => s.id) };
    },
  };
}
