import chineseDays from 'chinese-days';

// The business calendar: "within N working days" skips weekends and public holidays and counts
// 调休 make-up working days. The national schedule comes from the chinese-days package; rows in
// calendar_day (company days off, or a year the package does not know yet) take precedence.
// Pure rules, shared by the deadline activity and the admin screen's view of a year.

export const DAY = 86_400_000;
/** Working days are counted in China Standard Time, whatever the server's zone. */
export const CST_OFFSET = 8 * 3_600_000;

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** True when chinese-days lists any public holiday in that year (i.e. it knows the year's schedule). */
export function nationalScheduleKnown(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/** The calendar's one rule: an override (calendar_day) wins, else the national schedule (weekends without one). */
export function isWorkingDay(day: string, overrides: ReadonlyMap<string, boolean>): boolean {
  return overrides.get(day) ?? chineseDays.isWorkday(day);
}

/** Pure part: steps day by day in CST, counting the days `isWorkingDay` accepts. */
export function addWorkingDaysWith(start: number, days: number, isWorkingDay: (isoDay: string) => boolean): number {
  let t = start;
  let left = days;
  while (left > 0) {
    t += DAY;
    if (isWorkingDay(isoDay(t + CST_OFFSET))) left -= 1;
  }
  return t;
}

/**
 * Pure part of "within N working hours": whole days as `addWorkingDaysWith` counts them, then the
 * remaining hours, and an end that falls on a day off moves on by whole days to the next working
 * day (CST). A 20-hour reminder set on Friday 15:00 is due Monday 11:00, not Saturday 11:00, and
 * stays before the "1 working day" due time however the day starts.
 */
export function addWorkingHoursWith(start: number, hours: number, isWorkingDay: (isoDay: string) => boolean): number {
  let t = addWorkingDaysWith(start, Math.floor(hours / 24), isWorkingDay) + (hours % 24) * 3_600_000;
  // Bounded: a calendar with no working day within ten years is a broken calendar, not a wait.
  for (let guard = 0; !isWorkingDay(isoDay(t + CST_OFFSET)) && guard < 3660; guard++) t += DAY;
  return t;
}

/** Monday–Friday, for tests and as the fallback shape of a calendar. */
export const weekdaysOnly = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};
