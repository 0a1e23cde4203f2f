import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser, requireUser } from '../auth/session-plugin';

const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string().nullable(),
  taskId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in user's notifications (the console's bell), newest first",
        querystring: z.object({ unread: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(notificationSchema), unread: z.number() }) },
      },
    },
    async (request) => app.repos.notifications.list(currentUser(request).id, { unreadOnly: request.query.unread === 'true', limit: request.query.limit }),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification (or all, without an id) as read',
        body: z.object({ id: z.string().regex(/^\d{1,18}$/).optional() }),
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (request) => ({ updated: await app.repos.notifications.markRead(currentUser(request).id, request.body.id) }),
  );
};
