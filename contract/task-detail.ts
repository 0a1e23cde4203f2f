import { z } from 'zod';
import { formJsSchema } from './forms';
import { taskCommentSchema, taskSummarySchema } from './tasks';

// GET /api/tasks/:id. The route does not validate its answer with this schema (it never has, and
// a response schema would strip fields and change the OpenAPI document); the route's return type
// is checked against it instead.

export const taskStepSchema = z.object({
  taskId: z.string(),
  elementId: z.string(),
  name: z.string(),
  completedBy: z.string().nullable(),
  completedByName: z.string().nullable(),
  completedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TaskStep = z.infer<typeof taskStepSchema>;

/** The task's case as the task page shows it (the customer by name, masked above the user's clearance). */
export const taskCaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  businessKey: z.string(),
  processKey: z.string(),
  processVersion: z.number(),
  status: z.string(),
  initiatorId: z.string().nullable(),
  initiatorName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  unitId: z.string(),
  startedAt: z.string(),
  customer: z.object({ id: z.string(), name: z.string(), tier: z.string() }).nullable(),
  variables: z.record(z.string(), z.unknown()),
});
export type TaskCase = z.infer<typeof taskCaseSchema>;

export const taskDetailSchema = z.object({
  task: taskSummarySchema,
  form: formJsSchema.nullable(),
  case: taskCaseSchema,
  steps: z.array(taskStepSchema),
  comments: z.array(taskCommentSchema),
  can: z.object({ complete: z.boolean(), claim: z.boolean(), unclaim: z.boolean(), delegate: z.boolean(), comment: z.boolean() }),
  /** The step's zeebe:taskHeaders as the diagram writes them ({} without any), shown on the task page. */
  headers: z.record(z.string(), z.string()),
  /** The open task's own variables from its input mappings ({} without any): its form sees them over the case's. */
  taskVariables: z.record(z.string(), z.unknown()),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;
