import { z } from 'zod';
import { FILTER_YEARS, VIEW_NAME_MAX } from './input-limits';
import { taskSortSchema, taskViewSchema } from './tasks';
import { ROLE_CODES } from './user-rules';

// Saved inbox views (GET/POST /api/views, PATCH/DELETE /api/views/:id): a named set of the inbox's
// filters, kept per user on the server and optionally shared with one team (unit × role) the
// owner belongs to.

const yearOf = (day: string) => Number(day.slice(0, 4));
// A day outside FILTER_YEARS is a slip (9999-12-31); a malformed one is already the format's issue.
const dayInFilterYears = z.iso
  .date()
  .refine((d) => !/^\d{4}-/.test(d) || (yearOf(d) >= FILTER_YEARS.min && yearOf(d) <= FILTER_YEARS.max), { message: `year must be ${FILTER_YEARS.min}–${FILTER_YEARS.max}` });

/**
 * The inbox's filters exactly as the console keeps them in its URL (web/src/api/listParams.ts
 * TaskListParams); anything else is refused, so a view cannot smuggle in a field the inbox ignores.
 */
export const savedViewFiltersSchema = z.strictObject({
  view: taskViewSchema.optional(),
  status: z.enum(['open', 'completed']).optional(),
  sort: taskSortSchema.optional(),
  processKey: z.string().trim().min(1).max(100).optional(),
  /** Inclusive calendar day, as the inbox's 截止 filter takes it. */
  dueBefore: dayInFilterYears.optional(),
  customerId: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type SavedViewFilters = z.infer<typeof savedViewFiltersSchema>;

/** A team: everyone holding `role` in `unitId`. */
export const viewTeamSchema = z.strictObject({ unitId: z.string().trim().min(1).max(64), role: z.enum(ROLE_CODES) });
export type ViewTeam = z.infer<typeof viewTeamSchema>;
/** A team as the console names it (浙江省服务中心 · 客服经理). */
export const namedViewTeamSchema = z.object({ unitId: z.string(), role: z.string(), unitName: z.string(), unitNameEn: z.string() });
export type NamedViewTeam = z.infer<typeof namedViewTeamSchema>;

const viewNameSchema = z.string().trim().min(1).max(VIEW_NAME_MAX);

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: savedViewFiltersSchema,
  ownerId: z.string(),
  ownerName: z.string(),
  /** Whether the caller owns it (may rename, share, delete); false for a view a teammate shared. */
  mine: z.boolean(),
  sharedWith: namedViewTeamSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewListSchema = z.object({
  /** The caller's own views, then those shared with a team of theirs. */
  items: z.array(savedViewSchema),
  /** The teams the caller may share with: their own roles, each in its unit. */
  teams: z.array(namedViewTeamSchema),
});
export type SavedViewList = z.infer<typeof savedViewListSchema>;

export const createViewBodySchema = z.strictObject({ name: viewNameSchema, filters: savedViewFiltersSchema, sharedWith: viewTeamSchema.nullable().optional() });
export type CreateViewBody = z.input<typeof createViewBodySchema>;

export const updateViewBodySchema = z.strictObject({
  name: viewNameSchema.optional(),
  filters: savedViewFiltersSchema.optional(),
  /** null stops sharing. */
  sharedWith: viewTeamSchema.nullable().optional(),
});
export type UpdateViewBody = z.input<typeof updateViewBodySchema>;

export const viewIdParamsSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,17}$/, 'a view id') });
