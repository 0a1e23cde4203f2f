import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { markReadBodySchema, markReadResultSchema, notificationListQuerySchema, notificationListSchema } from '../../contract';
import { currentUser, requireUser } from '../auth/session-plugin';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in user's notifications (the console's bell), newest first",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
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
        body: markReadBodySchema,
        response: { 200: markReadResultSchema },
      },
    },
    async (request) => ({ updated: await app.repos.notifications.markRead(currentUser(request).id, request.body.id) }),
  );
};
