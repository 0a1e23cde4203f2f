import { z } from 'zod';

// The business calendar (GET/PUT/DELETE /api/calendar/days…): read by everyone, changed by admins.
// `shouwen calendar import` takes the same day list as the PUT.

export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

export const calendarOverrideSchema = z.object({
  day: z.string(),
  kind: z.enum(['holiday', 'workday']),
  note: z.string(),
  updatedBy: z.string().nullable(),
  /** Who set it, by name (the console never shows an account id). */
  updatedByName: z.string().nullable().optional(),
  updatedAt: z.string().nullable(),
});
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

export const calendarDaySchema = z.object({
  day: z.string(),
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: z.number().int().min(1).max(7),
  working: z.boolean(),
  source: z.enum(['override', 'national', 'weekday']),
  /** The holiday's name (国庆节) or the override's note; null on ordinary days. */
  name: z.string().nullable(),
  nationalWorking: z.boolean(),
  override: calendarOverrideSchema.nullable(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const calendarYearQuerySchema = z.object({ year: z.coerce.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max) });
export const calendarYearSchema = z.object({ year: z.number(), nationalScheduleKnown: z.boolean(), days: z.array(calendarDaySchema) });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export const calendarDayChangeSchema = z.object({
  day: z.iso.date(),
  kind: z.enum(['holiday', 'workday']),
  /** e.g. 国庆节, 公司年会 */
  note: z.string().trim().max(100).optional(),
});
export type CalendarDayChange = z.infer<typeof calendarDayChangeSchema>;
export const calendarDayChangesSchema = z.array(calendarDayChangeSchema).min(1).max(400);

export const saveCalendarDaysBodySchema = z.object({ days: calendarDayChangesSchema });
export const savedCalendarDaysSchema = z.object({ saved: z.number() });
export const calendarDayParamsSchema = z.object({ day: z.iso.date() });
