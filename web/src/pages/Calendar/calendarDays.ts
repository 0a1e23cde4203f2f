import type { CalendarDay } from '../../../../contract';

/** The days worth listing: public holidays, 调休 make-up days and overrides; ordinary weeks are implied. */
export const notableDays = (days: readonly CalendarDay[]): CalendarDay[] => days.filter((d) => d.source !== 'weekday');

/** Working and non-working days of the year, for the summary line. */
export function yearTotals(days: readonly CalendarDay[]): { working: number; off: number } {
  const working = days.filter((d) => d.working).length;
  return { working, off: days.length - working };
}

/** A YYYY-MM-DD day, as <input type="date"> gives it; the server checks the rest (real dates, years). */
export const isIsoDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
