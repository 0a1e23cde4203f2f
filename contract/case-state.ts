import { z } from 'zod';
import { openIncidentSchema } from './incidents';

// GET /api/cases/:id/state: the running case as its workflow's state query sees it. Like the task
// page's answer, the route does not validate with this schema; its return type is checked against it.

export const openTaskViewSchema = z.object({
  taskId: z.string(),
  elementId: z.string(),
  name: z.string(),
  unitId: z.string(),
  assigneeId: z.string().nullable(),
  /** Filled by the API from app_user (the workflow knows ids only). */
  assigneeName: z.string().nullable().optional(),
  candidateGroups: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  candidateUserNames: z.array(z.string()).optional(),
  formId: z.string().nullable(),
  outcomes: z.array(z.string()),
  dueAt: z.string().nullable(),
  status: z.enum(['open', 'completing']),
});
export type OpenTaskView = z.infer<typeof openTaskViewSchema>;

export const caseStateSchema = z.object({
  status: z.enum(['running', 'completed', 'terminated', 'failed']),
  processKey: z.string(),
  processVersion: z.number(),
  /** Element ids where a token currently is (one entry per token). */
  activeElements: z.array(z.string()),
  tokens: z.array(z.object({ id: z.number(), elementId: z.string(), scopeId: z.string() })),
  /** How many times each element has been completed (diagram overlays). */
  completedCounts: z.record(z.string(), z.number()),
  openTasks: z.array(openTaskViewSchema),
  bufferedMessages: z.array(z.string()),
  /** Tokens stopped by an incident, waiting for a retry or a cancellation. */
  incidents: z.array(openIncidentSchema),
  /** Message catch elements a token waits at now. */
  awaitingMessages: z.array(z.string()).optional(),
  /** Of those, the ones the caller may register a message for (policy/messages.ts, as POST …/messages checks it). */
  registrableMessages: z.array(z.string()).optional(),
  variables: z.record(z.string(), z.unknown()),
});
export type CaseState = z.infer<typeof caseStateSchema>;
