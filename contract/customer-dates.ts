import { z } from 'zod';

// 重要日期 on 客户 360 (issue 15): the customer's 生日 / 节日 / 纪念日 the daily relationship-greetings
// run turns into due greetings. A date is a month and day (every year); the year is optional and
// only says when it began (a founding day), so 29 February needs a leap year when one is given.

export const IMPORTANT_DATE_KINDS = ['birthday', 'festival', 'anniversary'] as const;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const dateFields = {
  kind: z.enum(IMPORTANT_DATE_KINDS),
  label: z.string().trim().min(1).max(100),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  year: z.number().int().min(1900).max(2199).nullable().optional(),
};

/**
 * Whether the day exists in its month (in its year, when one is given). Checked by the service
 * (a change is checked against what is stored) and by the console's form.
 */
export function importantDateExists(month: number, day: number, year: number | null | undefined): boolean {
  const max = month === 2 && year != null && !leap(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= max;
}

export const importantDateBodySchema = z.object(dateFields).strict();
export type ImportantDateBody = z.infer<typeof importantDateBodySchema>;
export type ImportantDateInput = z.input<typeof importantDateBodySchema>;

/** A change: any of the fields; month and day are checked together with what is stored. */
export const importantDatePatchSchema = z
  .object({ kind: dateFields.kind.optional(), label: dateFields.label.optional(), month: dateFields.month.optional(), day: dateFields.day.optional(), year: dateFields.year })
  .strict();
export type ImportantDatePatch = z.infer<typeof importantDatePatchSchema>;

export const importantDateParamsSchema = z.object({ id: z.string().min(1).max(64), dateId: z.string().regex(/^[1-9][0-9]{0,17}$/) });

export const importantDateSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORTANT_DATE_KINDS),
  label: z.string(),
  month: z.number(),
  day: z.number(),
  year: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type ImportantDate = z.infer<typeof importantDateSchema>;
/** `masked`: the reader is not cleared for the customer's level, nothing listed; `editable`: the reader may add, change and remove. */
export const importantDateListSchema = z.object({ items: z.array(importantDateSchema), masked: z.boolean(), editable: z.boolean() });
export type ImportantDateList = z.infer<typeof importantDateListSchema>;
