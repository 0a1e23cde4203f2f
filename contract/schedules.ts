import { z } from 'zod';
import { startTimerSchema } from '../bpmn/model';

// Timer start events' schedules (/api/processes/:key/schedules…): what runs when, paused or not,
// and who changed them.

export const scheduleSchema = z.object({
  startEventId: z.string(),
  name: z.string().nullable(),
  /** The diagram's cycle or date as written (R/P1D, 0 0 9 * * MON-FRI …). */
  expression: z.string(),
  processVersion: z.number().int().nullable(),
  paused: z.boolean(),
  note: z.string().nullable(),
  nextRuns: z.array(z.string()),
  remainingRuns: z.number().int().nullable(),
  owner: startTimerSchema.shape.owner,
  ownerName: z.string().nullable(),
  unitId: z.string().nullable(),
});
export type ScheduleInfo = z.infer<typeof scheduleSchema>;

export const scheduleChangeSchema = z.object({
  startEventId: z.string(),
  action: z.enum(['created', 'moved', 'deleted', 'paused', 'resumed']),
  processVersion: z.number().int().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type ScheduleChangeInfo = z.infer<typeof scheduleChangeSchema>;

export const scheduleListSchema = z.object({ items: z.array(scheduleSchema), changes: z.array(scheduleChangeSchema) });
export type ScheduleList = z.infer<typeof scheduleListSchema>;

export const scheduleListQuerySchema = z.object({ count: z.coerce.number().int().min(1).max(10).default(5) });
export const scheduleParamsSchema = z.object({ key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/), id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,199}$/) });
export const schedulePauseSchema = z.object({ note: z.string().max(200).optional() });
