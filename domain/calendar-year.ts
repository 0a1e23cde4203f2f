import chineseDays from 'chinese-days';
import { isWorkingDay, nationalScheduleKnown } from './working-days';

// What the business calendar says about every day of a year, and why: for the admin screen and
// API that edit the overrides (calendar_day). Uses the same rule as the deadline activity
// (isWorkingDay), so what an admin sees is what deadlines are computed with.

export interface CalendarOverride {
  day: string;
  kind: 'holiday' | 'workday';
  note: string;
  updatedBy: string | null;
  updatedByName?: string | null;
  updatedAt: string | null;
}

export interface CalendarDay {
  day: string;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  working: boolean;
  /**
   * override: a calendar_day row decides; national: the national schedule names this day (a
   * public holiday or a 调休 make-up working day); weekday: the plain Monday–Friday rule.
   */
  source: 'override' | 'national' | 'weekday';
  /** The holiday's name (国庆节) or the override's note; null on ordinary days. */
  name: string | null;
  /** What the national schedule alone would say, so an override can be compared with it. */
  nationalWorking: boolean;
  override: CalendarOverride | null;
}

/** chinese-days names a holiday or make-up day "National Day,国庆节,3"; ordinary days by their weekday. */
function nationalName(day: string): string | null {
  const parts = chineseDays.getDayDetail(day).name.split(',');
  return parts.length > 1 ? (parts[1] ?? parts[0] ?? null) : null;
}

export function describeYear(year: number, overrides: readonly CalendarOverride[]): { year: number; nationalScheduleKnown: boolean; days: CalendarDay[] } {
  const byDay = new Map(overrides.map((o) => [o.day, o]));
  const working = new Map(overrides.map((o) => [o.day, o.kind === 'workday']));
  const days: CalendarDay[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const override = byDay.get(day) ?? null;
    const holidayName = nationalName(day);
    days.push({
      day,
      weekday: new Date(t).getUTCDay() || 7,
      working: isWorkingDay(day, working),
      source: override ? 'override' : holidayName ? 'national' : 'weekday',
      name: override ? override.note || holidayName : holidayName,
      nationalWorking: chineseDays.isWorkday(day),
      override,
    });
  }
  return { year, nationalScheduleKnown: nationalScheduleKnown(year), days };
}
