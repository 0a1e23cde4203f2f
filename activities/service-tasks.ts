import { Context } from '@temporalio/activity';
import { inTransaction, type Db } from '../db/pool';
import { appendCaseEvent } from '../db/case-events';
import { createCaseRepository } from '../db/cases';
import { writeNotifications } from '../db/notifications';
import { enqueueChatMessage } from '../db/chat-outbox';
import { createServiceRecordActivities } from './service-records';
import { createComplaintRecordActivities } from './complaint-record';
import { nextNumber } from '../db/numbering';
import { createCustomerNotificationActivities } from './customer-notifications';
import { createCustomerInfoActivities } from './customer-info';
import { createCreditGradingActivities } from './credit-grading';
import { createCreditOverdueActivities } from './credit-overdue';
import { createDecisionChangeActivities } from './decision-change';
import { createArchiveActivities } from './archive-records';
import { createRelationshipActivities } from './relationship';
import { createReportSnapshotActivities } from './report-snapshots';
import type { ServiceTaskType } from '../bpmn/service-task-types';
import type { ServiceTaskOutput, UndeclaredOutputs } from '../bpmn/service-task-outputs';
import { inChinaTime } from '../domain/china-time';

// Service tasks: a BPMN service task's `zeebe:taskDefinition type` is the name of one of
// these activities. Each receives the task's mapped inputs and returns variables, only those
// bpmn/service-task-outputs.ts declares for its type (checked below), so the console has words
// for every one.

export interface ServiceTaskInput {
  caseId: string;
  /** Unique per element occurrence: makes every side effect idempotent under retries. */
  key: string;
  elementId: string;
  variables: Record<string, unknown>;
}

export type ServiceTaskResult = Record<string, unknown>;
export type ServiceTaskFn = (input: ServiceTaskInput) => Promise<ServiceTaskResult>;

const text = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() ? v : fallback);

function recordEvent(db: Db, input: ServiceTaskInput, kind: string, payload: Record<string, unknown>) {
  return appendCaseEvent(db, { key: `${input.key}/${kind}`, caseId: input.caseId, kind, payload });
}

export function createServiceTaskActivities({ db }: { db: Db }) {
  const tasks = {
    /** 通知 / 催办: records it on the case and puts it in the recipients' outbox (bell, e-mail). */
    async notify(input: ServiceTaskInput) {
      // A diagram joins a date variable into its text as ISO (UTC); people read China time.
      const message = inChinaTime(text(input.variables.message, text(input.variables.template, '提醒')));
      await recordEvent(db, input, 'notification', { elementId: input.elementId, message, to: input.variables.to ?? null });
      // To the users named in `to` (one id or a list), else the case's first-contact owner.
      const to = input.variables.to ?? input.variables.recipient;
      let userIds = (Array.isArray(to) ? to : [to]).filter((u): u is string => typeof u === 'string');
      if (!userIds.length) {
        const owner = await createCaseRepository(db).ownerOf(input.caseId);
        userIds = owner ? [owner] : [];
      }
      await writeNotifications(db, { key: `${input.key}/notify`, userIds, kind: 'notify', caseId: input.caseId, title: message });
      await enqueueChatMessage(db, { key: `${input.key}/notify`, kind: 'notify', caseId: input.caseId, headline: message });
      return { notifiedAt: new Date().toISOString() };
    },

    /** 编号: a gap-free number per prefix and month, e.g. KH-2026-11-000123 (month in China); the same one on retry. */
    async 'assign-number'(input: ServiceTaskInput) {
      const prefix = text(input.variables.prefix, 'NO').toUpperCase();
      const number = await inTransaction(db, (tx) => nextNumber(tx, input.key, prefix));
      Context.current().log.info('number assigned', { caseId: input.caseId, number });
      return { number };
    },

    // 售后服务记录: check-warranty, quote-fee, create-work-order, record-callback.
    ...createServiceRecordActivities({ db }),
    // 客户投诉记录: record-complaint.
    ...createComplaintRecordActivities({ db }),
    // 通知客户: notify-customer.
    ...createCustomerNotificationActivities({ db }),
    // 客户信息管理: set-confidentiality, distribute-customer-info.
    ...createCustomerInfoActivities({ db }),
    // 信用等级评定: analyse-sales, record-credit-grade.
    ...createCreditGradingActivities({ db }),
    // 逾期应收检查: start-credit-anomalies.
    ...createCreditOverdueActivities({ db }),
    // 决策表变更审批: settle-decision-change.
    ...createDecisionChangeActivities({ db }),
    // 客户档案: archive (归档 into the register), archive-check-borrow, archive-lend, archive-return.
    ...createArchiveActivities({ db }),
    // 客户关系维护: analyse-relationship, classify-customers, record-visit.
    ...createRelationshipActivities({ db }),
    // 定期总结: generate-report-snapshots.
    ...createReportSnapshotActivities({ db }),
  } satisfies { [T in ServiceTaskType]: (input: ServiceTaskInput) => Promise<ServiceTaskOutput<T>> };
  // `satisfies` lets a result carry names the catalog lacks (and a spread or a variable escapes the
  // excess-property check), so the names each task can return are compared here: a compile error
  // naming the undeclared variable.
  const everyOutputDeclared: Undeclared<typeof tasks> extends never ? true : Undeclared<typeof tasks> = true;
  void everyOutputDeclared;
  return tasks;
}

type Undeclared<Tasks extends Record<ServiceTaskType, (input: ServiceTaskInput) => Promise<unknown>>> = {
  [T in ServiceTaskType]: UndeclaredOutputs<T, Awaited<ReturnType<Tasks[T]>>>;
}[ServiceTaskType];
