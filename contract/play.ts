import { z } from 'zod';
import { completeTaskBodySchema } from './tasks';
import { MAX_DIAGRAM_CHARS, processFormsSchema } from './processes';

// 试运行 (issue 18 §8): a process owner plays the editor's draft in a sandbox before deploying it.
// /api/processes/:key/play…; a run is addressed by its `runId`, only ever within the caller's own runs.

export const playParamsSchema = z.object({ key: z.string().min(1).max(100), runId: z.string().regex(/^[0-9a-f-]{36}$/, 'a run id') });
export const playTaskParamsSchema = playParamsSchema.extend({ taskId: z.string().min(1).max(300) });
export const playTimerParamsSchema = playParamsSchema.extend({ elementId: z.string().min(1).max(200) });

export const startPlayBodySchema = z.object({
  /** The diagram on the canvas; absent: the draft saved on the server. */
  xml: z.string().min(1).max(MAX_DIAGRAM_CHARS).optional(),
  forms: processFormsSchema.optional(),
  /** Sample variables the played case starts with. */
  variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a FEEL-friendly name'), z.unknown()).optional(),
});
export type StartPlayBody = z.input<typeof startPlayBodySchema>;

export const completePlayTaskBodySchema = completeTaskBodySchema.extend({
  /** The role the owner plays the step as (shown only; a sandbox checks no roles). */
  asRole: z.string().trim().min(1).max(50).optional(),
});
export type CompletePlayTaskBody = z.input<typeof completePlayTaskBodySchema>;

export const playMessageBodySchema = z.object({ messageName: z.string().min(1).max(100), variables: z.record(z.string(), z.unknown()).optional() });
export type PlayMessageBody = z.input<typeof playMessageBodySchema>;

const playTaskSchema = z.object({
  taskId: z.string(),
  elementId: z.string(),
  name: z.string(),
  candidateGroups: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  assigneeId: z.string().nullable(),
  formId: z.string().nullable(),
  outcomes: z.array(z.string()),
  status: z.enum(['open', 'completing']),
});

export const playStateSchema = z.object({
  runId: z.string(),
  processKey: z.string(),
  status: z.enum(['running', 'completed', 'terminated', 'failed']),
  /** Element ids where a token is now (one entry per token). */
  activeElements: z.array(z.string()),
  completedCounts: z.record(z.string(), z.number()),
  openTasks: z.array(playTaskSchema),
  /** Message catch elements a token waits at: what 发送消息 may send to. */
  awaitingMessages: z.array(z.string()),
  /** Timer elements a token waits at: what 触发定时器 may fire. */
  waitingTimers: z.array(z.string()),
  incidents: z.array(z.object({ id: z.string(), elementId: z.string(), message: z.string() })),
  variables: z.record(z.string(), z.unknown()),
});
export type PlayState = z.infer<typeof playStateSchema>;
export const startPlayResultSchema = playStateSchema;
