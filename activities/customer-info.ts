import { ApplicationFailure, Context } from '@temporalio/activity';
import { inTransaction, type Db } from '../db/pool';
import { setConfidentiality } from '../db/customers';
import { candidatesIn, writeNotifications } from '../db/notifications';
import { LEVELS, customerOfCase, entitledDepartments, recordDistribution } from '../db/customer-info';
import type { ServiceTaskInput } from './service-tasks';
import { oneOf, str } from './variables';

// 客户信息管理 (PROCESSES.md §1): the approved 秘密级别 applied to the customer, and 编号分发
// recorded in the distribution register. The customer is always the case's own (decided by the
// server when the case started), never a variable a form could have changed.

const LEVEL_NAMES = { public: '公开', internal: '内部', secret: '秘密', confidential: '机密' } as const;

async function caseCustomer(db: Db, caseId: string) {
  const c = await customerOfCase(db, caseId);
  // Retrying cannot give a case a customer: fail at once, so the step shows as an incident.
  if (!c) throw ApplicationFailure.create({ type: 'NoCustomer', message: `case ${caseId} names no customer`, nonRetryable: true });
  return c;
}

function approvedLevel(v: Record<string, unknown>) {
  const level = oneOf(LEVELS, v.level);
  if (!level) throw ApplicationFailure.create({ type: 'BadLevel', message: `not a confidentiality level: ${JSON.stringify(v.level)}`, nonRetryable: true });
  return level;
}

export function createCustomerInfoActivities({ db }: { db: Db }) {
  return {
    /** 定级生效: the level the 总经理 approved becomes the customer's; the same level again records nothing. */
    async 'set-confidentiality'(input: ServiceTaskInput) {
      const level = approvedLevel(input.variables);
      const { customerId } = await caseCustomer(db, input.caseId);
      const changed = await inTransaction(db, (tx) => setConfidentiality(tx, customerId, level, input.caseId));
      Context.current().log.info('confidentiality applied', { caseId: input.caseId, customerId, level, changed });
      return { confidentialityApplied: level, confidentialityChanged: changed };
    },

    /** 分发: to each requested department of the customer's unit that the level entitles; the others are named back. */
    async 'distribute-customer-info'(input: ServiceTaskInput) {
      const v = input.variables;
      const level = approvedLevel(v);
      const infoNo = str(v.infoNo);
      if (!infoNo) throw ApplicationFailure.create({ type: 'NoNumber', message: 'distribution needs the record number (infoNo)', nonRetryable: true });
      const requested = (Array.isArray(v.departments) ? v.departments : []).filter((d): d is string => typeof d === 'string');
      const { entitled, withheld } = entitledDepartments(level, requested);
      const { customerId, unitId } = await caseCustomer(db, input.caseId);
      const base = { infoNo, caseId: input.caseId, customerId, unitId, level, infoType: str(v.infoType), region: str(v.region), period: str(v.period) };
      await inTransaction(db, (tx) => recordDistribution(tx, input.key, entitled.map((role) => ({ ...base, role }))));
      // Each receiving department hears of it in its bell; the text names the number and level, not
      // the customer, and only entitled departments are told, so no notice needs masking.
      const title = `客户信息 ${infoNo} 已分发给贵部门（${LEVEL_NAMES[level]}）`;
      for (const role of entitled) {
        const userIds = await candidatesIn(db, unitId, [role]);
        await writeNotifications(db, { key: `${input.key}/distributed/${role}`, userIds, kind: 'notify', caseId: input.caseId, title });
      }
      return { distributedTo: entitled, distributionWithheld: withheld, distributedAt: new Date().toISOString() };
    },
  };
}
