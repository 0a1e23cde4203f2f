import { ApplicationFailure } from '@temporalio/activity';
import type { FormSchema } from '../bpmn/form-data';
import type { ProcessModel } from '../bpmn/model';
import type { Db } from '../db/pool';
import type { ScheduledStartRef } from '../domain/case-header';
import { createProcessRepository } from '../db/processes';
import { createProcessScheduleRepository } from '../db/process-schedules';
import { createCalendarRepository } from '../db/calendar';
import { CST_OFFSET, DAY, isoDay, isWorkingDay } from '../domain/working-days';

/** What a schedule's run needs to start its case: the pinned version and who will own the case. */
export interface ScheduledStartPlan {
  model: ProcessModel;
  version: number;
  forms: Record<string, FormSchema>;
  ownerId: string | null;
  unitId: string;
  /** Set when shouwen:workingDaysOnly and today (China) is not a working day: no case today. */
  skippedDay?: string;
}

export type { ScheduledStartRef } from '../domain/case-header';

export function createScheduledStartActivities({ db }: { db: Db }) {
  const processes = createProcessRepository(db);
  const schedules = createProcessScheduleRepository(db);
  const calendar = createCalendarRepository(db);
  return {
    /** The version the schedule names (the latest when it was last deployed) and the owner its shouwen:owner resolves to now. */
    async planScheduledStart(ref: ScheduledStartRef): Promise<ScheduledStartPlan> {
      const found = await processes.get(ref.processKey, ref.processVersion);
      const start = found?.model.elements[ref.startEventId];
      if (!found || start?.type !== 'startEvent' || !start.timer) {
        throw ApplicationFailure.nonRetryable(`Process ${ref.processKey} v${ref.processVersion} has no timer start event ${ref.startEventId}.`, 'NoTimerStart');
      }
      if (start.timer.workingDaysOnly) {
        const today = isoDay(Date.now() + CST_OFFSET);
        const overrides = await calendar.workingDayOverrides(isoDay(Date.parse(`${today}T00:00:00Z`) - DAY), today);
        if (!isWorkingDay(today, overrides)) return { model: found.model, version: found.version, forms: {}, ownerId: null, unitId: '', skippedDay: today };
      }
      const owner = await schedules.resolveOwner(start.timer);
      return { model: found.model, version: found.version, forms: found.forms, ...owner };
    },
  };
}
