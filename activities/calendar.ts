import { Context } from '@temporalio/activity';
import { createCalendarRepository } from '../db/calendar';
import { appendCaseEvent, findCaseEvent } from '../db/case-events';
import { customerOfCase } from '../db/customer-info';
import type { Db } from '../db/pool';
import { tierRuleOf } from '../db/relationship';
import { addWorkingDaysWith, addWorkingHoursWith, CST_OFFSET, DAY, isoDay, isWorkingDay, nationalScheduleKnown } from '../domain/working-days';

// The deadline activity: "within N working days" under the business calendar (domain/working-days.ts).
// Computed here, never in workflow code, so a calendar change affects new deadlines only.

export interface AddWorkingDays {
  from: string;
  days: number;
}

export interface AddWorkingHours {
  from: string;
  hours: number;
}

export interface TierDueDate {
  caseId: string;
  taskId: string;
  elementId: string;
  taskName: string;
  /** The step kind whose limit the tier rule gives (shouwen:dueByTier). */
  limit: 'followUp' | 'complaint';
  /** The diagram's shouwen:dueWorkingDays: the limit for a case without a customer or tier. */
  defaultDays: number;
  from: string;
}

export function createCalendarActivities({ db }: { db: Db }) {
  const calendar = createCalendarRepository(db);
  /** The same wall-clock time `days` working days after `from` (Asia/Shanghai). */
  async function addWorkingDays({ from, days }: AddWorkingDays): Promise<string> {
    const start = Date.parse(from);
    const horizon = isoDay(start + CST_OFFSET + (days * 3 + 30) * DAY);
    const overrides = await calendar.workingDayOverrides(isoDay(start + CST_OFFSET), horizon);
    const due = addWorkingDaysWith(start, days, (day) => isWorkingDay(day, overrides));
    const year = new Date(due + CST_OFFSET).getUTCFullYear();
    if (!nationalScheduleKnown(year) && !overrides.size) {
      Context.current().log.warn(`No public-holiday schedule for ${year}: weekends only. Enter its holidays: PUT /api/calendar/days or \`npx shouwen calendar import\`.`, { from, days });
    }
    return new Date(due).toISOString();
  }
  return {
    addWorkingDays,

    /**
     * A task's due date by the case customer's tier (issue 15): the tier rule's limit for the step
     * kind as it is now, so a rule changed later reaches only tasks opened later. Why the date is what
     * it is goes on the case's trail; a retried attempt returns what the first one decided.
     */
    async tierDueDate(input: TierDueDate): Promise<string> {
      const key = `${input.taskId}/due.tier`;
      const done = await findCaseEvent(db, key);
      if (done && typeof done.payload.dueAt === 'string') return done.payload.dueAt;
      const customer = await customerOfCase(db, input.caseId);
      const rule = customer ? await tierRuleOf(db, customer.customerId) : undefined;
      const days = rule ? (input.limit === 'complaint' ? rule.complaintDays : rule.followUpDays) : input.defaultDays;
      const dueAt = await addWorkingDays({ from: input.from, days });
      await appendCaseEvent(db, {
        key,
        caseId: input.caseId,
        // The task's row is written after its due date is known: its id goes in the payload, not the column.
        kind: 'task.dueByTier',
        payload: { taskId: input.taskId, elementId: input.elementId, taskName: input.taskName, limit: input.limit, customerId: customer?.customerId ?? null, customerTier: rule?.tier ?? null, tierName: rule?.name ?? null, days, dueAt },
      });
      return dueAt;
    },

    /** `hours` of working-day time after `from`: hours on weekends and holidays are skipped. */
    async addWorkingHours({ from, hours }: AddWorkingHours): Promise<string> {
      const start = Date.parse(from);
      const horizon = isoDay(start + CST_OFFSET + (Math.ceil(hours / 24) * 3 + 30) * DAY);
      const overrides = await calendar.workingDayOverrides(isoDay(start + CST_OFFSET), horizon);
      return new Date(addWorkingHoursWith(start, hours, (day) => isWorkingDay(day, overrides))).toISOString();
    },
  };
}
