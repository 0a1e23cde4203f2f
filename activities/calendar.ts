import { Context } from '@temporalio/activity';
import { createCalendarRepository } from '../db/calendar';
import type { Db } from '../db/pool';
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

export function createCalendarActivities({ db }: { db: Db }) {
  const calendar = createCalendarRepository(db);
  return {
    /** The same wall-clock time `days` working days after `from` (Asia/Shanghai). */
    async addWorkingDays({ from, days }: AddWorkingDays): Promise<string> {
      const start = Date.parse(from);
      const horizon = isoDay(start + CST_OFFSET + (days * 3 + 30) * DAY);
      const overrides = await calendar.workingDayOverrides(isoDay(start + CST_OFFSET), horizon);
      const due = addWorkingDaysWith(start, days, (day) => isWorkingDay(day, overrides));
      const year = new Date(due + CST_OFFSET).getUTCFullYear();
      if (!nationalScheduleKnown(year) && !overrides.size) {
        Context.current().log.warn(`No public-holiday schedule for ${year}: weekends only. Enter its holidays: PUT /api/calendar/days or \`npx shouwen calendar import\`.`, { from, days });
      }
      return new Date(due).toISOString();
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
