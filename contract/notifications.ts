import { z } from 'zod';

// The console's bell (GET /api/notifications, POST /api/notifications/read).

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string().nullable(),
  taskId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  /**
   * The notice as a wording key (`notice`: task.new, task.delegated, task.escalated, case.ended) and
   * its parameters (task, actor, status, ending, case), for the console to say it in the reader's
   * language; null for notices a diagram words (notify) and where the text is withheld.
   */
  params: z.record(z.string(), z.string()).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({ unread: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(100).default(20) });
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number() });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const markReadBodySchema = z.object({ id: z.string().regex(/^\d{1,18}$/).optional() });
export const markReadResultSchema = z.object({ updated: z.number() });
