import { z } from 'zod';
import { DECISION_COMMENT_MAX, TASK_COMMENT_MAX } from './input-limits';

// The inbox and the task page: GET/POST /api/tasks….

export const taskStatusSchema = z.enum(['open', 'completed', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const slaSchema = z.enum(['none', 'on_time', 'due_soon', 'overdue']);
export type Sla = z.infer<typeof slaSchema>;

export const taskSummarySchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseTitle: z.string(),
  businessKey: z.string(),
  processKey: z.string(),
  elementId: z.string(),
  name: z.string(),
  status: taskStatusSchema,
  unitId: z.string(),
  candidateRoles: z.array(z.string()),
  /** unit: the roles are held in `unitId`; ancestors: in it or any unit above it. */
  candidateScope: z.enum(['unit', 'ancestors']),
  candidateUsers: z.array(z.string()),
  /** Display names of `candidateUsers`, same order (an id that names no user stays as it is). People are shown by name; ids are for links. */
  candidateUserNames: z.array(z.string()),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  formId: z.string().nullable(),
  outcomes: z.array(z.string()),
  escalationLevel: z.number(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  completedByName: z.string().nullable(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  /** 1 (customer tier A) … 4 (tier D); 3 without a customer. */
  priority: z.number(),
  sla: slaSchema,
  /**
   * What the caller may do with this task now, decided by the server from the policy the actions
   * themselves check (policy/sql.ts, capabilities): the console shows exactly these buttons.
   */
  actions: z.object({ complete: z.boolean(), claim: z.boolean(), delegate: z.boolean(), comment: z.boolean() }),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;
export type TaskActions = TaskSummary['actions'];
export const NO_TASK_ACTIONS: TaskActions = { complete: false, claim: false, delegate: false, comment: false };

export const taskCommentSchema = z.object({ id: z.string(), authorId: z.string(), authorName: z.string(), body: z.string(), at: z.string() });
export type TaskComment = z.infer<typeof taskCommentSchema>;

export const taskParamsSchema = z.object({ id: z.string().min(1).max(400) });

export const taskViewSchema = z.enum(['mine', 'group', 'all']);
export type TaskView = z.infer<typeof taskViewSchema>;
export const taskSortSchema = z.enum(['due', 'created', 'priority']);
export type TaskSort = z.infer<typeof taskSortSchema>;

export const taskListQuerySchema = z.object({
  view: taskViewSchema.default('all'),
  status: z.enum(['open', 'completed']).default('open'),
  processKey: z.string().max(100).optional(),
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  customerId: z.string().max(100).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  // When not given, defaultTaskSort(status) (task-sort.ts).
  sort: taskSortSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const taskPageSchema = z.object({ items: z.array(taskSummarySchema), nextCursor: z.string().nullable() });
export type TaskPage = z.infer<typeof taskPageSchema>;

export const taskCountsSchema = z.object({ mine: z.number(), group: z.number(), all: z.number(), overdue: z.number(), dueSoon: z.number() });
export type TaskCounts = z.infer<typeof taskCountsSchema>;


export const commentBodySchema = z.object({ body: z.string().trim().min(1).max(TASK_COMMENT_MAX) });

export const completeTaskBodySchema = z.object({
  outcome: z.string().trim().min(1).max(50),
  comment: z.string().trim().max(DECISION_COMMENT_MAX).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type CompleteTaskBody = z.input<typeof completeTaskBodySchema>;

export const completeTaskResultSchema = z.object({ taskId: z.string(), outcome: z.string(), completedAt: z.string() });
export type CompleteTaskResult = z.infer<typeof completeTaskResultSchema>;

export const bulkCompleteBodySchema = z.object({
  items: z
    .array(
      z.object({
        taskId: z.string().min(1).max(400),
        outcome: z.string().trim().min(1).max(50),
        comment: z.string().trim().max(DECISION_COMMENT_MAX).optional(),
        data: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .min(1)
    .max(100),
});

export const bulkItemResultSchema = z.object({
  taskId: z.string(),
  ok: z.boolean(),
  status: z.number(),
  detail: z.string().optional(),
  /** The refusal's stable code and what it names, for the console to word it (see server/http/problem.ts). */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))])).optional(),
  completedAt: z.string().optional(),
});
export type BulkItemResult = z.infer<typeof bulkItemResultSchema>;
export const bulkCompleteResultSchema = z.object({ results: z.array(bulkItemResultSchema) });

export const assignmentResultSchema = z.object({ taskId: z.string(), assigneeId: z.string().nullable() });
export type AssignmentResult = z.infer<typeof assignmentResultSchema>;

/**
 * Delegation goes to someone the step is offered to (GET …/eligible-users). `override: true` gives
 * it to anyone active instead: only for managers (capability overrideDelegation), and only with a
 * reason, which the audit trail keeps.
 */
export const delegateBodySchema = z
  .object({ userId: z.string().min(1).max(100), reason: z.string().trim().max(500).optional(), override: z.boolean().optional() })
  .refine((b) => !b.override || !!b.reason, { path: ['reason'], message: 'an override needs a reason', params: { reason: 'overrideNeedsReason' } });
export type DelegateBody = z.input<typeof delegateBodySchema>;

export const eligibleUsersQuerySchema = z.object({
  /** Part of a name (or user name) to look for. */
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const eligibleUserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitNameEn: z.string(),
  /** The step's candidate roles this person holds (empty when a candidate user by name). */
  roles: z.array(z.string()),
});
export type EligibleUser = z.infer<typeof eligibleUserSchema>;
export const eligibleUsersSchema = z.object({ items: z.array(eligibleUserSchema), nextOffset: z.number().int().nullable() });
export type EligibleUsers = z.infer<typeof eligibleUsersSchema>;
