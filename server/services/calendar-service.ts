import { CALENDAR_YEARS, type CalendarDayChange } from '../../contract';
import { describeYear } from '../../domain/calendar-year';
import type { SessionUser } from '../../db/users';
import { mayManageCalendar } from '../../policy/capabilities';
import type { CalendarRepository } from '../../db/calendar';
import { badRequest, forbidden, notFound, type FieldError } from '../http/problem';

// Business-calendar administration: the days the national schedule (chinese-days) does not know
// or the company decides otherwise. Read by everyone (deadlines depend on it); changed by admins
// only. The API and `shouwen calendar import` share this service and its schema. A change affects
// deadlines computed afterwards; running tasks keep the due time they were given.

const requireAdmin = (user: SessionUser) => {
  if (!mayManageCalendar(user)) throw forbidden('Only administrators may change the business calendar.', { code: 'calendar.adminOnly' });
};

export function createCalendarService(repo: CalendarRepository) {
  return {
    async year(year: number) {
      return describeYear(year, await repo.overridesIn(year));
    },

    /** Sets (or replaces) the overrides of the given days, all or none. */
    async save(user: SessionUser, days: CalendarDayChange[]): Promise<number> {
      requireAdmin(user);
      const seen = new Map<string, number>();
      const errors = days.flatMap((d, i) => {
        const year = Number(d.day.slice(0, 4));
        const problems: FieldError[] = [];
        if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) problems.push({ path: `body.days.${i}.day`, message: `year must be ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max}`, code: 'calendar.yearOutOfRange', params: { min: CALENDAR_YEARS.min, max: CALENDAR_YEARS.max } });
        const first = seen.get(d.day);
        if (first !== undefined) problems.push({ path: `body.days.${i}.day`, message: `${d.day} is also given at days.${first}`, code: 'calendar.duplicateDay', params: { day: d.day, index: first } });
        else seen.set(d.day, i);
        return problems;
      });
      if (errors.length) throw badRequest(errors.map((e) => `${e.path}: ${e.message}`).join('; '), { code: 'request.invalid', errors });
      await repo.upsert(days, user.id);
      return days.length;
    },

    async remove(user: SessionUser, day: string): Promise<void> {
      requireAdmin(user);
      if (!(await repo.remove(day))) throw notFound(`${day} has no override; the national schedule applies.`, { code: 'calendar.noOverride', params: { day } });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
