import { z } from 'zod';
import { IMPORTANT_DATE_KINDS } from './customer-date-rules';

export { IMPORTANT_DATE_KINDS, importantDateExists } from './customer-date-rules';

// 重要日期 on 客户 360 (issue 15): the customer's 生日 / 节日 / 纪念日 the daily relationship-greetings
// run turns into due greetings. A date is a month and day (every year); the year is optional and
// only says when it began (a founding day), so 29 February needs a leap year when one is given.

const dateFields = {
  kind: z.enum(IMPORTANT_DATE_KINDS),
  label: z.string().trim().min(1).max(100),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  year: z.number().int().min(1900).max(2199).nullable().optional(),
};

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
