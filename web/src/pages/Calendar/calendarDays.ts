import type { CalendarDay } from '../../../../contract';

/** The days worth listing: public holidays, 调休 make-up days and overrides; ordinary weeks are implied. */
export const notableDays = (days: readonly CalendarDay[]): CalendarDay[] => days.filter((d) => d.source !== 'weekday');

/** Working and non-working days of the year, for the summary line. */
export function yearTotals(days: readonly CalendarDay[]): { working: number; off: number } {
  const working = days.filter((d) => d.working).length;
  return { working, off: days.length - working };
}

/** A YYYY-MM-DD day that exists (2026-02-30 does not), as the day picker (components/DayPicker) gives it. */
export const isIsoDay = (value: string) => {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
};

/**
 * Why `day` cannot be set on the page showing `year`, or null. A day of another year would be
 * saved there and vanish from the list on screen, so it is refused before it is sent.
 */
export function dayProblem(day: string, year: number): 'invalid' | 'otherYear' | null {
  if (!isIsoDay(day)) return 'invalid';
  return Number(day.slice(0, 4)) === year ? null : 'otherYear';
}
