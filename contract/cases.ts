import { z } from 'zod';

// Cases: start one, list and read them, send them messages (POST/GET /api/cases…).

export const caseStatusSchema = z.enum(['running', 'completed', 'failed', 'terminated']);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const caseSchema = z.object({
  id: z.string(),
  processKey: z.string(),
  processVersion: z.number(),
  businessKey: z.string(),
  title: z.string(),
  status: z.string(),
  initiatorId: z.string().nullable(),
  /** Display names beside the ids: people are shown by name, the ids are for links and auditors. */
  initiatorName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  unitId: z.string(),
  customerId: z.string().nullable(),
  parentCaseId: z.string().nullable(),
  /** The variables at the end (written when the case ends; live ones come from the workflow). */
  variables: z.record(z.string(), z.unknown()),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** When its archive's destruction purged the case's content (variables, form values, trail payloads); null while kept. */
  contentDestroyedAt: z.string().nullable().optional(),
});
export type Case = z.infer<typeof caseSchema>;

/**
 * One entry of a case's history (`kind`: case.started, task.opened, task.completed, …). `n` numbers
 * the case's entries 1, 2, 3 … and is what people are shown; `seq` is the sequence all cases share
 * (it orders the hash chain) and skips within one case.
 */
export const caseEventSchema = z.object({
  seq: z.number(),
  n: z.number().int().positive(),
  kind: z.string(),
  taskId: z.string().nullable(),
  /** Null: the engine did it (a timer, an escalation, a service task), shown as 系统 / System. */
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Who a claim or delegation gave the task to, by name (payload.assigneeId is the id). */
  assigneeName: z.string().nullable(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseParamsSchema = z.object({ id: z.string().min(1).max(300) });

export const startCaseBodySchema = z.object({
  processKey: z.string().min(1).max(100),
  version: z.number().int().positive().optional(),
  title: z.string().trim().min(1).max(200),
  businessKey: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - only').optional(),
  customerId: z.string().min(1).max(100).optional(),
  variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a FEEL-friendly name'), z.unknown()).optional(),
});
export type StartCaseBody = z.input<typeof startCaseBodySchema>;

export const startCaseResultSchema = z.object({ id: z.string(), businessKey: z.string(), processKey: z.string(), processVersion: z.number() });
export type StartCaseResult = z.infer<typeof startCaseResultSchema>;

export const caseMessageBodySchema = z.object({ messageName: z.string().min(1).max(100), variables: z.record(z.string(), z.unknown()).optional() });
export type CaseMessageBody = z.input<typeof caseMessageBodySchema>;
export const caseMessageResultSchema = z.object({ consumed: z.boolean() });

/** A calendar day in China (YYYY-MM-DD): the period filters are the days people mean, not UTC ones. */
export const chinaDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD').refine((d) => {
  const at = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(d) && d >= '1900-01-01' && d <= '2199-12-31';
}, { message: 'a day that exists, 1900–2199', params: { reason: 'notADay' } });

/** What the 案例 list and its export are filtered by (the export takes the same, without paging). */
export const caseFilterSchema = z.object({
  owner: z.literal('me').optional(),
  status: caseStatusSchema.optional(),
  processKey: z.string().min(1).max(100).optional(),
  /**
   * 业务编号, a number the case was given (TS-, PG-, KH- …), the customer's number or name, or the
   * title. Name, title and numbers match only cases whose customer the reader is cleared for.
   */
  q: z.string().trim().min(1).max(100).optional(),
  /** Started on or after this day (China). */
  from: chinaDay.optional(),
  /** Started on or before this day (China). */
  to: chinaDay.optional(),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export const caseListQuerySchema = caseFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the page before: the list goes on after its last case (keyset, newest first). */
  cursor: z.string().min(1).max(500).optional(),
});
export const caseListSchema = z.object({ items: z.array(caseSchema), nextCursor: z.string().nullable() });
export type CaseList = z.infer<typeof caseListSchema>;

export const caseExportQuerySchema = caseFilterSchema.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export const caseWithEventsSchema = z.object({
  case: caseSchema,
  /** The case's customer by name (the masked name for a customer above the user's clearance). */
  customer: z.object({ id: z.string(), name: z.string(), tier: z.string() }).nullable(),
  events: z.array(caseEventSchema),
});
export type CaseWithEvents = z.infer<typeof caseWithEventsSchema>;
